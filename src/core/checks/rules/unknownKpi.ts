import { closestMatches, didYouMean } from '../../common/suggest';
import type { Rule } from './rule';
import { kpiKey, kpiLabel, kpisById } from '../../model/lookup';
import { changeToFixes } from '../fixes/changeTo';

export const unknownKpi: Rule = {
  id: 'unknown-kpi',
  defaultSeverity: 'error',
  description: 'A KPI id in a derived formula or in guardrails that names no KPI.',
  check(ctx) {
    const ids = [...kpisById(ctx.model).keys()];
    const known = new Set(ids);
    // Unknown ids in derived formulas come from the formula checks; guardrails are checked here.
    for (const f of ctx.formulaFindings) if (f.rule === 'unknown-kpi') ctx.report(f);
    for (const kpi of ctx.model.kpis) {
      for (const ref of kpi.guardrails?.items ?? []) {
        if (known.has(ref.value)) continue;
        const matches = closestMatches(ref.value, ids);
        ctx.report({
          message: `${kpiLabel(kpi)} lists the guardrail "${ref.value}", but no KPI has that id.${didYouMean(matches) || ` KPIs in this file: ${ids.join(', ')}.`}`,
          range: ref.range,
          ...kpiKey(kpi),
          fixes: changeToFixes(matches, ref.range),
        });
      }
    }
  },
};
