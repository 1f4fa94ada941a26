/**
 * Targets from data: the values a KPI's data gives per period, to pick a baseline from,
 * and the edit that writes `baseline: { value: V, as_of: <the period's last day> }` into
 * the target, whatever its style (block or flow, with or without a baseline).
 */
import type { Analysis } from '../checks/analysis';
import { formatDate, MS_PER_DAY, parseDateTime } from '../data/dates';
import type { KpiResult } from '../evaluation/evaluate';
import type { TextEdit } from '../model/finding';
import { eol, isFlow, lineEnd, columnOf } from '../checks/fixes/textLayout';
import { formatValue, type UnitLabel } from '../presentation/number';
import type { Grain, Target } from '../model/kpiFile';
import { periodOf } from '../data/periods';
import type { SourceRange } from '../model/range';
import { kpisById } from '../model/lookup';

export interface BaselineChoice {
  /** The period (`2025-12`), or null for a KPI without grain (all rows). */
  period: string | null;
  /** The date written as `as_of`: the period's last day, or today without grain. */
  asOf: string;
  /** The value written, rounded for reading (6 significant digits, at least 2 decimals kept). */
  value: number;
  /** `2025-12 · 38.2`, for a pick list. */
  label: string;
}

export interface BaselineAction {
  kpiId: string;
  title: string;
  /** Why it is offered: no baseline yet, or one that differs from the data. */
  reason: string;
}

/** The value a baseline is written with: enough digits to reproduce progress, no float noise. */
export function baselineNumber(value: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.min(10, Math.max(2, 5 - magnitude));
  return Number(value.toFixed(decimals));
}

/** The grain a period label is written in. */
export function grainOfLabel(label: string): Grain | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(label)) return 'day';
  if (/^\d{4}-W\d{2}$/.test(label)) return 'week';
  if (/^\d{4}-\d{2}$/.test(label)) return 'month';
  if (/^\d{4}-Q[1-4]$/.test(label)) return 'quarter';
  if (/^\d{4}$/.test(label)) return 'year';
  return undefined;
}

/** The last day of the period that starts on `start`. */
export function periodEnd(start: string, grain: Grain): string {
  const ms = parseDateTime(start);
  if (ms === undefined) return start;
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (grain) {
    case 'day':
      return start;
    case 'week':
      return formatDate(ms + 6 * MS_PER_DAY);
    case 'month':
      return formatDate(Date.UTC(y, m + 1, 0));
    case 'quarter':
      return formatDate(Date.UTC(y, m + 3, 0));
    case 'year':
      return `${String(y).padStart(4, '0')}-12-31`;
  }
}

/** The periods with a value, newest first, to pick a baseline from; one choice for a KPI without grain. */
export function baselineChoices(
  results: readonly KpiResult[],
  kpiId: string,
  today: string,
  label?: UnitLabel,
): BaselineChoice[] {
  const result = results.find((r) => r.id === kpiId);
  if (!result || result.failure) return [];
  const unit = label ?? { unit: result.unit };
  if (result.series) {
    return result.series
      .flatMap((e): BaselineChoice[] => {
        const grain = grainOfLabel(e.period);
        if (e.value === null || !grain) return [];
        const value = baselineNumber(e.value);
        return [
          {
            period: e.period,
            asOf: periodEnd(e.start, grain),
            value,
            label: `${e.period} · ${formatValue(e.value, unit)}`,
          },
        ];
      })
      .reverse();
  }
  if (result.value === null) return [];
  return [
    {
      period: null,
      asOf: today,
      value: baselineNumber(result.value),
      label: `all rows · ${formatValue(result.value, unit)}`,
    },
  ];
}

/** The data's value in the period that holds `asOf`, when the KPI has a series with that period. */
export function valueAt(result: KpiResult, asOf: string): number | null | undefined {
  const first = result.series?.[0];
  const grain = first && grainOfLabel(first.period);
  const ms = parseDateTime(asOf);
  if (!grain || ms === undefined) return undefined;
  const label = periodOf(ms, grain).label;
  return result.series!.find((e) => e.period === label)?.value;
}

/**
 * The "Set baseline from data…" actions for targets that `range` touches. `results` may be
 * a function, so that the KPIs are evaluated only when the range touches a target (the
 * editor asks on every cursor move).
 */
export function baselineActionsAt(
  analysis: Analysis,
  results: readonly KpiResult[] | (() => readonly KpiResult[]),
  range: SourceRange,
): BaselineAction[] {
  const actions: BaselineAction[] = [];
  let evaluated: readonly KpiResult[] | undefined;
  const all = (): readonly KpiResult[] => (evaluated ??= typeof results === 'function' ? results() : results);
  for (const kpi of analysis.model.kpis) {
    const target = kpi.target;
    if (!kpi.id || !target) continue;
    const start = target.keyRange.start;
    const end = Math.max(target.range.end, target.keyRange.end);
    if (range.end < start || range.start > end) continue;
    const result = all().find((r) => r.index === kpi.index);
    if (!result || baselineChoices(all(), kpi.id.value, analysis.today).length === 0) continue;
    const baseline = target.baseline;
    if (!baseline?.value || !baseline.asOf) {
      actions.push({ kpiId: kpi.id.value, title: 'Set baseline from data…', reason: 'The target has no baseline.' });
      continue;
    }
    const data = valueAt(result, baseline.asOf.value);
    if (typeof data === 'number' && baselineNumber(data) !== baselineNumber(baseline.value.value)) {
      actions.push({
        kpiId: kpi.id.value,
        title: 'Set baseline from data…',
        reason: `The data gives ${baselineNumber(data)} at ${baseline.asOf.value}, not ${baseline.value.value}.`,
      });
    }
  }
  return actions;
}

/** The edits that set the target's baseline to `choice`, or undefined when the KPI has no target. */
export function baselineEdits(
  analysis: Analysis,
  kpiId: string,
  choice: Pick<BaselineChoice, 'value' | 'asOf'>,
): TextEdit[] | undefined {
  const kpi = kpisById(analysis.model).get(kpiId);
  const target = kpi?.target;
  if (!target) return undefined;
  const text = analysis.text;
  const flowText = `{ value: ${choice.value}, as_of: ${choice.asOf} }`;
  const baseline = target.baseline;
  if (baseline) {
    if (isFlow(text, baseline.range) || !baseline.value || !baseline.asOf)
      return [{ range: baseline.range, newText: flowText }];
    return [
      { range: baseline.value.range, newText: String(choice.value) },
      { range: baseline.asOf.range, newText: choice.asOf },
    ];
  }
  const bare = bareBaselineKey(text, target);
  if (bare) return [{ range: bare, newText: ` ${flowText}` }];
  if (isFlow(text, target.range)) {
    const close = target.range.end - 1;
    if (text[close] !== '}') return undefined;
    let at = close;
    while (at > target.range.start + 1 && /\s/.test(text[at - 1]!)) at--;
    const empty = at === target.range.start + 1;
    return [
      { range: { start: at, end: at }, newText: `${empty ? ' ' : ', '}baseline: ${flowText}${empty ? ' ' : ''}` },
    ];
  }
  // Block style: a new line after the last of value, direction and due, at their indentation.
  const keys = [target.value, target.direction, target.due].filter((k): k is NonNullable<typeof k> => k !== undefined);
  const last = keys.sort((a, b) => b.range.end - a.range.end)[0];
  const indent = ' '.repeat(columnOf(text, last?.keyRange?.start ?? target.range.start));
  const at = lineEnd(text, last ? last.range.end : target.range.start);
  return [{ range: { start: at, end: at }, newText: `${eol(text)}${indent}baseline: ${flowText}` }];
}

/** A `baseline:` key with no map after it (the model leaves such a baseline out): the text after its colon. */
function bareBaselineKey(text: string, target: Target): SourceRange | undefined {
  const span = text.slice(target.keyRange.end, target.range.end);
  const m = /(^|[\s{,])baseline[ \t]*:/.exec(span);
  if (!m) return undefined;
  const colon = target.keyRange.end + m.index + m[0].length;
  let end = lineEnd(text, colon);
  const hash = text.slice(colon, end).search(/\s#/);
  if (hash >= 0) end = colon + hash;
  if (isFlow(text, target.range)) {
    const stop = text.slice(colon, end).search(/[,}]/);
    if (stop >= 0) end = colon + stop;
  }
  return { start: colon, end };
}
