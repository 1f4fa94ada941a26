/**
 * Periods (SPEC 3 "Periods"): instants fall into days, ISO weeks, months, quarters and
 * years in UTC. Each period has an integer key that sorts in time order, so rows can be
 * grouped without allocating per row; labels and start dates are built once per period.
 *
 * Keys: day = days since 1970-01-01; week = Monday-based weeks since the week of
 * 1970-01-01 (the week's Thursday is day 7·key); month = year·12 + month − 1;
 * quarter = year·4 + quarter − 1; year = year.
 */
import { daysFromCivil, formatDate, MS_PER_DAY } from './dates';
import type { Grain } from '../model/kpiFile';

export interface Period {
  key: number;
  /** `2025-03-07`, `2025-W10`, `2025-03`, `2025-Q1`, `2025`. */
  label: string;
  /** First day of the period, `YYYY-MM-DD`. */
  start: string;
}

export interface PeriodGrouping {
  /** Index into `periods` of each row, or -1 for a row with a null time. */
  periodOfRow: Int32Array;
  /** The periods that have at least one row, in time order. */
  periods: Period[];
}

export { daysFromCivil };

/** year·12 + month − 1 of a day number, without allocating (H. Hinnant's civil_from_days). */
export function monthIndexOfDay(days: number): number {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return year * 12 + month - 1;
}

function yearOfDay(days: number): number {
  return Math.floor(monthIndexOfDay(days) / 12);
}

/** The key of the period that contains day number `days`. */
export function keyOfDay(days: number, grain: Grain): number {
  switch (grain) {
    case 'day':
      return days;
    case 'week':
      return Math.floor((days + 3) / 7);
    case 'month':
      return monthIndexOfDay(days);
    case 'quarter': {
      const m = monthIndexOfDay(days);
      const year = Math.floor(m / 12);
      return year * 4 + Math.floor((m - year * 12) / 3);
    }
    case 'year':
      return yearOfDay(days);
  }
}

/** The key of the period that contains an instant (epoch ms, UTC); NaN for NaN. */
export function periodKey(ms: number, grain: Grain): number {
  return ms !== ms ? NaN : keyOfDay(Math.floor(ms / MS_PER_DAY), grain);
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** The period with a given key. */
export function periodOfKey(key: number, grain: Grain): Period {
  switch (grain) {
    case 'day':
      return { key, label: formatDate(key * MS_PER_DAY), start: formatDate(key * MS_PER_DAY) };
    case 'week': {
      const thursday = 7 * key;
      const isoYear = yearOfDay(thursday);
      const week = Math.floor((thursday - daysFromCivil(isoYear, 1, 1)) / 7) + 1;
      return { key, label: `${pad(isoYear, 4)}-W${pad(week, 2)}`, start: formatDate((thursday - 3) * MS_PER_DAY) };
    }
    case 'month': {
      const year = Math.floor(key / 12);
      const month = key - year * 12 + 1;
      const label = `${pad(year, 4)}-${pad(month, 2)}`;
      return { key, label, start: `${label}-01` };
    }
    case 'quarter': {
      const year = Math.floor(key / 4);
      const q = key - year * 4;
      return { key, label: `${pad(year, 4)}-Q${q + 1}`, start: `${pad(year, 4)}-${pad(q * 3 + 1, 2)}-01` };
    }
    case 'year':
      return { key, label: pad(key, 4), start: `${pad(key, 4)}-01-01` };
  }
}

/** The period label and start of an instant (epoch ms, UTC). */
export function periodOf(ms: number, grain: Grain): Period {
  return periodOfKey(periodKey(ms, grain), grain);
}

/** Day spans up to this size are mapped through a table from day to period; wider ones through a Map. */
const DENSE_DAYS = 1 << 22;
const NO_DAY = -2147483648;

/**
 * Groups rows by the period of their time (epoch ms, NaN for null). One pass finds each
 * row's day number; a table from day to period index (keys rise with days, so the periods
 * come out in time order) then maps the rows in a second pass. No allocation per row.
 */
export function groupByPeriod(times: Float64Array, grain: Grain): PeriodGrouping {
  const n = times.length;
  const periodOfRow = new Int32Array(n);
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (let r = 0; r < n; r++) {
    const ms = times[r]!;
    if (ms !== ms) {
      periodOfRow[r] = NO_DAY;
      continue;
    }
    const day = Math.floor(ms / MS_PER_DAY);
    periodOfRow[r] = day;
    if (day < minDay) minDay = day;
    if (day > maxDay) maxDay = day;
  }
  const periods: Period[] = [];
  if (minDay > maxDay) {
    periodOfRow.fill(-1);
    return { periodOfRow, periods };
  }
  if (maxDay - minDay < DENSE_DAYS) {
    const index = new Int32Array(maxDay - minDay + 1).fill(-1);
    for (let r = 0; r < n; r++) {
      const day = periodOfRow[r]!;
      if (day !== NO_DAY) index[day - minDay] = 0;
    }
    let lastKey = NaN;
    for (let slot = 0; slot < index.length; slot++) {
      if (index[slot] !== 0) continue;
      const key = keyOfDay(slot + minDay, grain);
      if (key !== lastKey) {
        periods.push(periodOfKey(key, grain));
        lastKey = key;
      }
      index[slot] = periods.length - 1;
    }
    for (let r = 0; r < n; r++) {
      const day = periodOfRow[r]!;
      periodOfRow[r] = day === NO_DAY ? -1 : index[day - minDay]!;
    }
    return { periodOfRow, periods };
  }
  const keys = new Set<number>();
  for (let r = 0; r < n; r++) {
    const day = periodOfRow[r]!;
    if (day !== NO_DAY) keys.add(keyOfDay(day, grain));
  }
  const index = new Map<number, number>();
  for (const key of [...keys].sort((a, b) => a - b)) {
    index.set(key, periods.length);
    periods.push(periodOfKey(key, grain));
  }
  for (let r = 0; r < n; r++) {
    const day = periodOfRow[r]!;
    periodOfRow[r] = day === NO_DAY ? -1 : index.get(keyOfDay(day, grain))!;
  }
  return { periodOfRow, periods };
}
