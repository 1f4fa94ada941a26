// The rule target-no-due (SPEC 4) on real files under test/fixtures/rules/: exact ranges, messages, fixes.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeFixture, assertNone, assertValidFile, expectAt, findingsOf } from './kit';

test('target-no-due: a target with no due date, at the target key (warning)', () => {
  const { analysis } = analyzeFixture('target-no-due/undated.kpis.yaml');
  assertValidFile(analysis);
  const f = expectAt(analysis, 'target-no-due', 'target', '- id: nps', { kpi: 'nps' });
  assert.equal(f.severity, 'warning');
  assert.match(f.message, /"nps"/);
  assert.match(f.message, /no due date/);
  assert.match(f.message, /[Aa]dd due: YYYY-MM-DD/);
  assert.equal(findingsOf(analysis, 'target-no-due').length, 1);
  assertNone(analyzeFixture('clean.kpis.yaml').analysis, 'target-no-due');
  assertNone(analyzeFixture('target-missing/untargeted.kpis.yaml').analysis, 'target-no-due');
});
