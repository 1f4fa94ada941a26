// The DuckDB side of the period cross-checks: each grain's label, period start, the calendar
// step back, and the year-ago start, as SQL over a timestamp column `ts` (then `start`).
import type { Grain } from '../../../src/core/model/kpiFile';

/** Each grain's label, period start, the step back, and the year-ago start (none when that period does not exist). */
export const GRAINS: Record<Grain, { label: string; start: string; previous: string; yearAgo: string }> = {
  day: {
    label: "strftime(ts, '%Y-%m-%d')",
    start: "date_trunc('day', ts)",
    previous: 'start - INTERVAL 1 DAY',
    // 2024-02-29 has no year-ago day: DuckDB would give 2023-02-28, so require the same day of the month.
    yearAgo: 'CASE WHEN day(start - INTERVAL 1 YEAR) = day(start) THEN start - INTERVAL 1 YEAR END',
  },
  week: {
    label: "strftime(ts, '%G-W%V')",
    start: "date_trunc('week', ts)",
    previous: 'start - INTERVAL 7 DAY',
    // The same ISO week number in the ISO year before: 52 or 53 weeks back, if either has it.
    yearAgo: `CASE
      WHEN strftime(start - INTERVAL 364 DAY, '%V') = strftime(start, '%V') THEN start - INTERVAL 364 DAY
      WHEN strftime(start - INTERVAL 371 DAY, '%V') = strftime(start, '%V') THEN start - INTERVAL 371 DAY END`,
  },
  month: {
    label: "strftime(ts, '%Y-%m')",
    start: "date_trunc('month', ts)",
    previous: 'start - INTERVAL 1 MONTH',
    yearAgo: 'start - INTERVAL 1 YEAR',
  },
  quarter: {
    label: "year(ts) || '-Q' || quarter(ts)",
    start: "date_trunc('quarter', ts)",
    previous: 'start - INTERVAL 3 MONTH',
    yearAgo: 'start - INTERVAL 1 YEAR',
  },
  year: {
    label: 'CAST(year(ts) AS VARCHAR)',
    start: "date_trunc('year', ts)",
    previous: 'start - INTERVAL 1 YEAR',
    yearAgo: 'start - INTERVAL 1 YEAR',
  },
};
