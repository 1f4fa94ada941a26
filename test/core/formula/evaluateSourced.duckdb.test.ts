/**
 * Cross-check: the same KPIs computed by our evaluator and by DuckDB SQL over
 * test/fixtures/formula/events.csv (3000 rows with nulls, spanning two new years),
 * without grain and by every grain. Values must agree within 1e-9 (relative above 1).
 */
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Grain } from '../../../src/core/model/kpiFile';
import { duckNumber, useEventsTable } from './duckdbEvents';
import { loadFixture, run } from './support';

const events = loadFixture('events.csv');

/** Our formula and the SQL aggregate expression that means the same. */
const FORMULAS: [string, string][] = [
  ['count()', 'count(*)'],
  ['count(flag)', 'count(*) FILTER (WHERE flag)'],
  ['count(flag == null)', 'count(*) FILTER (WHERE flag IS NULL)'],
  [
    'pct(score >= 9) - pct(score <= 6)',
    '100.0::DOUBLE * count(*) FILTER (WHERE score >= 9) / count(*) - 100.0::DOUBLE * count(*) FILTER (WHERE score <= 6) / count(*)',
  ],
  ['share(channel == "chat")', "count(*) FILTER (WHERE channel = 'chat') / count(*)"],
  ['sum(amount)', 'coalesce(sum(amount), 0)'],
  ['avg(amount)', 'avg(amount)'],
  ['min(amount)', 'min(amount)'],
  ['max(wait_seconds)', 'max(wait_seconds)'],
  ['median(wait_seconds)', 'quantile_cont(wait_seconds, 0.5)'],
  ['percentile(wait_seconds, 90)', 'quantile_cont(wait_seconds, 0.9)'],
  ['percentile(amount, 33.3 where channel == "chat")', "quantile_cont(amount, 0.333) FILTER (WHERE channel = 'chat')"],
  ['percentile(score, 0) + percentile(score, 100)', 'quantile_cont(score, 0.0) + quantile_cont(score, 1.0)'],
  ['count_distinct(channel)', 'count(DISTINCT channel)'],
  ['count_distinct(score where flag)', 'coalesce(count(DISTINCT score) FILTER (WHERE flag), 0)'],
  ['avg(amount where channel == "email" and score > 5)', "avg(amount) FILTER (WHERE channel = 'email' AND score > 5)"],
  // SQL's sum of no values is NULL where SPEC's is 0.
  ['sum(amount * score) / sum(score)', 'coalesce(sum(amount * score), 0) / nullif(coalesce(sum(score), 0), 0)'],
  ['avg(hours_between(ts, due))', 'avg((epoch(due::TIMESTAMP) - epoch(ts)) / 3600)'],
  ['count(channel not in ("chat", "phone"))', "count(*) FILTER (WHERE channel NOT IN ('chat', 'phone'))"],
  [
    'count(ts >= "2025-01-01" and ts < "2025-07-01T12:00:00")',
    "count(*) FILTER (WHERE ts >= TIMESTAMP '2025-01-01' AND ts < TIMESTAMP '2025-07-01 12:00:00')",
  ],
  [
    'sum(coalesce(score, 0) * 2) - count(not flag or score < 3)',
    'sum(coalesce(score, 0) * 2) - count(*) FILTER (WHERE NOT flag OR score < 3)',
  ],
  ['avg(if(flag, amount, -amount))', 'avg(CASE WHEN flag THEN amount ELSE -amount END)'],
];

const FILTERS: [string | undefined, string][] = [
  [undefined, 'TRUE'],
  ['score != null and channel != "phone"', "score IS NOT NULL AND channel <> 'phone'"],
];

const KEYS: Record<Grain, [string, string]> = {
  day: ["strftime(ts, '%Y-%m-%d')", "strftime(ts, '%Y-%m-%d')"],
  week: ["strftime(ts, '%G-W%V')", "strftime(date_trunc('week', ts), '%Y-%m-%d')"],
  month: ["strftime(ts, '%Y-%m')", "strftime(date_trunc('month', ts), '%Y-%m-%d')"],
  quarter: ["year(ts) || '-Q' || quarter(ts)", "strftime(date_trunc('quarter', ts), '%Y-%m-%d')"],
  year: ['CAST(year(ts) AS VARCHAR)', "strftime(date_trunc('year', ts), '%Y-%m-%d')"],
};

const db = useEventsTable();

function close(ours: number | null, theirs: number | null, what: string): void {
  if (ours === null || theirs === null) {
    assert.equal(ours, theirs, what);
    return;
  }
  assert.ok(Math.abs(ours - theirs) <= 1e-9 * Math.max(1, Math.abs(theirs)), `${what}: ours ${ours}, DuckDB ${theirs}`);
}

test('DuckDB read the fixture with the same types and rows', async () => {
  const reader = await db().runAndReadAll(
    'SELECT count(*), typeof(any_value(ts)), typeof(any_value(due)), typeof(any_value(flag)) FROM t',
  );
  const [row] = reader.getRows();
  assert.deepEqual(row!.map(String), [String(events.rowCount), 'TIMESTAMP', 'DATE', 'BOOLEAN']);
});

for (const [filter, where] of FILTERS) {
  describe(`filter: ${filter ?? 'none'}`, () => {
    for (const [formula, sql] of FORMULAS) {
      test(`${formula}, without grain`, async () => {
        const reader = await db().runAndReadAll(`SELECT (${sql})::DOUBLE FROM t WHERE ${where}`);
        const theirs = duckNumber(reader.getRows()[0]![0]);
        const ours = run(events, formula, filter === undefined ? { time: 'ts' } : { filter, time: 'ts' });
        close(ours.value, theirs, formula);
      });
      test(`${formula}, by every grain`, async () => {
        for (const grain of Object.keys(KEYS) as Grain[]) {
          const [key, start] = KEYS[grain];
          const reader = await db().runAndReadAll(
            `SELECT ${key} AS period, ${start} AS start, (${sql})::DOUBLE AS v FROM t WHERE ts IS NOT NULL AND (${where}) GROUP BY 1, 2 ORDER BY 2`,
          );
          const theirs = reader
            .getRows()
            .map((r) => ({ period: String(r[0]), start: String(r[1]), value: duckNumber(r[2]) }));
          const ours = run(events, formula, { grain, time: 'ts', ...(filter === undefined ? {} : { filter }) });
          assert.deepEqual(
            ours.series!.map((e) => [e.period, e.start]),
            theirs.map((e) => [e.period, e.start]),
            `${grain} periods`,
          );
          ours.series!.forEach((e, i) => close(e.value, theirs[i]!.value, `${grain} ${e.period}`));
          assert.equal(ours.value, ours.series![ours.series!.length - 1]!.value);
        }
      });
    }
  });
}
