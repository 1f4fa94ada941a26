import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { completionsAt, yamlContextAt, type Completion } from '../../../src/core/editor';
import { withCursor } from './kit';

/** The completions at `¦` after replacing `from` with `to` in the editor fixture. */
function complete(
  from: string,
  to: string,
): { items: Completion[]; labels: string[]; replaced: string[]; offset: number; text: string } {
  const f = withCursor([from, to]);
  const items = completionsAt(f.analysis, f.offset);
  return {
    items,
    labels: items.map((c) => c.label),
    replaced: [...new Set(items.map((c) => f.text.slice(c.range.start, c.range.end)))],
    offset: f.offset,
    text: f.text,
  };
}

const COLUMNS = ['submitted_at', 'channel', 'Likely to recommend', 'comment'];
const SCALARS = ['abs', 'round', 'floor', 'ceil', 'coalesce', 'if', 'days_between', 'hours_between', 'minutes_between'];
const AGGREGATES = ['count', 'pct', 'share', 'sum', 'avg', 'min', 'max', 'median', 'percentile', 'count_distinct'];

test('goal ids in a KPI flow goals list, without those already listed', () => {
  const c = complete('goals: [retain]\n    source: survey', 'goals: [retain, ¦]\n    source: survey');
  assert.deepEqual(c.labels, ['grow', 'lonely']);
  assert.equal(c.items[0]!.detail, 'Grow revenue');
  assert.equal(c.items[0]!.insertText, 'grow', 'after ", " no extra space');
  assert.deepEqual(
    c.items.map((i) => i.range),
    [
      { start: c.offset, end: c.offset },
      { start: c.offset, end: c.offset },
    ],
  );
});

test('goal ids in a block goals list, replacing the word being typed', () => {
  const c = complete('      - retain\n', '      - retain\n      - lo¦\n');
  assert.deepEqual(c.labels, ['grow', 'lonely']);
  assert.deepEqual(c.replaced, ['lo']);
  assert.deepEqual(c.items[0]!.range, { start: c.offset - 2, end: c.offset });
});

test("goal ids after a goal's parent:, not the goal itself", () => {
  const c = complete('    parent: grow', '    parent: g¦');
  assert.deepEqual(c.labels, ['grow', 'lonely']);
  assert.deepEqual(c.replaced, ['g']);
});

test('source names after source:, with a space inserted right after the colon', () => {
  const c = complete('    source: orders', '    source:¦');
  assert.deepEqual(c.labels, ['survey', 'orders']);
  assert.equal(c.items[0]!.insertText, ' survey');
  assert.equal(c.items[0]!.detail, 'data/survey.csv');
});

test('columns (back-quoted when needed) and every function inside a sourced formula', () => {
  const c = complete('formula: pct(`Likely to recommend` >= 9)', 'formula: pct(co¦ >= 9)');
  assert.deepEqual(c.labels, [...COLUMNS, ...AGGREGATES, ...SCALARS]);
  assert.deepEqual(c.replaced, ['co']);
  const likely = c.items.find((i) => i.label === 'Likely to recommend')!;
  assert.equal(likely.insertText, '`Likely to recommend`');
  assert.equal(likely.filterText, 'Likely to recommend');
  assert.equal(likely.detail, 'number column of survey');
  const pct = c.items.find((i) => i.label === 'percentile')!;
  assert.deepEqual([pct.insertText, pct.snippet, pct.detail], ['percentile($1)', true, 'percentile(x, p [where P])']);
  assert.equal(c.items.find((i) => i.label === 'count')!.insertText, 'count($1)');
});

test('inside an open back quote: columns only, replacing from the back quote to the closing one', () => {
  const c = complete('formula: pct(`Likely to recommend` >= 9)', 'formula: pct(`Lik¦ely to recommend` >= 9)');
  assert.deepEqual(c.labels, COLUMNS);
  assert.deepEqual(c.replaced, ['`Likely to recommend`']);
  assert.equal(c.items[2]!.filterText, '`Likely to recommend');
  const open = complete('formula: pct(`Likely to recommend` >= 9)', 'formula: pct(`Lik¦ >= 9)');
  assert.deepEqual(open.replaced, ['`Lik']);
});

test('in a filter: columns and scalar functions only; nothing inside a string literal', () => {
  const c = complete('filter: channel != "internal"', 'filter: ch¦');
  assert.deepEqual(c.labels, [...COLUMNS, ...SCALARS]);
  assert.deepEqual(complete('filter: channel != "internal"', 'filter: channel != "int¦').labels, []);
  assert.deepEqual(complete('filter: channel != "internal"', 'filter: channel != "int¦ernal"').labels, []);
});

test('KPI ids (not its own) and scalar functions in a derived formula', () => {
  const c = complete('formula: nps / responses', 'formula: nps / re¦');
  assert.deepEqual(c.labels, ['nps', 'responses', 'revenue', ...SCALARS]);
  assert.equal(c.items[1]!.detail, 'Responses');
  assert.deepEqual(c.replaced, ['re']);
});

test('KPI ids in guardrails (flow and block), without the KPI itself or those listed', () => {
  assert.deepEqual(complete('guardrails: [nps]', 'guardrails: [nps, ¦]').labels, ['per_response', 'revenue']);
  assert.deepEqual(complete('guardrails: [nps]', 'guardrails:\n      - ¦').labels, ['nps', 'per_response', 'revenue']);
});

test('enum values: unit, grain, direction (block and flow target), format, column types, severities', () => {
  assert.deepEqual(complete('    unit: count', '    unit: c¦').labels, [
    'percent',
    'score',
    'ratio',
    'count',
    'currency',
    'duration',
    'number',
  ]);
  assert.deepEqual(
    complete('    grain: month\n    target: { value: 5', '    grain: ¦\n    target: { value: 5').labels,
    ['day', 'week', 'month', 'quarter', 'year'],
  );
  assert.deepEqual(complete('      direction: increase', '      direction: de¦').labels, ['increase', 'decrease']);
  assert.deepEqual(
    complete('target: { value: 5, due: 2026-06-30 }', 'target: { value: 5, direction: ¦, due: 2026-06-30 }').labels,
    ['increase', 'decrease'],
  );
  assert.deepEqual(complete('    path: data/orders.csv', '    path: data/orders.csv\n    format: ¦').labels, [
    'csv',
    'json',
    'jsonl',
  ]);
  assert.deepEqual(
    complete('    path: data/orders.csv', '    path: data/orders.csv\n    columns:\n      order_id: s¦').labels,
    ['number', 'string', 'boolean', 'date'],
  );
  assert.deepEqual(
    complete('      direction: increase\n', '      direction: increase\n      baseline: { value: ¦').labels,
    [],
  );
  const rules = complete('        as_of: 2026-01-31\n', '        as_of: 2026-01-31\nrules:\n  no-goal: [w¦, {}]\n');
  assert.deepEqual(rules.labels, ['off', 'info', 'warning', 'error']);
  assert.deepEqual(rules.replaced, ['w']);
});

test('rule ids as keys under rules:, without those already set', () => {
  const c = complete('        as_of: 2026-01-31\n', '        as_of: 2026-01-31\nrules:\n  no-goal: off\n  target-¦\n');
  assert.ok(c.labels.includes('target-no-due') && !c.labels.includes('no-goal'), c.labels.join(', '));
  assert.deepEqual(c.replaced, ['target-']);
});

test('a time column: the date columns of the source', () => {
  assert.deepEqual(complete('    time: submitted_at', '    time: sub¦').labels, ['submitted_at']);
});

test('works while the YAML is broken: an unclosed flow list above, a half-typed key below', () => {
  const broken = complete('    goals: [retain]\n    source: survey', '    goals: [retain, gr¦\n    source: survey');
  assert.deepEqual(broken.labels, ['grow', 'lonely']);
  const formula = complete('    formula: count()\n', '    goals: [retain\n    formula: count(ch¦\n    tar\n');
  assert.deepEqual(
    formula.labels.slice(0, 4),
    COLUMNS,
    'the source is read from the lines when the model has no such KPI',
  );
  assert.ok(formula.labels.includes('count'));
});

test('nothing on keys, comments or plain values', () => {
  assert.deepEqual(complete('    name: Responses', '    na¦me: Responses').labels, []);
  assert.deepEqual(complete('    name: Responses', '    name: Resp¦onses').labels, []);
  assert.deepEqual(complete('    unit: count', '    unit: count # c¦').labels, []);
});

test('yamlContextAt reads the path from the lines: block lists at the key column, multi-line formulas', () => {
  const at = (text: string): string => {
    const ctx = yamlContextAt(text.replace('¦', ''), text.indexOf('¦'));
    return `${ctx.path.join('/')} ${ctx.at}`;
  };
  assert.equal(at('kpis:\n- id: a\n  goals:\n  - x¦'), 'kpis/-/goals/- value');
  assert.equal(at('kpis:\n  - id: a\n    formula: >-\n      avg(x)\n      / co¦'), 'kpis/-/formula value');
  assert.equal(at('kpis:\n  - id: a\n    formula:\n      avg(x) / co¦'), 'kpis/-/formula value');
  assert.equal(at('kpis:\n  - id: a\n    sou¦'), 'kpis/- key');
  assert.equal(at('kpis:\n  - id: a\n    ¦'), 'kpis/- key');
  assert.equal(at('kpis:\n  - { id: a, source: ¦'), 'kpis/-/source value');
  assert.equal(at('kpis:\n  - id: a\n    target: { baseline: { as_of: ¦ } }'), 'kpis/-/target/baseline/as_of value');
  assert.equal(at('sources:\n  "my data":\n    format: ¦'), 'sources/my data/format value');
  assert.equal(at('kpis:\r\n  - id: a\r\n    unit: ¦\r\n'), 'kpis/-/unit value');
});
