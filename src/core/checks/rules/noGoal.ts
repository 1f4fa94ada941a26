import type { Fix } from '../../model/finding';
import { goalStubFix, linkGoalFix } from '../fixes/goalFixes';
import { visibleRange } from '../fixes/textLayout';
import type { Rule } from './rule';
import { anchorOf, goalIds, kpiKey, kpiLabel } from '../../model/lookup';

/** How many goals the message lists and the quick fixes offer. */
const MAX_LISTED = 10;

export const noGoal: Rule = {
  id: 'no-goal',
  defaultSeverity: 'warning',
  description: 'A KPI linked to no business goal: misaligned, it measures nothing the business set out to do.',
  check(ctx) {
    const ids = goalIds(ctx.model);
    for (const kpi of ctx.model.kpis) {
      if (kpi.goals && kpi.goals.items.length > 0) continue;
      const shown =
        ids.length > MAX_LISTED
          ? `${ids.slice(0, MAX_LISTED).join(', ')} and ${ids.length - MAX_LISTED} more`
          : ids.join(', ');
      const advice =
        ids.length > 0
          ? `Link it to one of: ${shown}.`
          : 'This file defines no goals yet: add the goal it serves under goals: and link it.';
      const fixes: Fix[] = [];
      // A menu of hundreds of goals helps nobody; the rest are a completion away.
      for (const id of ids.slice(0, MAX_LISTED)) {
        const fix = linkGoalFix(ctx.model.text, kpi, id);
        if (fix) fixes.push(fix);
      }
      const stub = goalStubFix(ctx.model, kpi);
      if (stub) fixes.push(stub);
      ctx.report({
        message: `${kpiLabel(kpi)} is linked to no goal: it measures nothing the business set out to do. ${advice}`,
        range: kpi.goals ? visibleRange(kpi.goals.range, kpi.goals.keyRange) : anchorOf(kpi),
        ...kpiKey(kpi),
        fixes,
      });
    }
  },
};
