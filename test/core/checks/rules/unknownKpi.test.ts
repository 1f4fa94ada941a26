// The rule unknown-kpi (SPEC 4) on real files under test/fixtures/rules/: exact ranges, messages, fixes.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeFixture, analyzeText, applyEdits, assertNone, assertValidFile, expectAt, findingsOf } from './kit';

test('unknown-kpi: a guardrails entry naming no KPI, at the entry, with a did-you-mean fix', () => {
  const { analysis, text, file } = analyzeFixture('unknown-kpi/guardrails.kpis.yaml');
  assertValidFile(analysis);
  const f = expectAt(analysis, 'unknown-kpi', 'csta', 'guardrails: [csta', { kpi: 'aht' });
  assert.equal(f.severity, 'error');
  assert.match(f.message, /KPI "aht"/);
  assert.match(f.message, /guardrail "csta"/);
  assert.match(f.message, /Did you mean "csat"\?/);
  const fix = f.fixes?.[0];
  assert.ok(fix);
  assert.equal(fix.preferred, true);
  const fixed = applyEdits(text, fix.edits);
  assert.ok(fixed.includes('guardrails: [csat, nothing_close_at_all, csat]'));
  const after = analyzeText(fixed, file);
  assert.ok(!findingsOf(after, 'unknown-kpi').some((x) => x.message.includes('"csta"')));
});

test('unknown-kpi: with nothing close, the message lists the KPIs; a known guardrail is fine', () => {
  const { analysis } = analyzeFixture('unknown-kpi/guardrails.kpis.yaml');
  const f = expectAt(analysis, 'unknown-kpi', 'nothing_close_at_all', 'guardrails: [', { kpi: 'aht' });
  assert.match(f.message, /KPIs in this file: csat, aht/);
  assert.deepEqual(f.fixes ?? [], []);
  assert.equal(findingsOf(analysis, 'unknown-kpi').length, 2);
  assertNone(analyzeFixture('clean.kpis.yaml').analysis, 'unknown-kpi');
});
