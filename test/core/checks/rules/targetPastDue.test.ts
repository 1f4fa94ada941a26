// The rule target-past-due (SPEC 4) on real files under test/fixtures/rules/: exact ranges, messages, fixes.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  analyzeFixture,
  analyzeText,
  assertNone,
  assertValidFile,
  expectAt,
  findingsOf,
  highlighted,
  load,
} from './kit';

test('target-past-due: a due date before today, at the due value (info)', () => {
  const { analysis } = analyzeFixture('target-past-due/due-dates.kpis.yaml');
  assertValidFile(analysis);
  const f = expectAt(analysis, 'target-past-due', '2026-01-14', 'due: 2026-01-14', { kpi: 'nps' });
  assert.equal(f.severity, 'info');
  assert.match(f.message, /"nps"/);
  assert.match(f.message, /2026-01-14/);
  assert.match(f.message, /today is 2026-01-15/);
  assert.match(f.message, /set the next target/);
  expectAt(analysis, 'target-past-due', '2024-12-31', 'due: 2024-12-31', { kpi: 'ces' });
});

test('target-past-due: due today is not past; a future date is not either', () => {
  const { analysis } = analyzeFixture('target-past-due/due-dates.kpis.yaml');
  assert.deepEqual(
    findingsOf(analysis, 'target-past-due').map((f) => highlighted(analysis.text, f)),
    ['2026-01-14', '2024-12-31'],
  );
  // the clean file's aht is due on 2026-01-15, the tests' today
  assertNone(analyzeFixture('clean.kpis.yaml').analysis, 'target-past-due');
});

test("target-past-due: an impossible date (2026-02-30) is the schema's finding alone", () => {
  const fixture = load('target-past-due/due-dates.kpis.yaml');
  const text = fixture.text.replace('due: 2024-12-31', 'due: 2024-02-30');
  assert.notEqual(text, fixture.text);
  const analysis = analyzeText(text, fixture.file);
  assert.deepEqual(
    findingsOf(analysis, 'target-past-due').map((f) => highlighted(analysis.text, f)),
    ['2026-01-14'],
  );
  assert.ok(analysis.findings.some((f) => f.rule === 'schema' && highlighted(analysis.text, f) === '2024-02-30'));
});

test('target-past-due: "today" is the option, so a later today makes more targets past due', () => {
  const { analysis } = analyzeFixture('target-past-due/due-dates.kpis.yaml', { today: '2026-01-16' });
  assert.deepEqual(
    findingsOf(analysis, 'target-past-due').map((f) => f.kpi),
    ['nps', 'csat', 'ces'],
  );
  assert.equal(analysis.today, '2026-01-16');
});

test('target-past-due: without a today option, today is the current UTC date', () => {
  const { text, file } = load('target-past-due/due-dates.kpis.yaml');
  const analysis = analyzeText(text, file, { today: undefined });
  assert.equal(analysis.today, new Date().toISOString().slice(0, 10));
});
