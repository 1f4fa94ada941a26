// The grain each KPI's values come in (checks/grains.ts): its own when sourced; a derived
// KPI's from its first grained input, else its declared one; through chains of derived KPIs.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeFixture } from './rules/kit';

test("grains: sourced KPIs keep theirs; derived KPIs take their first grained input's, through chains", () => {
  const { analysis } = analyzeFixture('grain-mismatch/grains.kpis.yaml');
  const grainOf = new Map(analysis.model.kpis.map((k) => [k.id!.value, analysis.grains.get(k)]));
  assert.deepEqual(Object.fromEntries(grainOf), {
    monthly_tickets: 'month',
    weekly_tickets: 'week',
    all_tickets: undefined,
    mixed: 'month', // the first grained input wins; grain-mismatch reports the other
    declared_other: 'month', // the inputs' grain, not the declared quarter
    declared_without: 'month', // nothing to take: its declared grain
    fine: 'month',
    inferred: 'month', // through fine, which is derived too
  });
});

test('grains: a KPI in a loop sees only the inputs outside it', () => {
  const { analysis } = analyzeFixture('kpi-cycle/loops.kpis.yaml');
  for (const kpi of analysis.model.kpis) assert.equal(analysis.grains.get(kpi), undefined, kpi.id?.value);
});
