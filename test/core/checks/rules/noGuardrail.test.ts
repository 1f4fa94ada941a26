// The rule no-guardrail (SPEC 4) on real files under test/fixtures/rules/: exact ranges, messages, fixes.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeFixture, assertNone, assertValidFile, expectAt, findingsOf } from './kit';

test('no-guardrail: a duration KPI pushed down with no guardrails key, at its id value (info)', () => {
  const { analysis } = analyzeFixture('no-guardrail/unguarded.kpis.yaml');
  assertValidFile(analysis);
  const f = expectAt(analysis, 'no-guardrail', 'aht', '- id: aht', { kpi: 'aht' });
  assert.equal(f.severity, 'info');
  assert.match(f.message, /KPI "aht"/);
  assert.match(f.message, /no guardrail/);
  assert.match(f.message, /rushing customers/);
  assert.match(f.message, /[Aa]dd guardrails:/, 'says what to do');
});

test('no-guardrail: `guardrails: []` → at the [] value', () => {
  const { analysis } = analyzeFixture('no-guardrail/unguarded.kpis.yaml');
  expectAt(analysis, 'no-guardrail', '[]', 'guardrails: []', { kpi: 'frt' });
});

test('no-guardrail: not for a guarded KPI, a duration pushed up, or another unit pushed down', () => {
  const { analysis } = analyzeFixture('no-guardrail/unguarded.kpis.yaml');
  assert.deepEqual(
    findingsOf(analysis, 'no-guardrail').map((f) => f.kpi),
    ['aht', 'frt'],
  );
  assertNone(analyzeFixture('clean.kpis.yaml').analysis, 'no-guardrail');
});
