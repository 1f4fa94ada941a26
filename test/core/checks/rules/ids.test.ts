// duplicate-id, unknown-goal and goal-cycle (SPEC 4), each on a fixture that triggers it
// and on the clean fixture.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  analyzeFixture,
  analyzeText,
  applyEdits,
  assertNone,
  assertValidFile,
  expectAt,
  findingsOf,
  load,
  nthIndex,
  rangeOf,
} from './kit';

test('clean.kpis.yaml has no finding at all', () => {
  const { analysis } = analyzeFixture('clean.kpis.yaml');
  assert.deepEqual(
    analysis.findings.map((f) => `${f.rule}: ${f.message}`),
    [],
  );
});

test('duplicate-id: one error at each goal id after the first, at the id value', () => {
  const { analysis, text } = analyzeFixture('duplicate-id/duplicates.kpis.yaml');
  assertValidFile(analysis);
  const goalDupes = findingsOf(analysis, 'duplicate-id').filter((f) => f.kpi === undefined);
  assert.equal(goalDupes.length, 2, 'three goals named retain: two findings');
  for (const nth of [1, 2]) {
    const f = expectAt(analysis, 'duplicate-id', 'retain', nthIndex(text, '- id: retain', nth), { kpi: null });
    assert.match(f.message, /goal/);
    assert.match(f.message, /"retain"/);
    assert.match(f.message, /unique|rename/i, 'says what to do');
  }
  const first = rangeOf(text, 'retain');
  assert.ok(!goalDupes.some((f) => f.range.start === first.start), 'none at the first occurrence');
});

test('duplicate-id: a repeated KPI id is reported once, at the second id value, with kpi set', () => {
  const { analysis, text } = analyzeFixture('duplicate-id/duplicates.kpis.yaml');
  const kpiDupes = findingsOf(analysis, 'duplicate-id').filter((f) => f.kpi !== undefined);
  assert.equal(kpiDupes.length, 1);
  const f = expectAt(analysis, 'duplicate-id', 'nps', nthIndex(text, '- id: nps', 1), { kpi: 'nps' });
  assert.match(f.message, /KPI/);
  assert.match(f.message, /"nps"/);
  assert.match(f.message, /rename/i);
});

test('duplicate-id: a goal and a KPI may share an id', () => {
  const text = [
    'version: 1',
    'goals:',
    '  - id: nps',
    '    title: Raise NPS',
    'kpis:',
    '  - id: nps',
    '    name: Net Promoter Score',
    '    goals: [nps]',
    '    formula: "42"',
    '',
  ].join('\n');
  const analysis = analyzeText(text, load('clean.kpis.yaml').file);
  assertValidFile(analysis);
  assertNone(analysis, 'duplicate-id');
});

test('duplicate-id: none in a clean file', () => {
  assertNone(analyzeFixture('clean.kpis.yaml').analysis, 'duplicate-id');
});

test("unknown-goal: a KPI's goals entry naming no goal, at the entry, with a did-you-mean fix", () => {
  const { analysis, text } = analyzeFixture('unknown-goal/unknown.kpis.yaml');
  assertValidFile(analysis);
  const f = expectAt(analysis, 'unknown-goal', 'retain_custmers', undefined, { kpi: 'nps' });
  assert.match(f.message, /"retain_custmers"/);
  assert.match(f.message, /does not exist/);
  assert.match(f.message, /Did you mean "retain_customers"\?/);
  assert.ok(f.fixes && f.fixes.length >= 1, 'a did-you-mean fix');
  const fix = f.fixes[0]!;
  assert.equal(fix.preferred, true);
  assert.deepEqual(fix.edits, [{ range: f.range, newText: 'retain_customers' }]);
  const fixed = applyEdits(text, fix.edits);
  assert.match(fixed, /goals: \[retain_customers, grow_revenue\]/);
  const after = analyzeText(fixed, load('unknown-goal/unknown.kpis.yaml').file);
  assertValidFile(after, 'the fixed file');
  assert.ok(!findingsOf(after, 'unknown-goal').some((x) => x.kpi === 'nps'), 'the fix resolves it');
});

test('unknown-goal: an entry of a block list with nothing close lists the goals that exist, and offers no fix', () => {
  const { analysis } = analyzeFixture('unknown-goal/unknown.kpis.yaml');
  const f = expectAt(analysis, 'unknown-goal', 'qqq_nothing_like_it', '      - reduce_cost', {
    kpi: 'cost_per_ticket',
  });
  assert.match(f.message, /retain_customers, grow_revenue, delight_users, reduce_cost/);
  assert.deepEqual(f.fixes ?? [], []);
  // the known entries around it are not reported
  assert.equal(findingsOf(analysis, 'unknown-goal').filter((x) => x.kpi === 'cost_per_ticket').length, 1);
});

test("unknown-goal: a goal's parent naming no goal, at the parent value, no kpi, with a did-you-mean fix", () => {
  const { analysis, text, file } = analyzeFixture('unknown-goal/unknown.kpis.yaml');
  const f = expectAt(analysis, 'unknown-goal', 'grow_revenu', 'parent: grow_revenu', { kpi: null });
  assert.match(f.message, /parent of goal "delight_users"/);
  assert.match(f.message, /Did you mean "grow_revenue"\?/);
  const fix = f.fixes?.[0];
  assert.ok(fix);
  const fixed = applyEdits(text, fix.edits);
  assert.ok(fixed.includes('    parent: grow_revenue\n'));
  const after = analyzeText(fixed, file);
  assertValidFile(after, 'the fixed file');
  assert.ok(!findingsOf(after, 'unknown-goal').some((x) => x.message.includes('parent of goal "delight_users"')));

  const g = expectAt(analysis, 'unknown-goal', 'zzz_nowhere', 'parent: zzz_nowhere', { kpi: null });
  assert.match(g.message, /"zzz_nowhere"/);
  assert.match(g.message, /Goals in this file: retain_customers, grow_revenue, delight_users, reduce_cost/);
  assert.equal(findingsOf(analysis, 'unknown-goal').length, 4);
});

test('unknown-goal: none in a clean file or a proper goal tree', () => {
  assertNone(analyzeFixture('clean.kpis.yaml').analysis, 'unknown-goal');
  assertNone(analyzeFixture('goal-cycle/tree.kpis.yaml').analysis, 'unknown-goal');
});

test('goal-cycle: one error per goal in the loop, each at its parent value', () => {
  const { analysis } = analyzeFixture('goal-cycle/cycle.kpis.yaml');
  assertValidFile(analysis);
  const alpha = expectAt(analysis, 'goal-cycle', 'gamma', '- id: alpha', { kpi: null });
  const beta = expectAt(analysis, 'goal-cycle', 'alpha', '- id: beta', { kpi: null });
  const gamma = expectAt(analysis, 'goal-cycle', 'beta', '- id: gamma', { kpi: null });
  for (const f of [alpha, beta, gamma]) {
    assert.match(f.message, /alpha/);
    assert.match(f.message, /beta/);
    assert.match(f.message, /gamma/);
    assert.match(f.message, /loop/i);
    assert.match(f.message, /parent/i, 'says what to change');
  }
  assert.match(alpha.message, /"alpha"/);
});

test('goal-cycle: a goal that is its own parent, at its parent value', () => {
  const { analysis } = analyzeFixture('goal-cycle/cycle.kpis.yaml');
  const f = expectAt(analysis, 'goal-cycle', 'narcissus', 'parent: narcissus', { kpi: null });
  assert.match(f.message, /"narcissus"/);
});

test('goal-cycle: a goal hanging off a loop is not in it; exactly four findings', () => {
  const { analysis, text } = analyzeFixture('goal-cycle/cycle.kpis.yaml');
  const hanger = text.indexOf('- id: hanger_on');
  assert.ok(
    !findingsOf(analysis, 'goal-cycle').some((f) => f.range.start > hanger && f.range.start < text.indexOf('kpis:')),
  );
  assert.equal(findingsOf(analysis, 'goal-cycle').length, 4);
});

test('goal-cycle: none in a goal tree', () => {
  const { analysis } = analyzeFixture('goal-cycle/tree.kpis.yaml');
  assertValidFile(analysis);
  assertNone(analysis, 'goal-cycle');
  assertNone(analyzeFixture('clean.kpis.yaml').analysis, 'goal-cycle');
});
