import { kpiKey, kpiLabel } from '../../model/lookup';
import type { Rule } from './rule';

export const grainWithoutTime: Rule = {
  id: 'grain-without-time',
  defaultSeverity: 'error',
  description: 'A KPI with a grain whose source has no time column.',
  check(ctx) {
    const sources = new Map(ctx.model.sources.map((s) => [s.name, s]));
    for (const kpi of ctx.model.kpis) {
      if (!kpi.grain || !kpi.source) continue;
      const source = sources.get(kpi.source.value);
      if (!source || source.time) continue;
      ctx.report({
        message:
          `${kpiLabel(kpi)} has grain: ${kpi.grain.value}, but its source "${source.name}" has no time column to put rows into periods. ` +
          `Add time: <date column> to the source, or remove the grain.`,
        range: kpi.grain.range,
        ...kpiKey(kpi),
      });
    }
  },
};
