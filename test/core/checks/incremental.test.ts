// The incremental re-analysis must give what a fresh analysis of the same text gives: many
// seeded random one-line edits, each re-analysed from the previous version and compared
// with analyze() of the new text (findings, model, evaluation results).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, type Analysis, type AnalysisOptions } from '../../../src/core/checks/analysis';
import { reanalyze } from '../../../src/core/checks/incremental';
import { DataCache } from '../../../src/core/data/load';
import { evaluateAnalysis } from '../../../src/core/evaluation/evaluate';
import { mulberry32, randomInt } from '../../../src/core/common/random';
import { fixture, repoRoot } from '../../paths';

const TODAY = '2026-01-15';

/** A 1,000-KPI file over test/fixtures/data/survey.csv: sourced, filtered and derived KPIs, some broken. */
export function thousandKpis(): string {
  const formulas = [
    'pct(score >= 9) - pct(score <= 6)',
    'avg(handle_seconds) / 60',
    'median(handle_seconds where channel == "chat")',
    'count(recommend)',
    'sum(handle_secs)',
    'avg(score',
  ];
  const goals = Array.from({ length: 20 }, (_, i) => `  - id: goal_${i}\n    title: Goal ${i}`).join('\n');
  const kpis = Array.from({ length: 1000 }, (_, i) => {
    const lines = [`  - id: kpi_${i}`, `    name: KPI number ${i}`];
    if (i % 7 === 3) {
      lines.push(`    formula: kpi_${i - 1} + kpi_${i - 2} * 2`, '    unit: number');
    } else {
      lines.push(
        `    unit: ${i % 3 === 0 ? 'percent' : 'number'}`,
        '    source: survey',
        `    formula: ${formulas[i % formulas.length]}`,
      );
      if (i % 5 === 0) lines.push('    filter: channel == "email"');
      if (i % 2 === 0) lines.push('    grain: month');
    }
    if (i % 4 !== 1) lines.push(`    goals: [goal_${i % 20}]`);
    if (i % 3 !== 2)
      lines.push(
        `    target: { value: ${40 + (i % 30)}, direction: increase, due: 2026-12-31, baseline: { value: 30, as_of: 2025-12-31 } }`,
      );
    if (i % 11 === 0) lines.push(`    guardrails: [kpi_${i + 1}]`, '    # a comment inside the item', '');
    return lines.join('\n');
  }).join('\n');
  const sources = 'sources:\n  survey:\n    path: survey.csv\n    time: submitted_at\n';
  const rules = 'rules:\n  no-guardrail: info\n  goal-too-many-kpis: [warning, { max: 40 }]\n';
  return `version: 1\ngoals:\n${goals}\n${sources}kpis:\n${kpis}\n${rules}`;
}

const INSERTS = [
  '    description: added',
  '    unit: perc',
  '    formula: avg(score) +',
  '    formula: kpi_1 / kpi_2',
  '  - id: inserted',
  '    # just a comment',
  '',
  '\tname: tab',
  '    name: &anchor x',
  '    owner: *anchor',
  '    target: { value: 5, direction: decrease }',
  '    grain: week',
  '    id: kpi_5',
  '    goals: [nowhere]',
  '---',
  '    name: "unclosed',
  'top: level',
];

/** One random one-line edit: a line's characters changed, the line removed or doubled, or a line inserted. */
function randomEdit(text: string, next: () => number, within?: (lines: string[]) => [number, number]): string {
  const lines = text.split('\n');
  const [from, to] = within?.(lines) ?? [0, lines.length];
  const at = from + randomInt(next, to - from);
  const line = lines[at]!;
  switch (randomInt(next, 6)) {
    case 0: {
      // Type or delete a few characters somewhere in the line.
      const pos = randomInt(next, line.length + 1);
      const typed = ['x', '1', ' ', ':', '_', '"', '#', '(', ''][randomInt(next, 9)]!;
      const cut = randomInt(next, 3);
      lines[at] = line.slice(0, pos) + typed + line.slice(pos + cut);
      break;
    }
    case 1:
      lines.splice(at, 1);
      break;
    case 2:
      lines.splice(at, 0, line);
      break;
    case 3:
      lines.splice(at, 0, INSERTS[randomInt(next, INSERTS.length)]!);
      break;
    default: {
      // Change a value: what follows the first ': '.
      const colon = line.indexOf(': ');
      const values = ['kpi_3', 'survey', 'month', 'avg(score)', '12', 'increase', '[goal_1, goal_2]', 'kpi_9 * 2'];
      lines[at] = colon < 0 ? `${line}x` : `${line.slice(0, colon + 2)}${values[randomInt(next, values.length)]!}`;
    }
  }
  return lines.join('\n');
}

function comparable(a: Analysis): unknown {
  return {
    findings: a.findings.map((f) => ({ ...f })),
    checked: a.checked,
    model: a.model,
    data: a.loaded.data,
    yaml: a.loaded.findings,
    formulas: [...a.formulas],
    graph: a.graph.components.map((c) => c.map((k) => k.index)),
    grains: [...a.grains].map(([k, g]) => [k.index, g]),
  };
}

interface EditPlan {
  edits: number;
  seed: number;
  evaluateEvery: number;
  minShare: number;
  /** The lines edits fall on (default: all). */
  within?: (lines: string[]) => [number, number];
}

function checkEdits(
  name: string,
  text: string,
  options: AnalysisOptions,
  { edits, seed, evaluateEvery, minShare, within }: EditPlan,
): void {
  const next = mulberry32(seed);
  let previous = analyze(text, options);
  let incremental = 0;
  for (let n = 0; n < edits; n++) {
    const edited = randomEdit(previous.text, next, within);
    const doc = previous.loaded.doc;
    const again = reanalyze(previous, edited, options);
    if (again.loaded.doc === doc) incremental++;
    const fresh = analyze(edited, options);
    assert.deepEqual(comparable(again), comparable(fresh), `${name}, edit ${n}`);
    if (n % evaluateEvery === 0) {
      assert.deepEqual(evaluateAnalysis(again), evaluateAnalysis(fresh), `${name}, edit ${n}: results`);
    }
    if (fresh.loaded.findings.length > 0) {
      // A YAML error stops every later edit from being incremental: type on from the text before it.
      previous = analyze(previous.text, options);
    } else {
      // Half the time go on from the fresh analysis, so that both kinds of previous are covered.
      previous = next() < 0.5 ? again : fresh;
    }
  }
  // Most one-line edits stay inside one KPI: the test must exercise the incremental path.
  assert.ok(incremental > edits * minShare, `${name}: only ${incremental} of ${edits} edits were incremental`);
}

test('random one-line edits of a 1,000-KPI file: incremental = fresh analysis', () => {
  const options = {
    filePath: fixture('data', 'thousand.kpis.yaml'),
    workspaceRoot: fixture('data'),
    today: TODAY,
    loader: new DataCache(),
  };
  checkEdits('thousand', thousandKpis(), options, { edits: 40, seed: 11, evaluateEvery: 10, minShare: 0.4 });
});

test('random one-line edits of the sample file: incremental = fresh analysis', () => {
  const file = path.join(repoRoot, 'samples', 'kpis.yaml');
  const options = {
    filePath: file,
    workspaceRoot: path.dirname(file),
    today: TODAY,
    loader: new DataCache(),
  };
  checkEdits('sample', fs.readFileSync(file, 'utf8'), options, {
    edits: 200,
    seed: 3,
    evaluateEvery: 10,
    minShare: 0.2,
  });
});

test('an edit inside one KPI re-reads only that KPI: the others are reused, moved by the length change', () => {
  const text = fs.readFileSync(path.join(repoRoot, 'samples', 'kpis.yaml'), 'utf8');
  const options = { today: TODAY };
  const before = analyze(text, options);
  const [first, third] = [before.model.kpis[0]!, before.model.kpis[2]!];
  const thirdStart = third.range.start;
  const thirdFormula = before.formulas.get(2);
  const at = text.indexOf('    name: Average revenue per account');
  const edited = `${text.slice(0, at)}    name: ARPA${text.slice(text.indexOf('\n', at))}`;
  const after = reanalyze(before, edited, options);
  assert.equal(after.model.kpis[1]!.name!.value, 'ARPA');
  assert.equal(after.model.kpis[0], first);
  assert.equal(after.model.kpis[2], third);
  assert.equal(third.range.start, thirdStart - ('Average revenue per account'.length - 'ARPA'.length));
  assert.equal(after.formulas.get(2), thirdFormula);
  assert.deepEqual(comparable(after), comparable(analyze(edited, options)));
});

test('an edit across two KPIs, or outside the kpis list, is analysed afresh and still right', () => {
  const text = fs.readFileSync(path.join(repoRoot, 'samples', 'kpis.yaml'), 'utf8');
  const options = { today: TODAY };
  for (const [from, to] of [
    ['    tags: [revenue]\n\n  - id: arpa', '  - id: arpa'],
    ['    owner: coo', '    owner: ceo'],
    ['  goal-too-many-kpis: [info, { max: 5 }]', '  goal-too-many-kpis: [info, { max: 1 }]'],
  ] as const) {
    assert.ok(text.includes(from));
    const before = analyze(text, options);
    const edited = text.replace(from, to);
    const after = reanalyze(before, edited, options);
    assert.notEqual(after.loaded.doc, before.loaded.doc);
    assert.deepEqual(comparable(after), comparable(analyze(edited, options)));
  }
});

/** The lines of the last KPI: from its dash line to the end of the list. */
function lastKpi(lines: string[]): [number, number] {
  let first = lines.length - 1;
  while (first > 0 && !/^ {2}- id:/.test(lines[first]!)) first--;
  let end = first + 1;
  while (end < lines.length && !/^[a-z]/.test(lines[end]!)) end++;
  return [first, end];
}

test('random edits in the last KPI, with the list last or followed by rules:, comments after it', () => {
  const options = {
    filePath: fixture('data', 'thousand.kpis.yaml'),
    workspaceRoot: fixture('data'),
    today: TODAY,
    loader: new DataCache(),
  };
  const small = thousandKpis().split('\n  - id: kpi_40\n')[0]!;
  for (const [name, text] of [
    ['rules after', `${small}\n  # trailing comment\nrules:\n  no-guardrail: info\n`],
    ['list last', `${small}\n\n# the end\n`],
    ['list last, no comment', `${small}\n`],
  ] as const) {
    checkEdits(name, text, options, { edits: 40, seed: 5, evaluateEvery: 5, minShare: 0.1, within: lastKpi });
  }
});
