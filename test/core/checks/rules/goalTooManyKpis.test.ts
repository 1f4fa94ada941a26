// The rule goal-too-many-kpis (SPEC 4) on real files under test/fixtures/rules/: exact ranges, messages, fixes.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeFixture, assertNone, assertValidFile, expectAt, findingsOf } from './kit';

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
