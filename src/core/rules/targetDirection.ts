import type { RawFinding } from '../finding';
import type { Rule } from './rule';
import { kpiKey, kpiLabel } from './util';

export const targetDirection: Rule = {
  id: 'target-direction',
  defaultSeverity: 'warning',
  description: 'A target on the wrong side of its baseline for its direction.',
  check(ctx) {
    const findings: RawFinding[] = [];
    for (const kpi of ctx.model.kpis) {
      const t = kpi.target;
      const target = t?.value?.value;
      const baseline = t?.baseline?.value?.value;
      if (!t?.value || target === undefined || baseline === undefined) continue;
      const direction = t.direction?.value ?? 'increase';
      const wrong = direction === 'increase' ? target < baseline : target > baseline;
      if (!wrong) continue;
      const verb = direction === 'increase' ? 'below' : 'above';
      const other = direction === 'increase' ? 'decrease' : 'increase';
      findings.push({
        rule: 'target-direction',
        message: `The target of ${kpiLabel(kpi)} (${target}) is ${verb} its baseline (${baseline}) although the direction is ${direction}: reaching it would mean getting worse. Fix the value, or set direction: ${other}.`,
        range: t.value.range,
        ...kpiKey(kpi),
      });
    }
    return findings;
  },
};
