import { formulaRange } from '../formulaChecks';
import { kpiKey, kpiLabel } from '../../model/lookup';
import type { Rule } from './rule';

export const grainMismatch: Rule = {
  id: 'grain-mismatch',
  defaultSeverity: 'error',
  description: 'A derived KPI whose inputs, or whose own grain, differ in grain.',
  check(ctx) {
    for (const [kpi, refs] of ctx.graph.edges) {
      const grained = refs.flatMap((r) => {
        const g = ctx.grains.get(r.to);
        return g ? [{ ...r, grain: g }] : [];
      });
      const first = grained[0];
      const odd = first && grained.find((r) => r.grain !== first.grain);
      if (first && odd) {
        ctx.report({
          message: `${kpiLabel(kpi)} combines KPIs of different grains: "${first.to.id!.value}" is by ${first.grain}, "${odd.to.id!.value}" by ${odd.grain}. Give them one grain.`,
          range: formulaRange(kpi.formula!, odd.start, odd.end),
          ...kpiKey(kpi),
        });
      } else if (kpi.grain && first && kpi.grain.value !== first.grain) {
        ctx.report({
          message: `${kpiLabel(kpi)} has grain: ${kpi.grain.value}, but the KPIs it is computed from are by ${first.grain}. Use grain: ${first.grain}, or leave grain out.`,
          range: kpi.grain.range,
          ...kpiKey(kpi),
        });
      } else if (kpi.grain && !first) {
        ctx.report({
          message: `${kpiLabel(kpi)} has grain: ${kpi.grain.value}, but none of the KPIs it is computed from has a grain, so it has one value, not a series. Leave grain out.`,
          range: kpi.grain.range,
          ...kpiKey(kpi),
        });
      }
    }
  },
};
