/** How a KPI's result reads in hovers and lenses: one wording for both. */
import type { KpiResult } from '../evaluate';
import { formatJudgedValue, formatProgress, type UnitLabel } from '../format/number';
import { STATUS_LABEL } from '../format/status';
import type { Kpi } from '../model';
import { unitLabelOf } from '../report/labels';
import { targetText } from '../report/targetText';

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
