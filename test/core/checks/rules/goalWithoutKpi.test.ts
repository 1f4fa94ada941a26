// The rule goal-without-kpi (SPEC 4) on real files under test/fixtures/rules/: exact ranges, messages, fixes.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeFixture, assertNone, assertValidFile, expectAt, findingsOf, highlighted } from './kit';

test('goal-without-kpi: a goal no KPI measures, at its id value', () => {
  const { analysis } = analyzeFixture('goal-without-kpi/unmeasured.kpis.yaml');
  assertValidFile(analysis);
  const f = expectAt(analysis, 'goal-without-kpi', 'orphan', '- id: orphan', { kpi: null });
  assert.equal(f.severity, 'warning');
  assert.match(f.message, /"orphan"/);
  assert.match(f.message, /no KPI/);
  assert.match(f.message, /goals: \[orphan\]/, 'says how to link one');
});

test('goal-without-kpi: a goal measured only through a child goal is fine; a parent of unmeasured goals is not', () => {
  const { analysis } = analyzeFixture('goal-without-kpi/unmeasured.kpis.yaml');
  expectAt(analysis, 'goal-without-kpi', 'umbrella', '- id: umbrella', { kpi: null });
  expectAt(analysis, 'goal-without-kpi', 'umbrella_child', '- id: umbrella_child', { kpi: null });
  const flagged = findingsOf(analysis, 'goal-without-kpi').map((f) => highlighted(analysis.text, f));
  assert.ok(!flagged.includes('company'), 'company is measured through retain');
  assert.ok(!flagged.includes('retain'), 'retain is measured directly');
});

test('goal-without-kpi: goals in a cycle count as having no children', () => {
  const { analysis } = analyzeFixture('goal-without-kpi/unmeasured.kpis.yaml');
  // loop_x's only children are loop_y (in the loop) and tail (whose parent is in the loop): neither counts
  expectAt(analysis, 'goal-without-kpi', 'loop_x', '- id: loop_x', { kpi: null });
  const flagged = findingsOf(analysis, 'goal-without-kpi').map((f) => highlighted(analysis.text, f));
  assert.ok(!flagged.includes('loop_y'), 'loop_y has a KPI of its own');
  assert.ok(!flagged.includes('tail'), 'tail has a KPI of its own');
  assert.deepEqual(flagged.sort(), ['loop_x', 'orphan', 'umbrella', 'umbrella_child']);
});

test('goal-without-kpi: none in the clean file (a parent goal measured through its child)', () => {
  assertNone(analyzeFixture('clean.kpis.yaml').analysis, 'goal-without-kpi');
  assertNone(analyzeFixture('goal-cycle/tree.kpis.yaml').analysis, 'goal-without-kpi');
});
