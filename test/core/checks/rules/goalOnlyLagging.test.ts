// The rule goal-only-lagging (SPEC 4) on real files under test/fixtures/rules/: exact ranges, messages, fixes.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeFixture, assertNone, assertValidFile, expectAt, findingsOf, highlighted } from './kit';

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
