// The rule unknown-source (SPEC 4) on real files under test/fixtures/rules/: exact ranges, messages, fixes.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';

import { analyzeFixture, applyEdits, analyzeText, assertNone, assertValidFile, expectAt, findingsOf } from './kit';

test('unknown-source: a source name that does not exist, at the source value, with a did-you-mean fix', () => {
  const { analysis, text, file } = analyzeFixture('unknown-source/unknown.kpis.yaml');
  assertValidFile(analysis);
  const f = expectAt(analysis, 'unknown-source', 'ticket', 'source: ticket', { kpi: 'fcr' });
  assert.equal(f.severity, 'error');
  assert.match(f.message, /KPI "fcr"/);
  assert.match(f.message, /"ticket"/);
  assert.match(f.message, /does not exist/);
  assert.match(f.message, /Did you mean "tickets"\?/);
  const fix = f.fixes?.[0];
  assert.ok(fix);
  assert.deepEqual(fix.edits, [{ range: f.range, newText: 'tickets' }]);
  const after = analyzeText(applyEdits(text, fix.edits), file);
  assertValidFile(after);
  assert.ok(!findingsOf(after, 'unknown-source').some((x) => x.kpi === 'fcr'));
});

test('unknown-source: with nothing close, the message lists the sources', () => {
  const { analysis } = analyzeFixture('unknown-source/unknown.kpis.yaml');
  const f = expectAt(analysis, 'unknown-source', 'zzz_survey', 'source: zzz_survey', { kpi: 'nps' });
  assert.match(f.message, /Sources in this file: tickets/);
  assert.equal(findingsOf(analysis, 'unknown-source').length, 2, 'aht names an existing source');
  assertNone(analyzeFixture('clean.kpis.yaml').analysis, 'unknown-source');
});
