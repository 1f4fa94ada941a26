// grain-mismatch (SPEC 3, 4): a derived KPI over inputs of different grains, or whose own
// grain differs from its inputs' (or has none to take).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeFixture, assertValidFile, expectAt, findingsOf } from './kit';

test('grain-mismatch: inputs by month and by week, at the reference of the other grain', () => {
  const { analysis } = analyzeFixture('grain-mismatch/grains.kpis.yaml');
  assertValidFile(analysis);
  const f = expectAt(analysis, 'grain-mismatch', 'weekly_tickets', 'formula: monthly_tickets /', { kpi: 'mixed' });
  assert.equal(
    f.message,
    'KPI "mixed" combines KPIs of different grains: "monthly_tickets" is by month, "weekly_tickets" by week. Give them one grain.',
  );
});

test("grain-mismatch: a declared grain other than the inputs', at the grain value", () => {
  const { analysis } = analyzeFixture('grain-mismatch/grains.kpis.yaml');
  const f = expectAt(analysis, 'grain-mismatch', 'quarter', 'grain: quarter', { kpi: 'declared_other' });
  assert.match(
    f.message,
    /has grain: quarter, but the KPIs it is computed from are by month\. Use grain: month, or leave grain out\./,
  );
});

test('grain-mismatch: a grain over inputs without one, at the grain value', () => {
  const { analysis } = analyzeFixture('grain-mismatch/grains.kpis.yaml');
  const f = expectAt(analysis, 'grain-mismatch', 'month', 'id: declared_without', { kpi: 'declared_without' });
  assert.match(f.message, /none of the KPIs it is computed from has a grain/);
});

test('grain-mismatch: none for one grain with constants, nor for a grain inherited through a derived KPI', () => {
  const { analysis } = analyzeFixture('grain-mismatch/grains.kpis.yaml');
  assert.deepEqual(
    findingsOf(analysis, 'grain-mismatch').map((f) => f.kpi),
    ['mixed', 'declared_other', 'declared_without'],
  );
});
