// kpi-cycle (SPEC 4): one finding per KPI in a loop, at the identifier that names the next one.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeFixture, analyzeText, assertValidFile, expectAt, findingsOf, load } from './kit';

test('kpi-cycle: each KPI of a two-KPI loop, at the reference to the next, naming the loop', () => {
  const { analysis } = analyzeFixture('kpi-cycle/loops.kpis.yaml');
  assertValidFile(analysis);
  const a = expectAt(analysis, 'kpi-cycle', 'tickets_per_cost', 'formula: cost /', { kpi: 'cost_per_ticket' });
  assert.equal(
    a.message,
    'KPI "cost_per_ticket" depends on itself through its formula: cost_per_ticket → tickets_per_cost → cost_per_ticket. Compute one of them from a source instead.',
  );
  expectAt(analysis, 'kpi-cycle', 'cost_per_ticket', 'formula: 1 /', { kpi: 'tickets_per_cost' });
});

test('kpi-cycle: a KPI that names itself, at that name', () => {
  const { analysis } = analyzeFixture('kpi-cycle/loops.kpis.yaml');
  const f = expectAt(analysis, 'kpi-cycle', 'selfish', 'formula: selfish', { kpi: 'selfish' });
  assert.match(f.message, /selfish → selfish\./);
});

test('kpi-cycle: a KPI built on a loop, and a constant, are not in it', () => {
  const { analysis } = analyzeFixture('kpi-cycle/loops.kpis.yaml');
  assert.deepEqual(
    findingsOf(analysis, 'kpi-cycle').map((f) => f.kpi),
    ['cost_per_ticket', 'tickets_per_cost', 'selfish'],
  );
});

test('kpi-cycle: a loop of more than six KPIs is named by its first seven and …', () => {
  const ids = Array.from({ length: 8 }, (_, i) => `k${i}`);
  const kpis = ids.map(
    (id, i) => `  - { id: ${id}, name: ${id}, goals: [retain], formula: ${ids[(i + 1) % ids.length]} + 1 }`,
  );
  const text = `version: 1\ngoals: [{ id: retain, title: R }]\nkpis:\n${kpis.join('\n')}\n`;
  const found = findingsOf(analyzeText(text, load('kpi-cycle/loops.kpis.yaml').file), 'kpi-cycle');
  assert.equal(found.length, 8);
  assert.match(
    found[0]!.message,
    /^KPI "k0" depends on itself through its formula: k0 → k1 → k2 → k3 → k4 → k5 → k6 → …\./,
  );
});
