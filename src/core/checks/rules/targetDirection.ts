import type { Report, Rule } from './rule';
import type { Kpi } from '../../model/kpiFile';
import { kpiKey, kpiLabel } from '../../model/lookup';

export const targetDirection: Rule = {
  id: 'target-direction',
  defaultSeverity: 'warning',
  description:
    'A target on the wrong side of its baseline for its direction, or a warning on the wrong side of its target.',
  check(ctx) {
    for (const kpi of ctx.model.kpis)
      for (const finding of [...baselineSide(kpi), ...warningSide(kpi)]) ctx.report(finding);
  },
};

/** A target below its baseline for `increase` (above for `decrease`): at the `target` key (SPEC 8.7). */
function baselineSide(kpi: Kpi): Report[] {
  const t = kpi.target;
  const target = t?.value?.value;
  const baseline = t?.baseline?.value?.value;
  if (!t || target === undefined || baseline === undefined) return [];
  const direction = t.direction?.value ?? 'increase';
  if (direction === 'increase' ? target >= baseline : target <= baseline) return [];
  const verb = direction === 'increase' ? 'below' : 'above';
  const other = direction === 'increase' ? 'decrease' : 'increase';
  return [
    {
      message:
        `The target of ${kpiLabel(kpi)} (${target}) is ${verb} its baseline (${baseline}) although the direction is ${direction}: ` +
        `reaching it would mean getting worse. Fix the value, or set direction: ${other}.`,
      range: t.keyRange,
      ...kpiKey(kpi),
    },
  ];
}

/**
 * A warning threshold on the far side of its target (above it for `increase`, below for
 * `decrease`): every value that reaches the warning has already met the target, so the KPI
 * could never be at risk. At the `warning` value (SPEC 8.7).
 */
function warningSide(kpi: Kpi): Report[] {
  const t = kpi.target;
  const target = t?.value?.value;
  const warning = t?.warning;
  if (!t || target === undefined || !warning) return [];
  const direction = t.direction?.value ?? 'increase';
  if (direction === 'increase' ? warning.value <= target : warning.value >= target) return [];
  const verb = direction === 'increase' ? 'above' : 'below';
  const side = direction === 'increase' ? 'below' : 'above';
  return [
    {
      message:
        `The warning of ${kpiLabel(kpi)} (${warning.value}) is ${verb} its target (${target}) although the direction is ${direction}: ` +
        `the warning marks where a value not yet on target is at risk, so it lies ${side} the target. Fix the warning, or the direction.`,
      range: warning.range,
      ...kpiKey(kpi),
    },
  ];
}
