/**
 * How a KPI's result reads as text — value, target, status, progress, unit — in hovers,
 * lenses, views and reports: one wording for all of them.
 */
import type { KpiResult } from '../evaluation/evaluate';
import type { Status } from '../evaluation/targetStatus';
import type { Kpi, KpiFile } from '../model/kpiFile';
import type { Comparison } from '../evaluation/comparisons';
import type { GroupResult } from '../evaluation/breakdown';
import { formatJudgedValue, formatProgress, formatStatedValue, formatValue, type UnitLabel } from './number';

export const STATUS_LABEL: Record<Status, string> = {
  met: 'met',
  at_risk: 'at risk',
  off_track: 'off track',
  no_data: 'no data',
};

export function unitLabelOf(kpi: Kpi): UnitLabel {
  return { unit: kpi.unit?.value, per: kpi.per?.value, currency: kpi.currency?.value };
}

export function unitLabels(model: KpiFile): Map<string, UnitLabel> {
  const labels = new Map<string, UnitLabel>();
  for (const kpi of model.kpis) if (kpi.id && !labels.has(kpi.id.value)) labels.set(kpi.id.value, unitLabelOf(kpi));
  return labels;
}

/** `≥ 50 by 2026-06-30`, `≤ 6 min`, or an empty string without a target. */
export function targetText(result: Pick<KpiResult, 'target'>, label: UnitLabel): string {
  const t = result.target;
  if (!t) return '';
  const sign = t.direction === 'increase' ? '≥' : '≤';
  return `${sign} ${formatStatedValue(t.value, label)}${t.due ? ` by ${t.due}` : ''}`;
}

export function labelOf(kpi: Kpi | undefined, result: KpiResult): UnitLabel {
  return kpi ? unitLabelOf(kpi) : { unit: result.unit };
}

/** `38.2`, `7.9%`, `no data`, with the period for a KPI with grain: `38.2 (2026-10)`. */
export function valueText(result: KpiResult, label: UnitLabel, withPeriod = true): string {
  const value = formatJudgedValue(result, label);
  return withPeriod && result.period ? `${value} (${result.period})` : value;
}

/** `target ≥ 50 by 2026-06-30`, or undefined without a target. */
export function targetPhrase(result: KpiResult, label: UnitLabel): string | undefined {
  return result.target ? `target ${targetText(result, label)}` : undefined;
}

export function statusText(result: KpiResult): string | undefined {
  return result.status ? STATUS_LABEL[result.status] : undefined;
}

/** `62.5%` of the way from the baseline, or undefined. */
export function progressText(result: KpiResult): string | undefined {
  return result.progress === null ? undefined : formatProgress(result.progress);
}

/** The short form used for guardrails and goal members: `7.9% · off track`, or why it was not computed. */
export function shortResult(result: KpiResult | undefined, kpi: Kpi | undefined): string {
  if (!result) return 'not computed';
  if (result.failure) return `not computed: ${result.failure}`;
  const label = labelOf(kpi, result);
  return [valueText(result, label, false), statusText(result)].filter((s) => s !== undefined).join(' · ');
}

/**
 * How the last period moved against a comparison: `▲ 2.1 vs 2026-09`, `▼ 4.0 vs a year ago`,
 * `= vs 2026-09`; undefined without the comparison or a change to show.
 */
export function movementText(c: Comparison | null | undefined, label: UnitLabel, against?: string): string | undefined {
  if (!c || c.delta === null) return undefined;
  const vs = `vs ${against ?? c.period}`;
  if (c.delta === 0) return `= ${vs}`;
  return `${c.delta > 0 ? '▲' : '▼'} ${formatValue(Math.abs(c.delta), label)} ${vs}`;
}

/** Whether a move is good for the target's direction: undefined without a target or a move. */
export function isGoodMove(c: Comparison | null | undefined, result: Pick<KpiResult, 'target'>): boolean | undefined {
  if (!c || c.delta === null || c.delta === 0 || !result.target) return undefined;
  return result.target.direction === 'decrease' ? c.delta < 0 : c.delta > 0;
}

/** A breakdown group as a row label: `channel = chat (478 rows)`, `region = (other) (104 rows)`. */
export function groupLabel(column: string, group: Pick<GroupResult, 'group' | 'rows'>): string {
  return `${column} = ${group.group} (${group.rows} ${group.rows === 1 ? 'row' : 'rows'})`;
}
