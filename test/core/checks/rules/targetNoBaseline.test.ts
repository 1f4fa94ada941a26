// The rule target-no-baseline (SPEC 4) on real files under test/fixtures/rules/: exact ranges, messages, fixes.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeFixture, assertNone, assertValidFile, expectAt, findingsOf } from './kit';

test('target-no-baseline: a target with no baseline, at the target key (info)', () => {
  const { analysis } = analyzeFixture('target-no-baseline/no-baseline.kpis.yaml');
  assertValidFile(analysis);
  const f = expectAt(analysis, 'target-no-baseline', 'target', '- id: nps', { kpi: 'nps' });
  assert.equal(f.severity, 'info');
  assert.match(f.message, /"nps"/);
  assert.match(f.message, /no baseline/);
  assert.match(f.message, /[Aa]dd baseline: \{ value, as_of \}/);
  assert.equal(findingsOf(analysis, 'target-no-baseline').length, 1);
  assertNone(analyzeFixture('clean.kpis.yaml').analysis, 'target-no-baseline');
  assertNone(analyzeFixture('target-missing/untargeted.kpis.yaml').analysis, 'target-no-baseline');
});
