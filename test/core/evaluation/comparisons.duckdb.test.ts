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
import { DUCK_GRAINS, duckNumber, useEventsTable } from '../formula/duckdbEvents';
import { loadFixture, run } from '../formula/support';

const events = loadFixture('events.csv');

const GRAINS = DUCK_GRAINS;

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
