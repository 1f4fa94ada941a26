// target-missing, target-no-due, target-no-baseline, target-direction,
// target-out-of-range and target-past-due (SPEC 4, 8.7). A target missing something, or on
// the wrong side of its baseline, is reported at the KPI's `target` key (what the author
// changes); a value at that value; target-missing at the KPI's id. Every finding names its KPI.
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

test('target-direction: increase with the target below the baseline, at the target key', () => {
  const { analysis } = analyzeFixture('target-direction/wrong-side.kpis.yaml');
  assertValidFile(analysis);
  const f = expectAt(analysis, 'target-direction', 'target', '- id: nps', { kpi: 'nps' });
  assert.equal(f.severity, 'warning');
  assert.match(f.message, /"nps"/);
  assert.match(f.message, /40/);
  assert.match(f.message, /42/);
  assert.match(f.message, /below/);
  assert.match(f.message, /direction: decrease/, 'says what to do');
});

test('target-direction: the default direction is increase', () => {
  const { analysis } = analyzeFixture('target-direction/wrong-side.kpis.yaml');
  expectAt(analysis, 'target-direction', 'target', '- id: csat', { kpi: 'csat' });
});

test('target-direction: decrease with the target above the baseline, at the target key', () => {
  const { analysis } = analyzeFixture('target-direction/wrong-side.kpis.yaml');
  const f = expectAt(analysis, 'target-direction', 'target', '- id: aht', { kpi: 'aht' });
  assert.match(f.message, /above/);
  assert.match(f.message, /direction: increase/);
});

test('target-direction: none for the right side, an equal baseline, or no baseline', () => {
  const { analysis } = analyzeFixture('target-direction/wrong-side.kpis.yaml');
  assert.deepEqual(
    findingsOf(analysis, 'target-direction').map((f) => f.kpi),
    ['nps', 'csat', 'aht'],
  );
  assertNone(analyzeFixture('clean.kpis.yaml').analysis, 'target-direction');
  assertNone(analyzeFixture('target-no-baseline/no-baseline.kpis.yaml').analysis, 'target-direction');
});

test('target-direction: a warning on the far side of its target, at the warning value (SPEC 8.7)', () => {
  const { analysis } = analyzeFixture('target-direction/warning-side.kpis.yaml');
  assertValidFile(analysis);
  const up = expectAt(analysis, 'target-direction', '55', 'warning: ', { kpi: 'nps' });
  assert.match(up.message, /warning of KPI "nps" \(55\) is above its target \(50\)/);
  assert.match(up.message, /direction is increase/);
  const down = expectAt(analysis, 'target-direction', '5.5', 'warning: ', { kpi: 'aht' });
  assert.match(down.message, /\(5\.5\) is below its target \(6\)/);
  assert.match(down.message, /direction is decrease/);
  // csat and frt have the warning on the near side; fcr's equals its target: none.
  assert.deepEqual(
    findingsOf(analysis, 'target-direction').map((f) => f.kpi),
    ['nps', 'aht'],
  );
});

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
