import type { RawFinding } from '../finding';
import type { Rule } from './rule';
import { goalsById, goalsInCycles } from './util';

export const goalCycle: Rule = {
  id: 'goal-cycle',
  defaultSeverity: 'error',
  description: "Goals whose parent links form a loop.",
  check(ctx) {
    const inCycle = goalsInCycles(ctx.model);
    const byId = goalsById(ctx.model);
    const findings: RawFinding[] = [];
    for (const id of inCycle) {
      const goal = byId.get(id)!;
      const loop: string[] = [id];
      for (let next = goal.parent?.value; next !== undefined && next !== id; next = byId.get(next)?.parent?.value) {
        loop.push(next);
      }
      findings.push({
        rule: 'goal-cycle',
        message: `Goal "${id}" is its own ancestor: ${[...loop, id].join(' → ')}. Break the loop by changing one parent.`,
        range: goal.parent!.range,
      });
    }
    return findings;
  },
};
