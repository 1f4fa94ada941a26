import type { Located } from '../../model/kpiFile';
import type { Rule } from './rule';
import { kpiKey, kpiLabel } from '../../model/lookup';

export const targetOutOfRange: Rule = {
  id: 'target-out-of-range',
  defaultSeverity: 'warning',
  description: 'A percent KPI whose target, baseline or warning value is outside 0..100.',
  check(ctx) {
    for (const kpi of ctx.model.kpis) {
      if (kpi.unit?.value !== 'percent' || !kpi.target) continue;
      const values: [string, Located<number> | undefined][] = [
        ['target', kpi.target.value],
        ['baseline', kpi.target.baseline?.value],
        ['warning', kpi.target.warning],
      ];
      for (const [what, v] of values) {
        if (!v || (v.value >= 0 && v.value <= 100)) continue;
        ctx.report({
          message: `The ${what} of ${kpiLabel(kpi)} is ${v.value}, but a percent lies between 0 and 100. Write it as a percent (e.g. 85, not 0.85 or 850).`,
          range: v.range,
          ...kpiKey(kpi),
        });
      }
    }
  },
};
