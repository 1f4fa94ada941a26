import type { Rule } from './rule';
import { isDate } from '../../data/dates';
import { kpiKey, kpiLabel } from '../../model/lookup';

export const targetPastDue: Rule = {
  id: 'target-past-due',
  defaultSeverity: 'info',
  description: 'A target whose due date has passed: review it and set the next one.',
  check(ctx) {
    for (const kpi of ctx.model.kpis) {
      const due = kpi.target?.due;
      // Dates compare as text in YYYY-MM-DD; a malformed or impossible date (2026-02-30) is the schema's business.
      if (!due || !isDate(due.value) || due.value >= ctx.today) continue;
      ctx.report({
        message: `The target of ${kpiLabel(kpi)} was due on ${due.value}, which has passed (today is ${ctx.today}). Review the result and set the next target.`,
        range: due.range,
        ...kpiKey(kpi),
      });
    }
  },
};
