/**
 * Cross-check of previous and year_ago against DuckDB SQL written by hand: each KPI's series
 * by GROUP BY over test/fixtures/formula/events.csv, then the last period joined to the
 * period one calendar step and one year before it (not lag(): a gap must give null). Every
 * grain; with a filter that leaves gaps in the day series.
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { comparisonsOf, type Comparison } from '../../../src/core/evaluation/comparisons';
import type { Grain } from '../../../src/core/model/kpiFile';
import { duckNumber, useEventsTable } from '../formula/duckdbEvents';
import { loadFixture, run } from '../formula/support';

const events = loadFixture('events.csv');

/** Each grain's label, period start, the step back, and the year-ago start (none when that period does not exist). */
const GRAINS: Record<Grain, { label: string; start: string; previous: string; yearAgo: string }> = {
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

const CASES: { formula: string; sql: string; where: string; filter?: string }[] = [
  { formula: 'count()', sql: 'count(*)', where: 'TRUE' },
  { formula: 'avg(amount)', sql: 'avg(amount)', where: 'TRUE' },
  // Only phone rows: the day series has gaps, so previous is often null there.
  {
    formula: 'sum(wait_seconds)',
    sql: 'coalesce(sum(wait_seconds), 0)',
    where: "channel = 'phone'",
    filter: 'channel == "phone"',
  },
];

const db = useEventsTable();

async function theirs(
  grain: Grain,
  sql: string,
  where: string,
): Promise<{ previous: Comparison | null; year_ago: Comparison | null }> {
  const g = GRAINS[grain];
  const reader = await db().runAndReadAll(`
    WITH s AS (
      SELECT ${g.label} AS period, ${g.start} AS start, (${sql})::DOUBLE AS v
      FROM t WHERE ts IS NOT NULL AND (${where}) GROUP BY 1, 2),
    last AS (SELECT * FROM s ORDER BY start DESC LIMIT 1)
    SELECT last.v, p.period, p.v, y.period, y.v
    FROM last
    LEFT JOIN s p ON p.start = (SELECT ${g.previous} FROM last)
    LEFT JOIN s y ON y.start = (SELECT ${g.yearAgo} FROM last)`);
  const [row] = reader.getRows();
  const [now, pPeriod, pValue, yPeriod, yValue] = row!;
  const comparison = (period: unknown, value: unknown): Comparison | null => {
    if (period === null) return null;
    const then = duckNumber(value);
    const last = duckNumber(now);
    const delta = last === null || then === null ? null : last - then;
    return {
      period: String(period),
      value: then,
      delta,
      relative: delta === null || !then ? null : delta / Math.abs(then),
    };
  };
  return { previous: comparison(pPeriod, pValue), year_ago: comparison(yPeriod, yValue) };
}

function same(ours: Comparison | null, expected: Comparison | null, what: string): void {
  if (ours === null || expected === null) {
    assert.deepEqual(ours, expected, what);
    return;
  }
  assert.equal(ours.period, expected.period, `${what} period`);
  for (const k of ['value', 'delta', 'relative'] as const) {
    const a: number | null = ours[k];
    const b: number | null = expected[k];
    if (a === null || b === null) assert.equal(a, b, `${what} ${k}`);
    else assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what} ${k}: ours ${a}, DuckDB ${b}`);
  }
}

for (const c of CASES) {
  test(`previous and year_ago of ${c.formula}${c.filter ? ` (filter ${c.filter})` : ''}, every grain, as DuckDB computes them`, async () => {
    for (const grain of Object.keys(GRAINS) as Grain[]) {
      const value = run(events, c.formula, { grain, time: 'ts', ...(c.filter ? { filter: c.filter } : {}) });
      const ours = comparisonsOf(value.series!, grain);
      const expected = await theirs(grain, c.sql, c.where);
      same(ours.previous, expected.previous, `${grain} previous`);
      same(ours.year_ago, expected.year_ago, `${grain} year_ago`);
    }
  });
}
