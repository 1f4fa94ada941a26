// Bad input never crashes or hangs (issue 3): every input gives findings with ranges
// inside the text. The heavy cases run in a worker thread with a generous deadline, so
// that a hang fails the test instead of hanging the run; no timing is asserted.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AnalysisOptions } from '../../../src/core/checks/analysis';
import type { Finding } from '../../../src/core/model/finding';
import { analyzeText, assertRangesInside, findingsOf, load, TODAY } from './rules/kit';

const CORE = path.join(__dirname, '..', '..', '..', 'src', 'core');
const ANALYSIS_MODULE = path.join(CORE, 'checks', 'analysis.js');
const LOAD_MODULE = path.join(CORE, 'data', 'load.js');
const CLEAN_FILE = load('clean.kpis.yaml').file;

interface WorkerResult {
  length: number;
  findings: Pick<Finding, 'rule' | 'severity' | 'message' | 'range'>[];
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
try {
  const { analyze } = require(workerData.module);
  const { DataCache } = require(workerData.loadModule);
  const text = workerData.file ? fs.readFileSync(workerData.file, 'utf8') : workerData.text;
  const a = analyze(text, { ...workerData.options, loader: new DataCache() });
  parentPort.postMessage({ ok: true, length: text.length,
    findings: a.findings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, range: f.range })) });
} catch (e) {
  parentPort.postMessage({ ok: false, error: String((e && e.stack) || e) });
}
`;

/** Runs analyze() in a worker; rejects when it throws or has not returned after `seconds`. */
function analyzeInWorker(
  input: { text: string } | { file: string },
  options: AnalysisOptions,
  seconds: number,
): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { module: ANALYSIS_MODULE, loadModule: LOAD_MODULE, ...input, options },
      resourceLimits: { maxOldGenerationSizeMb: 3072 },
    });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`analyze() had not returned after ${seconds} s: it hangs on this input`));
    }, seconds * 1000);
    worker.once('message', (m: ({ ok: true } & WorkerResult) | { ok: false; error: string }) => {
      clearTimeout(timer);
      void worker.terminate();
      if (m.ok) resolve(m);
      else reject(new Error(`analyze() threw: ${m.error}`));
    });
    worker.once('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`analyze() crashed the worker: ${e.message}`));
    });
  });
}

function assertInside(result: WorkerResult): void {
  for (const f of result.findings) {
    assert.ok(
      0 <= f.range.start && f.range.start <= f.range.end && f.range.end <= result.length,
      `${f.rule} range ${f.range.start}-${f.range.end} outside a text of ${result.length}`,
    );
  }
}

function noRuleFailed(findings: readonly { message: string }[]): void {
  const failed = findings.filter((f) => f.message.includes('could not run the check'));
  assert.deepEqual(
    failed.map((f) => f.message),
    [],
    'every rule ran',
  );
}

test('an empty file: a finding at the start, no crash', () => {
  for (const text of ['', '\n', '   \n\n', '# only a comment\n']) {
    const analysis = analyzeText(text, CLEAN_FILE);
    assert.ok(analysis.findings.length >= 1, `${JSON.stringify(text)} gives a finding`);
    assertRangesInside(analysis);
    noRuleFailed(analysis.findings);
    assert.ok(analysis.findings.every((f) => f.severity === 'error'));
  }
});

test('a file of another YAML shape: a list, a scalar, a map of the wrong things', () => {
  for (const text of ['- a\n- b\n', 'just a sentence\n', '42\n', 'kpis: 3\ngoals: {a: 1}\nsources: [x]\n', 'null\n']) {
    const analysis = analyzeText(text, CLEAN_FILE);
    assert.ok(analysis.findings.length >= 1, `${JSON.stringify(text)} gives a finding`);
    assertRangesInside(analysis);
    noRuleFailed(analysis.findings);
    assert.ok(analysis.findings.some((f) => f.rule === 'schema' || f.rule === 'yaml-syntax'));
  }
});

test('a KPI list of the wrong shapes: items that are scalars, lists and nulls', () => {
  const text =
    'version: 1\ngoals: [a, [b], null, {}]\nkpis:\n  - just a string\n  - [1, 2]\n  -\n  - {}\n  - id: 5\n    goals: 7\n    target: oops\n';
  const analysis = analyzeText(text, CLEAN_FILE);
  assert.ok(analysis.findings.length >= 1);
  assertRangesInside(analysis);
  noRuleFailed(analysis.findings);
});

test('malformed YAML: an unclosed quote is a yaml-syntax error at or after the quote', () => {
  const text = 'version: 1\nkpis:\n  - id: nps\n    name: "Net Promoter Score\n    formula: count()\n';
  const analysis = analyzeText(text, CLEAN_FILE);
  const f = findingsOf(analysis, 'yaml-syntax');
  assert.ok(f.length >= 1, 'a yaml-syntax finding');
  assert.equal(f[0]!.severity, 'error');
  assert.match(f[0]!.message, /quote/);
  assertRangesInside(analysis);
  assert.ok(f[0]!.range.start >= text.indexOf('"Net'), 'not before the quote');
  assert.ok(f[0]!.range.end - f[0]!.range.start < text.length, 'never the whole file');
});

test('malformed YAML: the unclosed-quote finding highlights some text (not an empty range at the end of the file)', () => {
  const text = 'version: 1\nkpis:\n  - id: nps\n    name: "Net Promoter Score\n    formula: count()\n';
  const f = findingsOf(analyzeText(text, CLEAN_FILE), 'yaml-syntax')[0]!;
  assert.ok(f.range.end > f.range.start, `range ${f.range.start}-${f.range.end} of a text of ${text.length}`);
});

test('a duplicate key is a yaml-syntax error over the whole second key, naming it (plain and quoted keys)', () => {
  for (const [text, second] of [
    ['version: 1\nkpis:\n  - id: nps\n    name: NPS\n    formula: count()\n    name: Net Promoter Score\n', 'name'],
    ['version: 1\nkpis:\n  - id: nps\n    "formula": count()\n    "formula" : sum(x)\n', '"formula"'],
  ] as const) {
    const analysis = analyzeText(text, CLEAN_FILE);
    const f = findingsOf(analysis, 'yaml-syntax');
    assert.equal(f.length, 1, JSON.stringify(f));
    const start = text.lastIndexOf(second);
    assert.deepEqual(f[0]!.range, { start, end: start + second.length });
    assert.equal(
      f[0]!.message,
      `YAML syntax error: the key "${second.replace(/"/g, '')}" appears twice in the same mapping. Keep one of them.`,
    );
  }
});

test('malformed YAML: bad indentation is a yaml-syntax error on the offending line', () => {
  const text = 'version: 1\ngoals:\n  - id: retain\n    title: Keep customers\n   owner: cx\nkpis: []\n';
  const analysis = analyzeText(text, CLEAN_FILE);
  const f = findingsOf(analysis, 'yaml-syntax');
  assert.ok(f.length >= 1);
  const lineStart = text.indexOf('   owner');
  const lineEnd = text.indexOf('\n', lineStart);
  assert.ok(
    f.some((x) => x.range.start >= lineStart && x.range.start <= lineEnd),
    `a finding on the line "   owner: cx": ${JSON.stringify(f.map((x) => [x.range, x.message]))}`,
  );
  assertRangesInside(analysis);
});

test('malformed YAML: tabs, an unclosed flow list, two documents, a stray quote', () => {
  for (const text of [
    'version: 1\ngoals:\n\t- id: a\n',
    'version: 1\nkpis: [a, b\n',
    'version: 1\n---\nversion: 1\n',
    '"',
    "'",
    'a: b: c\n',
    '{',
  ]) {
    const analysis = analyzeText(text, CLEAN_FILE);
    assert.ok(findingsOf(analysis, 'yaml-syntax').length >= 1, `${JSON.stringify(text)} is a yaml-syntax error`);
    assertRangesInside(analysis);
    noRuleFailed(analysis.findings);
  }
});

test('deeply nested YAML does not crash', () => {
  const flow = 'version: 1\nmeta: ' + '['.repeat(20000) + ']'.repeat(20000) + '\n';
  const block =
    'version: 1\nx:\n' + Array.from({ length: 3000 }, (_, i) => ' '.repeat(i + 1) + 'a:').join('\n') + ' 1\n';
  for (const text of [flow, block]) {
    const analysis = analyzeText(text, CLEAN_FILE);
    assert.ok(analysis.findings.length >= 1);
    assertRangesInside(analysis);
  }
});

test('binary garbage: findings, ranges inside the text, no crash', () => {
  let seed = 7;
  const bytes = Buffer.alloc(200_000);
  for (let i = 0; i < bytes.length; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    bytes[i] = seed >>> 24;
  }
  for (const text of [
    bytes.toString('utf8'),
    bytes.toString('latin1'),
    '\0'.repeat(1000),
    'version: 1\n\0\0kpis: []\n',
    '\uFFFD\uD800x: 1\n',
  ]) {
    const analysis = analyzeText(text, CLEAN_FILE);
    assert.ok(analysis.findings.length >= 1, 'garbage gives findings');
    assertRangesInside(analysis);
    noRuleFailed(analysis.findings);
  }
});

function aliasBomb(indent: string, levels: number, width: number): string[] {
  const lines = [`${indent}l0: &a0 [${Array(width).fill('"lol"').join(', ')}]`];
  for (let i = 1; i < levels; i++)
    lines.push(
      `${indent}l${i}: &a${i} [${Array(width)
        .fill(`*a${i - 1}`)
        .join(', ')}]`,
    );
  return lines;
}

test('a "billion laughs" alias bomb at the top is a yaml-syntax error, returned promptly', async () => {
  const text = ['version: 1', ...aliasBomb('', 10, 10), 'kpis: []', ''].join('\n');
  const result = await analyzeInWorker({ text }, { today: TODAY, filePath: CLEAN_FILE }, 120);
  const bomb = result.findings.filter((f) => f.rule === 'yaml-syntax');
  assert.equal(bomb.length, 1, JSON.stringify(result.findings));
  assert.equal(bomb[0]!.severity, 'error');
  assert.match(bomb[0]!.message, /alias/);
  assertInside(result);
  const at = text.slice(bomb[0]!.range.start, bomb[0]!.range.end);
  assert.ok(at.length > 0 && at.length < 100, `points at an alias, not the whole file: ${JSON.stringify(at)}`);
});

test('an alias bomb inside a KPI (meta, goals) is a yaml-syntax error, returned promptly', async () => {
  const text = [
    'version: 1',
    'goals:',
    '  - id: g',
    '    title: G',
    'kpis:',
    '  - id: k',
    '    name: K',
    '    goals: &goals [g]',
    '    formula: "1"',
    '    meta:',
    ...aliasBomb('      ', 12, 10),
    '  - id: k2',
    '    name: K2',
    '    goals: *goals',
    '    formula: "2"',
    '',
  ].join('\n');
  const result = await analyzeInWorker({ text }, { today: TODAY, filePath: CLEAN_FILE }, 120);
  assert.ok(result.findings.some((f) => f.rule === 'yaml-syntax' && /alias/.test(f.message)));
  assertInside(result);
  noRuleFailed(result.findings);
});

/**
 * A ~10 MB KPI file: a goal tree with a loop, sources whose files are missing, sourced and
 * derived KPIs, targets; a few KPIs unlinked or naming things that do not exist.
 */
function hugeFile(bytes: number): string {
  const parts: string[] = ['version: 1\n\ngoals:\n'];
  const goals = 30;
  for (let g = 0; g < goals; g++) {
    // goal_0 ← goal_1 ← … ← goal_19 is a chain; goal_20 … goal_24 a loop; goal_25 … unmeasured
    const parent = g > 0 && g < 20 ? `goal_${g - 1}` : g >= 20 && g < 25 ? `goal_${g === 20 ? 24 : g - 1}` : undefined;
    parts.push(
      `  - id: goal_${g}\n    title: Goal number ${g} with a longer title\n${parent ? `    parent: ${parent}\n` : ''}`,
    );
  }
  parts.push('\nsources:\n');
  for (let s = 0; s < 50; s++) parts.push(`  src_${s}:\n    path: data/missing_${s}.csv\n    time: at\n`);
  parts.push('\nkpis:\n');
  let size = parts.reduce((n, p) => n + p.length, 0);
  for (let i = 0; size < bytes; i++) {
    const derived = i % 5 === 4;
    const goal = i % 500 === 7 ? '' : `    goals: [goal_${i % 20}${i % 1000 === 11 ? ', no_such_goal' : ''}]\n`;
    const s =
      `  - id: kpi_${i}\n` +
      `    name: KPI number ${i}\n` +
      `    unit: ${i % 3 === 0 ? 'percent' : i % 3 === 1 ? 'duration' : 'count'}\n` +
      `    indicator: ${i % 2 ? 'leading' : 'lagging'}\n` +
      goal +
      (i % 4 === 0
        ? `    guardrails: [kpi_${Math.max(0, i - 4)}${i % 1000 === 0 ? `, kpi_missing_${i}` : ''}]\n`
        : '') +
      (derived
        ? `    formula: kpi_${i - 1} + kpi_${i - 2}\n`
        : `    source: src_${i % 50}\n    formula: avg(value_${i % 13})\n    grain: month\n`) +
      (i % 6 === 0
        ? ''
        : `    target: { value: ${i % 150}, direction: ${i % 2 ? 'increase' : 'decrease'}, due: 202${i % 9}-06-30, baseline: { value: 50, as_of: 2025-01-01 } }\n`);
    parts.push(s);
    size += s.length;
  }
  return parts.join('');
}

test('a ~10 MB generated file returns findings', { timeout: 20 * 60_000 }, async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-lens-huge-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'kpis.yaml');
  fs.writeFileSync(file, hugeFile(10 * 1024 * 1024));
  assert.ok(fs.statSync(file).size >= 10 * 1024 * 1024);
  const result = await analyzeInWorker({ file }, { today: TODAY, filePath: file }, 15 * 60);
  assert.ok(result.findings.length > 1000, `${result.findings.length} findings`);
  assertInside(result);
  noRuleFailed(result.findings);
  const rules = new Set<string>(result.findings.map((f) => f.rule));
  for (const rule of [
    'goal-cycle',
    'goal-without-kpi',
    'no-goal',
    'unknown-goal',
    'unknown-kpi',
    'source-unreadable',
    'target-out-of-range',
  ]) {
    assert.ok(rules.has(rule), `${rule} among ${[...rules].join(', ')}`);
  }
});

test('a goal chain 20,000 deep and a loop of 20,000 goals: every rule runs, nothing hangs', async () => {
  const chain = ['version: 1', 'goals:'];
  for (let g = 0; g < 20000; g++)
    chain.push(`  - id: g${g}`, '    title: G', ...(g > 0 ? [`    parent: g${g - 1}`] : []));
  chain.push('kpis:', '  - id: k', '    name: K', '    goals: [g19999]', '    formula: "1"', '');
  const deep = await analyzeInWorker({ text: chain.join('\n') }, { today: TODAY }, 300);
  noRuleFailed(deep.findings);
  assert.deepEqual(
    deep.findings.filter((f) => f.rule === 'goal-without-kpi' || f.rule === 'goal-cycle'),
    [],
    'the chain is measured from its leaf and has no loop',
  );

  const loop = ['version: 1', 'goals:'];
  for (let g = 0; g < 20000; g++) loop.push(`  - id: g${g}`, '    title: G', `    parent: g${(g + 1) % 20000}`);
  loop.push('');
  const looped = await analyzeInWorker({ text: loop.join('\n') }, { today: TODAY }, 300);
  noRuleFailed(looped.findings);
  assert.equal(looped.findings.filter((f) => f.rule === 'goal-cycle').length, 20000);
  assert.ok(
    looped.findings.every((f) => f.message.length < 1000),
    'messages stay short',
  );
});

test('20,000 KPIs each with a guardrail: every rule runs, nothing hangs', async () => {
  const lines = ['version: 1', 'goals:', '  - id: g', '    title: G', 'kpis:'];
  for (let i = 0; i < 20000; i++)
    lines.push(
      `  - id: k${i}`,
      `    name: K${i}`,
      '    goals: [g]',
      `    guardrails: [k${(i + 1) % 20000}]`,
      `    formula: "${i}"`,
    );
  lines.push('');
  const result = await analyzeInWorker({ text: lines.join('\n') }, { today: TODAY }, 300);
  noRuleFailed(result.findings);
  assert.equal(result.findings.filter((f) => f.rule === 'unknown-kpi').length, 0);
});

test('a chain of 20,000 derived KPIs neither hangs nor makes analyze() throw', async () => {
  // k0 = k1 + 1, k1 = k2 + 1, …: the first walk from k0 goes 20,000 deep
  const lines = ['version: 1', 'goals:', '  - id: g', '    title: G', 'kpis:'];
  for (let i = 0; i < 20000; i++)
    lines.push(
      `  - id: k${i}`,
      `    name: K${i}`,
      '    goals: [g]',
      `    formula: ${i === 19999 ? '"1"' : `k${i + 1} + 1`}`,
    );
  lines.push('');
  const result = await analyzeInWorker({ text: lines.join('\n') }, { today: TODAY }, 120);
  noRuleFailed(result.findings);
});

test('derived KPIs that share inputs (k_i = k_{i-1} + k_{i-2}, 40 of them) do not hang', async () => {
  const lines = ['version: 1', 'goals:', '  - id: g', '    title: G', 'kpis:'];
  for (let i = 0; i < 40; i++)
    lines.push(
      `  - id: k${i}`,
      `    name: K${i}`,
      '    goals: [g]',
      `    formula: ${i < 2 ? '"1"' : `k${i - 1} + k${i - 2}`}`,
    );
  lines.push('');
  const result = await analyzeInWorker({ text: lines.join('\n') }, { today: TODAY }, 120);
  noRuleFailed(result.findings);
});

test('many guardrails naming no KPI (3,000 in a 300 KB file) do not take minutes', async () => {
  const lines = ['version: 1', 'goals:', '  - id: g', '    title: G', 'kpis:'];
  for (let i = 0; i < 3000; i++)
    lines.push(
      `  - id: kpi_${i}`,
      `    name: K${i}`,
      '    goals: [g]',
      `    guardrails: [kpi_missing_${i}]`,
      `    formula: "${i}"`,
    );
  lines.push('');
  const result = await analyzeInWorker({ text: lines.join('\n') }, { today: TODAY }, 120);
  assert.equal(result.findings.filter((f) => f.rule === 'unknown-kpi').length, 3000);
});

test('many unlinked KPIs in a file with many goals (6,000 × 600) do not take minutes', async () => {
  const lines = ['version: 1', 'goals:'];
  for (let g = 0; g < 600; g++) lines.push(`  - id: goal_${g}`, `    title: Goal ${g}`);
  lines.push('kpis:');
  for (let i = 0; i < 6000; i++) lines.push(`  - id: k${i}`, `    name: K${i}`, `    formula: "${i}"`);
  lines.push('');
  const result = await analyzeInWorker({ text: lines.join('\n') }, { today: TODAY }, 120);
  assert.equal(result.findings.filter((f) => f.rule === 'no-goal').length, 6000);
});

test('a finding after an escape in a double-quoted formula underlines the right characters (\\n, \\x41, \\t, \\")', () => {
  const base = load('clean.kpis.yaml').text;
  for (const formula of [
    '"count(channel == \'x\')\\n + summ(handle_seconds)"',
    '"count(channel == \'\\x41\') + summ(handle_seconds)"',
    '"count(channel == \\t\\"q\\") + summ(handle_seconds)"',
  ]) {
    const text = base.replace('formula: pct(satisfied == true)', `formula: ${formula}`);
    assert.notEqual(text, base);
    const f = findingsOf(analyzeText(text, CLEAN_FILE), 'unknown-function');
    assert.equal(f.length, 1, formula);
    assert.equal(text.slice(f[0]!.range.start, f[0]!.range.end), 'summ', formula);
  }
});

test('yaml errors that would speak to a programmer are said in plain words: a second document, a tab as indent', () => {
  const second = findingsOf(analyzeText('version: 1\n---\nversion: 1\n', CLEAN_FILE), 'yaml-syntax');
  assert.equal(second.length, 1);
  assert.match(second[0]!.message, /one YAML document, but this "---" starts a second one/);
  assert.doesNotMatch(second[0]!.message, /parseAllDocuments/);
  const tab = findingsOf(analyzeText('version: 1\ngoals:\n\t- id: a\n', CLEAN_FILE), 'yaml-syntax');
  assert.equal(tab[0]!.message, 'YAML syntax error: a tab indents this line; YAML indents with spaces only');
});

test('a binary file gets one plain finding at its first NUL or control character, not parser errors quoting the bytes', () => {
  const png = Buffer.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0,
  ]).toString('utf8');
  let seed = 11;
  const noise = Buffer.alloc(300);
  for (let i = 0; i < noise.length; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    noise[i] = (seed >>> 24) | 1; // no NUL bytes: control characters and bad UTF-8 tell it apart
  }
  for (const text of [png, noise.toString('utf8'), 'version: 1\n\0\0kpis: []\n']) {
    const analysis = analyzeText(text, CLEAN_FILE);
    assert.equal(analysis.findings.length, 1, JSON.stringify(analysis.findings.map((f) => f.message)));
    assert.match(analysis.findings[0]!.message, /^This is not a text file/);
    assertRangesInside(analysis);
  }
  // A stray control character in an otherwise good file is not "binary".
  const stray = load('clean.kpis.yaml').text.replace('# A KPI file', '# \u001b A KPI file');
  assert.ok(!analyzeText(stray, CLEAN_FILE).findings.some((f) => /not a text file/.test(f.message)));
});
