// The rule target-missing (SPEC 4) on real files under test/fixtures/rules/: exact ranges, messages, fixes.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeFixture, assertNone, assertValidFile, expectAt, findingsOf } from './kit';

test('target-missing: a KPI with no target, at its id value (info)', () => {
  const { analysis } = analyzeFixture('target-missing/untargeted.kpis.yaml');
  assertValidFile(analysis);
  const f = expectAt(analysis, 'target-missing', 'nps', '- id: nps', { kpi: 'nps' });
  assert.equal(f.severity, 'info');
  assert.match(f.message, /KPI "nps" has no target/);
  assert.match(f.message, /[Aa]dd target:/);
  assert.equal(findingsOf(analysis, 'target-missing').length, 1, 'csat has a target');
  assertNone(analyzeFixture('clean.kpis.yaml').analysis, 'target-missing');
});
