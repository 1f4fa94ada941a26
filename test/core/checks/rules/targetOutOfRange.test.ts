// The rule target-out-of-range (SPEC 4) on real files under test/fixtures/rules/: exact ranges, messages, fixes.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeFixture, assertNone, assertValidFile, expectAt, findingsOf } from './kit';

test('target-out-of-range: a percent target, baseline and warning outside 0..100, each at its value', () => {
  const { analysis } = analyzeFixture('target-out-of-range/percent.kpis.yaml');
  assertValidFile(analysis);
  const target = expectAt(analysis, 'target-out-of-range', '150', 'value: 150', { kpi: 'csat' });
  const baseline = expectAt(analysis, 'target-out-of-range', '-5', 'value: -5', { kpi: 'csat' });
  const warning = expectAt(analysis, 'target-out-of-range', '100.5', 'warning: 100.5', { kpi: 'csat' });
  assert.equal(target.severity, 'warning');
  assert.match(target.message, /target of KPI "csat" is 150/);
  assert.match(baseline.message, /baseline of KPI "csat" is -5/);
  assert.match(warning.message, /warning of KPI "csat" is 100.5/);
  for (const f of [target, baseline, warning]) assert.match(f.message, /between 0 and 100/);
});

test('target-out-of-range: 0 and 100 are in range; other units are not checked', () => {
  const { analysis } = analyzeFixture('target-out-of-range/percent.kpis.yaml');
  assert.equal(findingsOf(analysis, 'target-out-of-range').length, 3);
  assert.ok(!findingsOf(analysis, 'target-out-of-range').some((f) => f.kpi !== 'csat'));
  assertNone(analyzeFixture('clean.kpis.yaml').analysis, 'target-out-of-range');
});
