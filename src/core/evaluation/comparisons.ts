/**
 * How a KPI with a grain moved: its last period against the calendar period before it
 * (`previous`) and against the same period a year earlier (`year_ago`). A period absent
 * from the series (a gap) gives null, never the series' previous entry.
 */
import { isDate, parseDateTime } from '../data/dates';
import { periodKey, periodOfKey } from '../data/periods';
import type { PeriodValue } from '../formula/api';
import type { Grain } from '../model/kpiFile';

export interface Comparison {
  /** The period compared with: `2026-09`, `2025-W10`, … */
  period: string;
  /** Its value (null when the KPI had no value then). */
  value: number | null;
  /** Last value − that value; null when either is null. */
  delta: number | null;
  /** delta / |that value|; null when that value is 0 or null. */
  relative: number | null;
}

export interface Comparisons {
  previous: Comparison | null;
  year_ago: Comparison | null;
}

/**
 * The comparisons of a series' last entry (or of `at`, a period the series may lack: a
 * breakdown group is compared at its KPI's last period); both null without either.
 */
export function comparisonsOf(
  series: readonly PeriodValue[],
  grain: Grain,
  at: PeriodValue | undefined = series[series.length - 1],
): Comparisons {
  const last = at;
  if (!last) return { previous: null, year_ago: null };
  const byPeriod = new Map(series.map((e) => [e.period, e.value]));
  const key = periodKey(parseDateTime(last.start) ?? NaN, grain);
  const compare = (period: string | undefined): Comparison | null => {
    if (period === undefined || !byPeriod.has(period)) return null;
    const value = byPeriod.get(period)!;
    const delta = last.value === null || value === null ? null : last.value - value;
    const relative = delta === null || value === 0 || value === null ? null : delta / Math.abs(value);
    return { period, value, delta, relative };
  };
  return {
    previous: Number.isNaN(key) ? null : compare(periodOfKey(key - 1, grain).label),
    year_ago: compare(yearAgo(last.period, key, grain)),
  };
}

/**
 * The label of the same period one year earlier, or undefined where there is none: a
 * 29 February (2024-02-29 → no 2023-02-29), an ISO week 53 in a year of 52 weeks.
 */
export function yearAgo(label: string, key: number, grain: Grain): string | undefined {
  if (Number.isNaN(key)) return undefined;
  switch (grain) {
    case 'day': {
      const earlier = `${String(Number(label.slice(0, 4)) - 1).padStart(4, '0')}${label.slice(4)}`;
      return isDate(earlier) ? earlier : undefined;
    }
    case 'week': {
      // A year earlier is 52 or 53 weeks back: the one with the same week number, if any.
      const wanted = `${String(Number(label.slice(0, 4)) - 1).padStart(4, '0')}${label.slice(4)}`;
      for (const back of [52, 53]) if (periodOfKey(key - back, grain).label === wanted) return wanted;
      return undefined;
    }
    case 'month':
      return periodOfKey(key - 12, grain).label;
    case 'quarter':
      return periodOfKey(key - 4, grain).label;
    case 'year':
      return periodOfKey(key - 1, grain).label;
  }
}
