import type { Rule } from './rule';
import { goalsById, kpisPerGoal } from '../../model/lookup';

export const goalOnlyLagging: Rule = {
  id: 'goal-only-lagging',
  defaultSeverity: 'info',
  description: 'A goal measured by lagging KPIs and no leading one.',
  check(ctx) {
    const perGoal = kpisPerGoal(ctx.model);
    for (const [id, goal] of goalsById(ctx.model)) {
      const kpis = perGoal.get(id) ?? [];
      const lagging = kpis.filter((k) => k.indicator?.value === 'lagging');
      if (lagging.length === 0 || kpis.some((k) => k.indicator?.value === 'leading')) continue;
      ctx.report({
        message: `Goal "${id}" is measured only after the fact (lagging: ${lagging.map((k) => k.id?.value).join(', ')}). Add a leading KPI that moves earlier, so the team can still act.`,
        range: goal.id!.range,
      });
    }
  },
};
