import type { RawFinding } from '../finding';
import type { Rule } from './rule';
import { goalsById, goalsInCycles, kpisPerGoal } from './util';

export const goalWithoutKpi: Rule = {
  id: 'goal-without-kpi',
  defaultSeverity: 'warning',
  description: 'A goal that no KPI measures, directly or through its child goals.',
  check(ctx) {
    const byId = goalsById(ctx.model);
    const direct = kpisPerGoal(ctx.model);
    const inCycle = goalsInCycles(ctx.model);
    const children = new Map<string, string[]>();
    for (const [id, goal] of byId) {
      const parent = goal.parent?.value;
      // Goals in a loop count as having no children.
      if (parent === undefined || inCycle.has(parent)) continue;
      children.set(parent, [...(children.get(parent) ?? []), id]);
    }
    const memo = new Map<string, boolean>();
    const measured = (id: string): boolean => {
      const known = memo.get(id);
      if (known !== undefined) return known;
      memo.set(id, false);
      const result = (direct.get(id)?.length ?? 0) > 0 || (children.get(id) ?? []).some(measured);
      memo.set(id, result);
      return result;
    };
    const findings: RawFinding[] = [];
    for (const [id, goal] of byId) {
      if (measured(id)) continue;
      findings.push({
        rule: 'goal-without-kpi',
        message: `Goal "${id}" is measured by no KPI, directly or through its child goals. Link a KPI to it (goals: [${id}]) or remove the goal.`,
        range: goal.id!.range,
      });
    }
    return findings;
  },
};
