/**
 * How a KPI's result reads as text — value, target, status, progress, unit — in hovers,
 * lenses, views and reports: one wording for all of them.
 */
import type { KpiResult } from '../evaluation/evaluate';
import type { Status } from '../evaluation/targetStatus';
import type { Kpi, KpiFile } from '../model/kpiFile';
import type { Comparison } from '../evaluation/comparisons';
import type { ChangeStats } from '../evaluation/unusualChange';
import {
  formatJudgedValue,
  formatNumber,
  formatProgress,
  formatStatedValue,
  formatValue,
  type UnitLabel,
} from './number';
import type { GroupResult } from '../evaluation/breakdown';

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

/** Both moves of a KPI with grain, `▲ 2.1 vs 2026-09 · ▼ 4.0 vs a year ago`; undefined with neither. */
export function movementsText(result: KpiResult, label: UnitLabel, judged = false): string | undefined {
  const moves = [
    [result.previous, undefined],
    [result.year_ago, 'a year ago'],
  ] as const;
  const parts: string[] = [];
  for (const [c, against] of moves) {
    const text = movementText(c, label, against);
    if (!text) continue;
    const good = judged ? isGoodMove(c, result) : undefined;
    parts.push(good === undefined ? text : `${text} (${good ? 'better' : 'worse'})`);
  }
  return parts.length ? parts.join(' · ') : undefined;
}

/** A change with its sign: `+2.1`, `−12.0`, `0`, in the KPI's unit. */
export function signedValue(value: number, label: UnitLabel): string {
  return `${value > 0 ? '+' : ''}${formatValue(value, label)}`;
}

/**
 * The numbers of the note `unusual-change`: `change −12.0 vs a mean of +0.4 (sd 1.1) over 11
 * earlier changes: 11.3 sd below`, or with all earlier changes equal `change +5 where all 8
 * earlier changes were 0`.
 */
export function unusualChangeText(u: ChangeStats, label: UnitLabel): string {
  const change = `change ${signedValue(u.change, label)}`;
  if (u.sigmas === null) return `${change} where all ${u.changes} earlier changes were ${signedValue(u.mean, label)}`;
  const side = u.sigmas > 0 ? 'above' : 'below';
  return `${change} vs a mean of ${signedValue(u.mean, label)} (sd ${formatValue(u.sd, label)}) over ${u.changes} earlier changes: ${formatNumber(Math.abs(u.sigmas))} sd ${side}`;
}

/** What each note means, in a few words: `unusual change`. */
export const NOTE_LABEL: Record<string, string> = {
  'division-by-zero': 'division by zero',
  'guardrail-off-track': 'guardrail off track',
  'unusual-change': 'unusual change',
};

/** The numbers of a note that has them (`unusual-change`), else undefined. */
export function noteDetail(note: string, result: KpiResult, label: UnitLabel): string | undefined {
  return note === 'unusual-change' && result.unusual_change
    ? unusualChangeText(result.unusual_change, label)
    : undefined;
}

/** A note's code with its numbers where it has them: `unusual-change: change −12.0 vs …`. */
export function noteCodeText(note: string, result: KpiResult, label: UnitLabel): string {
  const detail = noteDetail(note, result, label);
  return detail ? `${note}: ${detail}` : note;
}

/** A breakdown group as a row label: `channel = chat (478 rows)`, `region = (other) (104 rows)`. */
export function groupLabel(column: string, group: Pick<GroupResult, 'group' | 'rows'>): string {
  return `${column} = ${group.group} (${group.rows} ${group.rows === 1 ? 'row' : 'rows'})`;
}

/** A group's value, judged like its KPI's (against the KPI's target and warning): `50%`, `no data`. */
export function groupValueText(
  group: Pick<GroupResult, 'value'>,
  result: Pick<KpiResult, 'target'>,
  label: UnitLabel,
): string {
  return formatJudgedValue({ value: group.value, target: result.target }, label);
}

/** A move without what it is against (said once for all groups): `▲ 33.3%`, `▼ 2`, `=`; undefined without one. */
export function shortMoveText(c: Comparison | null | undefined, label: UnitLabel): string | undefined {
  if (!c || c.delta === null) return undefined;
  if (c.delta === 0) return '=';
  return `${c.delta > 0 ? '▲' : '▼'} ${formatValue(Math.abs(c.delta), label)}`;
}
