// The rule unknown-goal (SPEC 4) on real files under test/fixtures/rules/: exact ranges, messages, fixes.
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
} from './kit';

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
