import { visibleRange } from '../fixes/textLayout';
import type { Rule } from './rule';
import { anchorOf, kpiKey, kpiLabel } from '../../model/lookup';

export const noGuardrail: Rule = {
  id: 'no-guardrail',
  defaultSeverity: 'info',
  description: 'A duration KPI pushed down with no guardrail KPIs.',
  check(ctx) {
    for (const kpi of ctx.model.kpis) {
      if (kpi.unit?.value !== 'duration' || kpi.target?.direction?.value !== 'decrease') continue;
      if (kpi.guardrails && kpi.guardrails.items.length > 0) continue;
      ctx.report({
        message:
          `${kpiLabel(kpi)} pushes a duration down with no guardrail: speed bought by rushing customers, ` +
          `at the cost of resolution and satisfaction, would go unseen. Add guardrails: [ids of KPIs such as first-contact resolution or CSAT].`,
        range: kpi.guardrails ? visibleRange(kpi.guardrails.range, kpi.guardrails.keyRange) : anchorOf(kpi),
        ...kpiKey(kpi),
      });
    }
  },
};
