import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyze } from '../../../src/core/checks/analysis';
import { baselineActionsAt, baselineChoices, baselineEdits, baselineNumber, periodEnd } from '../../../src/core/editor';
import { evaluateAnalysis } from '../../../src/core/evaluation/evaluate';
import { applyEdits, EDITOR_FIXTURE, load, type Loaded } from './kit';

const wholeFile = (f: Loaded): { start: number; end: number } => ({ start: 0, end: f.text.length });

test('choices: the periods with a value, newest first, as of their last day; one for a KPI without grain', () => {
  const f = load();
  assert.deepEqual(baselineChoices(f.results, 'nps', '2026-04-15'), [
    { period: '2026-03', asOf: '2026-03-31', value: 33.3333, label: '2026-03 · 33.3' },
    { period: '2026-02', asOf: '2026-02-28', value: 40, label: '2026-02 · 40' },
    { period: '2026-01', asOf: '2026-01-31', value: 25, label: '2026-01 · 25' },
  ]);
  assert.deepEqual(baselineChoices(f.results, 'revenue', '2026-04-15', { unit: 'currency', currency: 'EUR' }), [
    { period: null, asOf: '2026-04-15', value: 300.5, label: 'all rows · 300.5 EUR' },
  ]);
  assert.deepEqual(baselineChoices(f.results, 'nosuch', '2026-04-15'), []);
});

test('period ends and baseline numbers', () => {
  assert.equal(periodEnd('2024-02-01', 'month'), '2024-02-29');
  assert.equal(periodEnd('2025-10-01', 'quarter'), '2025-12-31');
  assert.equal(periodEnd('2024-12-30', 'week'), '2025-01-05');
  assert.equal(periodEnd('2025-03-07', 'day'), '2025-03-07');
  assert.equal(periodEnd('2025-01-01', 'year'), '2025-12-31');
  assert.equal(baselineNumber(33.333333333333336), 33.3333);
  assert.equal(baselineNumber(12260.333333), 12260.33);
  assert.equal(baselineNumber(0.0123456789), 0.0123457);
  assert.equal(baselineNumber(-59.44444), -59.4444);
  assert.equal(baselineNumber(40), 40);
});

test('the action: offered on a target without a baseline, or whose baseline differs from the data at its as_of', () => {
  const f = load();
  const offered = baselineActionsAt(f.analysis, f.results, wholeFile(f)).map((a) => `${a.kpiId}: ${a.reason}`);
  // nps: baseline as of 2025-12-31, a period without data: nothing to compare. revenue has no grain.
  assert.deepEqual(offered, ['responses: The target has no baseline.', 'per_response: The target has no baseline.']);
  const differs = load(undefined, (t) =>
    t.replace('baseline: { value: 20, as_of: 2025-12-31 }', 'baseline: { value: 20, as_of: 2026-02-28 }'),
  );
  assert.deepEqual(
    baselineActionsAt(differs.analysis, differs.results, wholeFile(differs)).map((a) => `${a.kpiId}: ${a.reason}`)[0],
    'nps: The data gives 40 at 2026-02-28, not 20.',
  );
  const same = load(undefined, (t) =>
    t.replace('baseline: { value: 20, as_of: 2025-12-31 }', 'baseline: { value: 33.3333, as_of: 2026-03-15 }'),
  );
  assert.ok(
    !baselineActionsAt(same.analysis, same.results, wholeFile(same)).some((a) => a.kpiId === 'nps'),
    'a baseline that matches the data (as written) is left alone',
  );
  // Only for targets the range touches.
  const target = f.at('target: { value: 5', 3);
  assert.deepEqual(
    baselineActionsAt(f.analysis, f.results, { start: target, end: target }).map((a) => a.kpiId),
    ['responses'],
  );
  const name = f.at('name: Responses', 3);
  assert.deepEqual(baselineActionsAt(f.analysis, f.results, { start: name, end: name }), []);
});

/** Applies the baseline edit for `kpiId` and returns the new text, checked to parse, validate and bear the baseline out. */
function setBaseline(f: Loaded, kpiId: string, period: string | null): string {
  const choice = baselineChoices(f.results, kpiId, '2026-04-15').find((c) => c.period === period)!;
  const edits = baselineEdits(f.analysis, kpiId, choice);
  assert.ok(edits, 'an edit');
  const text = applyEdits(f.text, edits);
  const again = analyze(text, { filePath: EDITOR_FIXTURE, today: '2026-04-15', loader: undefined });
  assert.deepEqual(
    again.findings.filter((x) => x.severity === 'error' && x.rule !== 'source-unreadable').map((x) => x.message),
    [],
  );
  const target = again.model.kpis.find((k) => k.id?.value === kpiId)!.target!;
  assert.equal(target.baseline?.value?.value, choice.value);
  assert.equal(target.baseline?.asOf?.value, choice.asOf);
  return text;
}

test('edit: a flow target without a baseline gets one before its closing brace', () => {
  const text = setBaseline(load(), 'responses', '2026-02');
  assert.match(text, /\n {4}target: \{ value: 5, due: 2026-06-30, baseline: \{ value: 5, as_of: 2026-02-28 \} \}\n/);
});

test('edit: a block target without a baseline gets a line after value/direction/due, at their indentation', () => {
  const text = setBaseline(load(), 'per_response', '2026-03');
  assert.match(
    text,
    /\n {4}target:\n {6}value: 10\n {6}baseline: \{ value: 11\.1111, as_of: 2026-03-31 \}\n {2}- id: revenue/,
  );
  const crlf = load(undefined, (t) => t.replace(/\n/g, '\r\n'));
  const edits = baselineEdits(crlf.analysis, 'per_response', { value: 1, asOf: '2026-03-31' })!;
  assert.equal(edits[0]!.newText, '\r\n      baseline: { value: 1, as_of: 2026-03-31 }');
});

test('edit: a flow baseline is replaced whole; a block baseline has its two values replaced', () => {
  const nps = setBaseline(load(), 'nps', '2026-01');
  assert.match(nps, /\n {6}baseline: \{ value: 25, as_of: 2026-01-31 \}\n {6}warning: 30/);
  const f = load();
  const edits = baselineEdits(f.analysis, 'revenue', { value: 300.5, asOf: '2026-04-15' })!;
  assert.deepEqual(
    edits.map((e) => [f.text.slice(e.range.start, e.range.end), e.newText]),
    [
      ['250', '300.5'],
      ['2026-01-31', '2026-04-15'],
    ],
  );
  assert.match(applyEdits(f.text, edits), /\n {6}baseline:\n {8}value: 300\.5\n {8}as_of: 2026-04-15\n/);
});

test('edit: an empty `baseline:` key is filled, not repeated; an empty flow target gets its first key', () => {
  const bare = load(undefined, (t) =>
    t.replace('    target:\n      value: 10\n', '    target:\n      value: 10\n      baseline:   # to do\n'),
  );
  const text = applyEdits(
    bare.text,
    baselineEdits(bare.analysis, 'per_response', { value: 11.1111, asOf: '2026-03-31' })!,
  );
  assert.match(text, /\n {6}value: 10\n {6}baseline: \{ value: 11\.1111, as_of: 2026-03-31 \} # to do\n/);
  const empty = load(undefined, (t) => t.replace('target: { value: 5, due: 2026-06-30 }', 'target: {}'));
  const edits = baselineEdits(empty.analysis, 'responses', { value: 3, asOf: '2026-03-31' })!;
  assert.match(applyEdits(empty.text, edits), /target: \{ baseline: \{ value: 3, as_of: 2026-03-31 \} \}/);
});

test('after the edit the action is no longer offered for that KPI', () => {
  const text = setBaseline(load(), 'responses', '2026-03');
  const analysis = analyze(text, {
    filePath: EDITOR_FIXTURE,
    today: '2026-04-15',
    loader: load().analysis.sources.size ? undefined : undefined,
  });
  const f = load(undefined, () => text);
  assert.ok(analysis);
  assert.ok(
    !baselineActionsAt(f.analysis, evaluateAnalysis(f.analysis), { start: 0, end: text.length }).some(
      (a) => a.kpiId === 'responses',
    ),
  );
});
