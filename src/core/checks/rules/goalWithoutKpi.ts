import type { Rule } from './rule';
import { anchorOf, goalsById, goalsInCycles, kpisPerGoal } from '../../model/lookup';

export const goalWithoutKpi: Rule = {
  id: 'goal-without-kpi',
  defaultSeverity: 'warning',
  description: 'A goal that no KPI measures, directly or through its child goals.',
  check(ctx) {
    const byId = goalsById(ctx.model);
    const direct = kpisPerGoal(ctx.model);
    const inCycle = goalsInCycles(ctx.model);
    // A goal is measured when it has a KPI, or a child goal that is measured: walk up from
    // each goal with a KPI (iteratively, so a deep goal chain cannot overflow the stack).
    // Goals in a loop count as having no children, so nothing passes up into a loop.
    const measuredIds = new Set<string>();
    for (const id of byId.keys()) {
      if ((direct.get(id)?.length ?? 0) === 0) continue;
      let current: string | undefined = id;
      while (current !== undefined && !measuredIds.has(current)) {
        measuredIds.add(current);
        const parent: string | undefined = byId.get(current)?.parent?.value;
        current = parent !== undefined && byId.has(parent) && !inCycle.has(parent) ? parent : undefined;
      }
    }
    const measured = (id: string): boolean => measuredIds.has(id);
    for (const [id, goal] of byId) {
      if (measured(id)) continue;
      ctx.report({
        message: `Goal "${id}" is measured by no KPI, directly or through its child goals. Link a KPI to it (goals: [${id}]) or remove the goal.`,
        range: anchorOf(goal),
      });
    }
  },
};
