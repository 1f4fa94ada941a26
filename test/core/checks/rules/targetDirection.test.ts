// The rule target-direction (SPEC 4) on real files under test/fixtures/rules/: exact ranges, messages, fixes.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeFixture, assertNone, assertValidFile, expectAt, findingsOf } from './kit';

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
