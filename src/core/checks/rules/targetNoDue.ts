import type { Rule } from './rule';
import { kpiKey, kpiLabel } from '../../model/lookup';

export const targetNoDue: Rule = {
  id: 'target-no-due',
  defaultSeverity: 'warning',
  description: 'A target that is not time-bound.',
  check(ctx) {
    for (const kpi of ctx.model.kpis) {
      if (!kpi.target || kpi.target.due) continue;
      ctx.report({
        message: `The target of ${kpiLabel(kpi)} has no due date, so it is not time-bound. Add due: YYYY-MM-DD to the target.`,
        // SPEC 8.7: at the `target` key, the thing the author must change.
        range: kpi.target.keyRange,
        ...kpiKey(kpi),
      });
    }
  },
};
