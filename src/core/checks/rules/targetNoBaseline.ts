import type { Rule } from './rule';
import { kpiKey, kpiLabel } from '../../model/lookup';

export const targetNoBaseline: Rule = {
  id: 'target-no-baseline',
  defaultSeverity: 'info',
  description: 'A target without a baseline to measure progress from.',
  check(ctx) {
    for (const kpi of ctx.model.kpis) {
      if (!kpi.target || kpi.target.baseline) continue;
      ctx.report({
        message: `The target of ${kpiLabel(kpi)} has no baseline, so progress cannot be measured. Add baseline: { value, as_of } with where the KPI stood when the target was set.`,
        // SPEC 8.7: at the `target` key, the thing the author must change.
        range: kpi.target.keyRange,
        ...kpiKey(kpi),
      });
    }
  },
};
