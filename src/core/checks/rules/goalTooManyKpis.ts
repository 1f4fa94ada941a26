import type { Rule } from './rule';
import { goalsById, kpisPerGoal } from '../../model/lookup';

export const goalTooManyKpis: Rule = {
  id: 'goal-too-many-kpis',
  defaultSeverity: 'info',
  description: 'A goal measured directly by more than `max` KPIs: too many targets blur the focus.',
  options: { max: { type: 'integer', minimum: 1, default: 5, description: 'The most KPIs a goal may have directly.' } },
  check(ctx) {
    const max = typeof ctx.options.max === 'number' ? ctx.options.max : 5;
    const perGoal = kpisPerGoal(ctx.model);
    for (const [id, goal] of goalsById(ctx.model)) {
      const count = perGoal.get(id)?.length ?? 0;
      if (count <= max) continue;
      ctx.report({
        message: `Goal "${id}" is measured directly by ${count} KPIs (more than ${max}): too many targets blur the focus. Keep the few that matter, or split the goal into child goals.`,
        range: goal.id!.range,
      });
    }
  },
};
