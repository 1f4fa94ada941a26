// The rule duplicate-id (SPEC 4) on real files under test/fixtures/rules/: exact ranges, messages, fixes.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  analyzeFixture,
  analyzeText,
  assertNone,
  assertValidFile,
  expectAt,
  findingsOf,
  load,
  nthIndex,
  rangeOf,
} from './kit';

test('duplicate-id: one error at each goal id after the first, at the id value', () => {
  const { analysis, text } = analyzeFixture('duplicate-id/duplicates.kpis.yaml');
  assertValidFile(analysis);
  const goalDupes = findingsOf(analysis, 'duplicate-id').filter((f) => f.kpi === undefined);
  assert.equal(goalDupes.length, 2, 'three goals named retain: two findings');
  for (const nth of [1, 2]) {
    const f = expectAt(analysis, 'duplicate-id', 'retain', nthIndex(text, '- id: retain', nth), { kpi: null });
    assert.match(f.message, /goal/);
    assert.match(f.message, /"retain"/);
    assert.match(f.message, /unique|rename/i, 'says what to do');
  }
  const first = rangeOf(text, 'retain');
  assert.ok(!goalDupes.some((f) => f.range.start === first.start), 'none at the first occurrence');
});

test('duplicate-id: a repeated KPI id is reported once, at the second id value, with kpi set', () => {
  const { analysis, text } = analyzeFixture('duplicate-id/duplicates.kpis.yaml');
  const kpiDupes = findingsOf(analysis, 'duplicate-id').filter((f) => f.kpi !== undefined);
  assert.equal(kpiDupes.length, 1);
  const f = expectAt(analysis, 'duplicate-id', 'nps', nthIndex(text, '- id: nps', 1), { kpi: 'nps' });
  assert.match(f.message, /KPI/);
  assert.match(f.message, /"nps"/);
  assert.match(f.message, /rename/i);
});

test('duplicate-id: a goal and a KPI may share an id', () => {
  const text = [
    'version: 1',
    'goals:',
    '  - id: nps',
    '    title: Raise NPS',
    'kpis:',
    '  - id: nps',
    '    name: Net Promoter Score',
    '    goals: [nps]',
    '    formula: "42"',
    '',
  ].join('\n');
  const analysis = analyzeText(text, load('clean.kpis.yaml').file);
  assertValidFile(analysis);
  assertNone(analysis, 'duplicate-id');
});

test('duplicate-id: none in a clean file', () => {
  assertNone(analyzeFixture('clean.kpis.yaml').analysis, 'duplicate-id');
});
