import type { Grain, Kpi, KpiFile } from '../model/kpiFile';
import type { KpiGraph } from './kpiGraph';

/**
 * The grain each KPI's values come in (SPEC 3): its own for a sourced KPI; for a derived
 * one, that of the first input that has a grain, else its own declared grain (which
 * grain-mismatch then questions). Inputs are settled before the KPIs built on them
 * (components come inputs first); a KPI in a loop only sees the inputs outside it.
 */
export function effectiveGrains(model: KpiFile, graph: KpiGraph): Map<Kpi, Grain | undefined> {
  const grains = new Map<Kpi, Grain | undefined>();
  for (const kpi of model.kpis) if (!graph.edges.has(kpi)) grains.set(kpi, kpi.grain?.value);
  for (const component of graph.components) {
    for (const kpi of component) {
      const out = graph.edges.get(kpi);
      if (!out) continue; // a sourced KPI: its own grain, set above
      const inputs = out.flatMap((e) => {
        const g = grains.get(e.to);
        return g ? [g] : [];
      });
      grains.set(kpi, inputs[0] ?? kpi.grain?.value);
    }
  }
  return grains;
}
