import { closestMatches, didYouMean } from '../../common/suggest';
import type { Rule } from './rule';
import { kpiKey, kpiLabel } from '../../model/lookup';
import { changeToFixes } from '../fixes/changeTo';

export const unknownSource: Rule = {
  id: 'unknown-source',
  defaultSeverity: 'error',
  description: 'source: naming a source that does not exist.',
  check(ctx) {
    const names = ctx.model.sources.map((s) => s.name);
    for (const kpi of ctx.model.kpis) {
      const ref = kpi.source;
      if (!ref || names.includes(ref.value)) continue;
      const matches = closestMatches(ref.value, names);
      const existing = names.length > 0 ? ` Sources in this file: ${names.join(', ')}.` : ' Define it under sources:.';
      ctx.report({
        message: `${kpiLabel(kpi)} reads from the source "${ref.value}", which does not exist.${didYouMean(matches) || existing}`,
        range: ref.range,
        ...kpiKey(kpi),
        fixes: changeToFixes(matches, ref.range),
      });
    }
  },
};
