import type { Rule } from './rule';
import { goalsById, goalsInCycles } from '../../model/lookup';

const MAX_NAMED = 10;

export const goalCycle: Rule = {
  id: 'goal-cycle',
  defaultSeverity: 'error',
  description: 'Goals whose parent links form a loop.',
  check(ctx) {
    const inCycle = goalsInCycles(ctx.model);
    const byId = goalsById(ctx.model);
    for (const id of inCycle) {
      const goal = byId.get(id)!;
      const loop: string[] = [id];
      // A loop of thousands of goals is named by its first few, so that messages stay short (and linear).
      for (
        let next = goal.parent?.value;
        next !== undefined && next !== id && loop.length <= MAX_NAMED;
        next = byId.get(next)?.parent?.value
      ) {
        loop.push(next);
      }
      const named = loop.length > MAX_NAMED ? [...loop.slice(0, MAX_NAMED), '…'] : [...loop, id];
      ctx.report({
        message: `Goal "${id}" is its own ancestor: ${named.join(' → ')}. Break the loop by changing one parent.`,
        range: goal.parent!.range,
      });
    }
  },
};
