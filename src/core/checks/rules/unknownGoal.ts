import type { Located } from '../../model/kpiFile';
import { closestMatches, didYouMean } from '../../common/suggest';
import type { Rule } from './rule';
import { goalIds, kpiKey } from '../../model/lookup';
import { changeToFixes } from '../fixes/changeTo';

export const unknownGoal: Rule = {
  id: 'unknown-goal',
  defaultSeverity: 'error',
  description: "A KPI's goals entry or a goal's parent naming a goal that does not exist.",
  check(ctx) {
    const ids = goalIds(ctx.model);
    const known = new Set(ids);
    const report = (ref: Located<string>, where: string, extra: { kpi?: string }): void => {
      if (known.has(ref.value)) return;
      const matches = closestMatches(ref.value, ids);
      const existing = ids.length > 0 ? ` Goals in this file: ${ids.join(', ')}.` : ' This file defines no goals yet.';
      ctx.report({
        message: `${where} names the goal "${ref.value}", which does not exist.${didYouMean(matches) || existing}`,
        range: ref.range,
        ...extra,
        fixes: changeToFixes(matches, ref.range),
      });
    };
    for (const kpi of ctx.model.kpis) {
      for (const ref of kpi.goals?.items ?? []) {
        report(ref, kpi.id ? `KPI "${kpi.id.value}"` : 'This KPI', kpiKey(kpi));
      }
    }
    for (const goal of ctx.model.goals) {
      if (goal.parent) report(goal.parent, goal.id ? `The parent of goal "${goal.id.value}"` : 'This parent', {});
    }
  },
};
