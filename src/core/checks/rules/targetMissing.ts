import type { Rule } from './rule';
import { anchorOf, kpiKey, kpiLabel } from '../../model/lookup';

export const targetMissing: Rule = {
  id: 'target-missing',
  defaultSeverity: 'info',
  description: 'A KPI with no target: not measurable against anything.',
  check(ctx) {
    for (const kpi of ctx.model.kpis) {
      if (kpi.target) continue;
      ctx.report({
        message: `${kpiLabel(kpi)} has no target, so nobody can tell whether it is good enough. Add target: { value, direction, due }.`,
        range: anchorOf(kpi),
        ...kpiKey(kpi),
      });
    }
  },
};
