/**
 * Cross-check of the numbers behind the note unusual-change against DuckDB SQL written by
 * hand: each KPI's series by GROUP BY, each change as v − lag(v) where the row before is one
 * calendar step back (a gap gives no change), the last change, and avg / stddev_pop / count
 * of the earlier ones. Every grain over test/fixtures/formula/events.csv (with a filter that
 * leaves gaps), and the orders of test/fixtures/evaluation/unusual.kpis.yaml, which trip it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { analyze } from '../../../src/core/checks/analysis';
import { DataCache } from '../../../src/core/data/load';
import { evaluateAnalysis } from '../../../src/core/evaluation/evaluate';
import { changeStatsOf, MIN_EARLIER_CHANGES, type ChangeStats } from '../../../src/core/evaluation/unusualChange';
import type { Grain } from '../../../src/core/model/kpiFile';
import { fixture } from '../../paths';
import { DUCK_GRAINS as GRAINS, duckNumber, useEventsTable } from '../formula/duckdbEvents';
import { loadFixture, run } from '../formula/support';

const events = loadFixture('events.csv');
const db = useEventsTable();

/** DuckDB's last change and the earlier changes' mean, sd and count over `table`. */
async function theirs(table: string, grain: Grain, sql: string, where: string): Promise<ChangeStats | null> {
  const g = GRAINS[grain];
  const reader = await db().runAndReadAll(`
    WITH s AS (
      SELECT ${g.start} AS start, (${sql})::DOUBLE AS v
      FROM ${table} WHERE ts IS NOT NULL AND (${where}) GROUP BY 1),
    c AS (
      SELECT start,
        CASE WHEN lag(start) OVER w = ${g.previous} THEN v - lag(v) OVER w END AS change
      FROM s WINDOW w AS (ORDER BY start)),
    last AS (SELECT * FROM c ORDER BY start DESC LIMIT 1)
    SELECT (SELECT change FROM last), avg(change), stddev_pop(change), count(change)
    FROM c WHERE start < (SELECT start FROM last)`);
  const [row] = reader.getRows();
  const [change, mean, sd, n] = row!.map(duckNumber);
  if (change === null || !n) return null;
  return { change, mean: mean!, sd: sd!, changes: n, sigmas: sd ? (change - mean!) / sd : null };
}

function same(ours: ChangeStats | null, expected: ChangeStats | null, what: string): void {
  if (ours === null || expected === null) {
    assert.deepEqual(ours, expected, what);
    return;
  }
  assert.equal(ours.changes, expected.changes, `${what} changes`);
  for (const k of ['change', 'mean', 'sd', 'sigmas'] as const) {
    const a: number | null = ours[k];
    const b: number | null = expected[k];
    if (a === null || b === null) assert.equal(a, b, `${what} ${k}`);
    else assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what} ${k}: ours ${a}, DuckDB ${b}`);
  }
}

const CASES: { formula: string; sql: string; where: string; filter?: string }[] = [
  { formula: 'count()', sql: 'count(*)', where: 'TRUE' },
  { formula: 'avg(amount)', sql: 'avg(amount)', where: 'TRUE' },
  // Only phone rows: the day series has gaps, which break pairs.
  {
    formula: 'sum(wait_seconds)',
    sql: 'coalesce(sum(wait_seconds), 0)',
    where: "channel = 'phone'",
    filter: 'channel == "phone"',
  },
];

for (const c of CASES) {
  test(`the changes of ${c.formula}${c.filter ? ` (filter ${c.filter})` : ''}, every grain, as DuckDB computes them`, async () => {
    let enough = 0;
    for (const grain of Object.keys(GRAINS) as Grain[]) {
      const value = run(events, c.formula, { grain, time: 'ts', ...(c.filter ? { filter: c.filter } : {}) });
      const ours = changeStatsOf(value.series!, grain);
      same(ours, await theirs('t', grain, c.sql, c.where), grain);
      if ((ours?.changes ?? 0) >= MIN_EARLIER_CHANGES) enough++;
    }
    assert.ok(enough >= 3, 'day, week and month have enough earlier changes to be judged');
  });
}

test('the orders of unusual.kpis.yaml: the note and its numbers as DuckDB computes them (14.0 sd)', async () => {
  const file = fixture('evaluation', 'unusual.kpis.yaml');
  const analysis = analyze(fs.readFileSync(file, 'utf8'), { filePath: file, loader: new DataCache() });
  const [orders, value] = evaluateAnalysis(analysis);
  const csv = fixture('evaluation', 'data', 'orders.csv').replace(/'/g, "''");
  await db().run(
    `CREATE TABLE orders AS SELECT ordered_at::TIMESTAMP AS ts, amount FROM read_csv('${csv}', header = true)`,
  );
  const expected = await theirs('orders', 'month', 'count(*)', 'TRUE');
  assert.ok(expected && expected.sigmas! > 3, `DuckDB: ${JSON.stringify(expected)}`);
  same(orders!.unusual_change!, expected, 'orders');
  same(changeStatsOf(value!.series!, 'month'), await theirs('orders', 'month', 'avg(amount)', 'TRUE'), 'order value');
  assert.equal(value!.unusual_change, null);
});
