// goal-without-kpi, goal-only-lagging and goal-too-many-kpis (SPEC 4): findings about a
// goal sit at its id value and carry no kpi.
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

test('goal-only-lagging: a goal with lagging KPIs and no leading one, at the goal id', () => {
  const { analysis } = analyzeFixture('goal-only-lagging/lagging.kpis.yaml');
  assertValidFile(analysis);
  const f = expectAt(analysis, 'goal-only-lagging', 'only_lagging', '- id: only_lagging', { kpi: null });
  assert.equal(f.severity, 'info');
  assert.match(f.message, /"only_lagging"/);
  assert.match(f.message, /churn, revenue/, 'names the lagging KPIs');
  assert.match(f.message, /[Aa]dd a leading KPI/, 'says what to do');
});

test('goal-only-lagging: one lagging and one unmarked KPI still lacks a leading one', () => {
  const { analysis } = analyzeFixture('goal-only-lagging/lagging.kpis.yaml');
  expectAt(analysis, 'goal-only-lagging', 'lagging_and_unmarked', '- id: lagging_and_unmarked', { kpi: null });
});

test('goal-only-lagging: not for a goal with a leading KPI, nor one whose KPIs are unmarked', () => {
  const { analysis } = analyzeFixture('goal-only-lagging/lagging.kpis.yaml');
  const flagged = findingsOf(analysis, 'goal-only-lagging').map((f) => highlighted(analysis.text, f));
  assert.deepEqual(flagged, ['only_lagging', 'lagging_and_unmarked']);
  assertNone(analyzeFixture('clean.kpis.yaml').analysis, 'goal-only-lagging');
});

test('goal-too-many-kpis: more than 5 KPIs directly on a goal (default max), at the goal id', () => {
  const { analysis } = analyzeFixture('goal-too-many-kpis/six.kpis.yaml');
  assertValidFile(analysis);
  const f = expectAt(analysis, 'goal-too-many-kpis', 'crowded', '- id: crowded', { kpi: null });
  assert.equal(f.severity, 'info');
  assert.match(f.message, /"crowded"/);
  assert.match(f.message, /6 KPIs/);
  assert.match(f.message, /more than 5/);
  assert.match(f.message, /split|[Kk]eep the few/, 'says what to do');
  assert.equal(findingsOf(analysis, 'goal-too-many-kpis').length, 1, 'five KPIs on a goal are fine');
});

test('goal-too-many-kpis: `rules: {goal-too-many-kpis: [info, {max: 2}]}` lowers the limit', () => {
  const { analysis } = analyzeFixture('goal-too-many-kpis/max-two.kpis.yaml');
  assertValidFile(analysis);
  const f = expectAt(analysis, 'goal-too-many-kpis', 'three', '- id: three', { kpi: null, severity: 'info' });
  assert.match(f.message, /3 KPIs/);
  assert.match(f.message, /more than 2/);
  assert.equal(findingsOf(analysis, 'goal-too-many-kpis').length, 1, 'two KPIs on a goal are fine');
});

test('goal-too-many-kpis: none in the clean file', () => {
  assertNone(analyzeFixture('clean.kpis.yaml').analysis, 'goal-too-many-kpis');
});
