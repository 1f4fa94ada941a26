import { anchorOf } from '../../model/lookup';
import type { Rule } from './rule';

export const duplicateId: Rule = {
  id: 'duplicate-id',
  defaultSeverity: 'error',
  description: 'Two goals or two KPIs with one id.',
  check(ctx) {
    for (const [kind, items] of [
      ['goal', ctx.model.goals],
      ['KPI', ctx.model.kpis],
    ] as const) {
      const seen = new Set<string>();
      for (const item of items) {
        if (!item.id) continue;
        const id = item.id.value;
        if (seen.has(id)) {
          ctx.report({
            message: `Another ${kind} already has the id "${id}". Ids must be unique: rename this one.`,
            range: anchorOf(item),
            ...(kind === 'KPI' ? { kpi: id } : {}),
          });
        }
        seen.add(id);
      }
    }
  },
};
