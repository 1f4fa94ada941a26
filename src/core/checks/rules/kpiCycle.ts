import { formulaRange } from '../formulaChecks';
import { isLoop } from '../kpiGraph';
import { kpiKey, kpiLabel } from '../../model/lookup';
import type { Rule } from './rule';

/** How many KPIs of a loop a message names before "…". */
const MAX_NAMED = 6;

export const kpiCycle: Rule = {
  id: 'kpi-cycle',
  defaultSeverity: 'error',
  description: 'Derived KPIs that reference each other in a loop.',
  check(ctx) {
    const { edges, components } = ctx.graph;
    for (const component of components) {
      if (!isLoop(component, edges)) continue;
      const members = new Set(component);
      // Each KPI's next step in the loop: the first KPI of the loop its formula names.
      const next = new Map(component.map((k) => [k, edges.get(k)!.find((e) => members.has(e.to))!]));
      for (const kpi of component) {
        const path = [kpi];
        for (let at = next.get(kpi)!.to; path.length <= MAX_NAMED && !path.includes(at); at = next.get(at)!.to)
          path.push(at);
        const shown = path.map((k) => k.id!.value);
        const loop =
          path.length > MAX_NAMED
            ? `${shown.join(' → ')} → …`
            : `${shown.join(' → ')} → ${next.get(path[path.length - 1]!)!.to.id!.value}`;
        const ref = next.get(kpi)!;
        ctx.report({
          message: `${kpiLabel(kpi)} depends on itself through its formula: ${loop}. Compute one of them from a source instead.`,
          range: formulaRange(kpi.formula!, ref.start, ref.end),
          ...kpiKey(kpi),
        });
      }
    }
  },
};
