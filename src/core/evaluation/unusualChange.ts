/**
 * The note `unusual-change`: the last period-to-period change of a KPI with grain lies more
 * than 3 standard deviations from the mean of the earlier changes (at least 6 of them).
 *
 * A change is the difference between two calendar-adjacent periods of the series that both
 * have a value (2026-03 after 2026-02, as `previous` pairs them): a gap or a null value
 * breaks the pair, never the series' previous entry. The last change is the last value −
 * the value of the calendar period before it; the earlier changes are all the other such
 * changes before it. Standard deviation: the population one (divided by n), as z-scores use.
 * Earlier changes all equal (sd 0): any other last change is unusual, with no sigmas.
 */
import { parseDateTime } from '../data/dates';
import { periodKey } from '../data/periods';
import type { PeriodValue } from '../formula/api';
import type { Grain } from '../model/kpiFile';

/** How far from the mean, in standard deviations, a last change must lie to be unusual. */
export const UNUSUAL_SIGMAS = 3;
/** How many earlier changes the note needs. */
export const MIN_EARLIER_CHANGES = 6;
/**
 * A standard deviation below this share of the largest |value| involved counts as 0, and so
 * does a last change that close to the mean: the rounding of subtracting floating-point
 * numbers (0.3 − 0.2 ≠ 0.2 − 0.1), never a real spread.
 */
const ROUNDING = 1e-10;

/** The last change against the earlier ones. */
export interface ChangeStats {
  /** The last change: last value − the value of the calendar period before it. */
  change: number;
  /** Mean of the earlier changes. */
  mean: number;
  /** Their population standard deviation; 0 when they are all equal. */
  sd: number;
  /** How many earlier changes there are. */
  changes: number;
  /** (change − mean) / sd; null when sd is 0. */
  sigmas: number | null;
}

/**
 * The last change and the statistics of the earlier ones, or null without a last change or
 * without any earlier change. Whether it is unusual is unusualChangeOf's business.
 */
export function changeStatsOf(series: readonly PeriodValue[], grain: Grain): ChangeStats | null {
  return measure(series, grain)?.stats ?? null;
}

/** The statistics behind the note `unusual-change` when the last change trips it, else null. */
export function unusualChangeOf(series: readonly PeriodValue[], grain: Grain): ChangeStats | null {
  const measured = measure(series, grain);
  if (!measured || measured.stats.changes < MIN_EARLIER_CHANGES) return null;
  const { stats, tolerance } = measured;
  const unusual =
    stats.sigmas !== null ? Math.abs(stats.sigmas) > UNUSUAL_SIGMAS : Math.abs(stats.change - stats.mean) > tolerance;
  return unusual ? stats : null;
}

/** The statistics, and below which difference two changes count as equal. */
function measure(series: readonly PeriodValue[], grain: Grain): { stats: ChangeStats; tolerance: number } | null {
  // changes[i] is the change into series[i]: NaN where there is none (the first entry, a gap, a null).
  const changes: number[] = [];
  let scale = 0;
  let before: { key: number; value: number | null } | undefined;
  for (const entry of series) {
    const key = periodKey(parseDateTime(entry.start) ?? NaN, grain);
    const value = entry.value !== null && Number.isFinite(entry.value) ? entry.value : null;
    const from = before?.key === key - 1 ? before.value : null;
    if (value !== null && from !== null) {
      changes.push(value - from);
      scale = Math.max(scale, Math.abs(value), Math.abs(from));
    } else changes.push(NaN);
    before = { key, value };
  }
  const change = changes.pop();
  if (change === undefined || Number.isNaN(change)) return null;
  const earlier = changes.filter((c) => !Number.isNaN(c));
  const n = earlier.length;
  if (n === 0) return null;
  const mean = earlier.reduce((s, c) => s + c, 0) / n;
  const spread = Math.sqrt(earlier.reduce((s, c) => s + (c - mean) ** 2, 0) / n);
  const tolerance = ROUNDING * scale;
  const sd = spread <= tolerance ? 0 : spread;
  return { stats: { change, mean, sd, changes: n, sigmas: sd === 0 ? null : (change - mean) / sd }, tolerance };
}
