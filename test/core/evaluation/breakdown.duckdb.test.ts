/**
 * Cross-check of breakdowns against DuckDB SQL written by hand, on
 * test/fixtures/breakdown/data/tickets.csv: groups by GROUP BY over the column's value as text,
 * ranked by row_number() over count(*) (ties by that text, in DuckDB's byte order, which is
 * code-point order), the rows past the tenth folded into '(other)'; each group's series by
 * GROUP BY group, period; its value at the KPI's last period and its previous / year_ago by
 * joining that period's start one calendar step and one year back. Every grain and none; text,
 * number, boolean, date and date-time columns; filters that end the data in ISO week 2020-W53,
 * on 2024-02-29 and just after the empty month 2023-06.
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { breakdownResult, computeBreakdown, type GroupResult } from '../../../src/core/evaluation/breakdown';
import type { Comparison } from '../../../src/core/evaluation/comparisons';
import { evaluateSourced } from '../../../src/core/formula';
import type { Grain } from '../../../src/core/model/kpiFile';
import { fixture } from '../../paths';
import { DUCK_GRAINS, duckNumber, useCsvTable } from '../formula/duckdbEvents';
import { checkSourced, near } from '../formula/support';
import { loadBreakdownTable } from './breakdownFixture';

const table = loadBreakdownTable();
const db = useCsvTable(fixture('breakdown', 'data', 'tickets.csv'));

/** Each column's value as the text KPI Lens shows it, in SQL (NULL stays NULL). */
const COLUMNS: Record<string, string> = {
  channel: 'channel',
  region: 'region',
  // Whole numbers without a decimal point, as JavaScript prints them.
  tier: 'CASE WHEN tier = floor(tier) THEN CAST(CAST(tier AS BIGINT) AS VARCHAR) ELSE CAST(tier AS VARCHAR) END',
  vip: 'CAST(vip AS VARCHAR)',
  signup: "strftime(signup, '%Y-%m-%d')",
  // A date-time: every row its own group, so the ranking is all ties and the fold takes most rows.
  ts: "CASE WHEN ts = date_trunc('day', ts) THEN strftime(ts, '%Y-%m-%d') ELSE strftime(ts, '%Y-%m-%dT%H:%M:%SZ') END",
};

interface Case {
  formula: string;
  sql: string;
  where: string;
  filter?: string;
  /** The formula's value over no rows (SPEC 3): a group without rows in the last period. */
  empty: number | null;
  /** The KPI's last period at a grain, where the case is about it. */
  last?: Partial<Record<Grain, string>>;
}

const CASES: Case[] = [
  { formula: 'count()', sql: 'count(*)', where: 'TRUE', empty: 0 },
  {
    formula: 'pct(score >= 8)',
    sql: '100.0 * count(*) FILTER (WHERE score >= 8) / count(*)',
    where: 'TRUE',
    empty: null,
  },
  {
    formula: 'avg(amount)',
    sql: 'avg(amount)',
    where: "channel = 'phone'",
    filter: 'channel == "phone"',
    empty: null,
  },
  // The last week is 2020-W53 (no year-ago week: 2019 has 52).
  {
    formula: 'sum(amount)',
    sql: 'coalesce(sum(amount), 0)',
    where: "ts < TIMESTAMP '2021-01-04'",
    filter: 'ts < "2021-01-04"',
    empty: 0,
    last: { week: '2020-W53' },
  },
  // The last day is 2024-02-29 (no year-ago day).
  {
    formula: 'count()',
    sql: 'count(*)',
    where: "ts < TIMESTAMP '2024-03-01'",
    filter: 'ts < "2024-03-01"',
    empty: 0,
    last: { day: '2024-02-29' },
  },
  // The last month is 2023-07, after the empty 2023-06: previous is null for every group.
  {
    formula: 'avg(score)',
    sql: 'avg(score)',
    where: "ts < TIMESTAMP '2023-08-01'",
    filter: 'ts < "2023-08-01"',
    empty: null,
    last: { month: '2023-07' },
  },
];

interface Expected {
  group: string;
  rows: number;
  value: number | null;
  series?: { period: string; start: string; value: number | null }[];
  previous?: Comparison | null;
  year_ago?: Comparison | null;
}

async function rowsOf(sql: string): Promise<unknown[][]> {
  return (await db().runAndReadAll(sql)).getRows() as unknown[][];
}

/** The groups as DuckDB computes them, in rank order, '(other)' last. */
async function theirs(c: Case, column: string, grain: Grain | undefined): Promise<Expected[]> {
  const g = grain ? DUCK_GRAINS[grain] : undefined;
  const kept = `
    k AS (SELECT *, ${COLUMNS[column]} AS grp${g ? `, ${g.label} AS period, ${g.start} AS start` : ''}
          FROM t WHERE (${c.where})${g ? ' AND ts IS NOT NULL' : ''}),
    n AS (SELECT grp, count(*) AS rows FROM k GROUP BY grp),
    r AS (SELECT grp, rows,
                 row_number() OVER (ORDER BY rows DESC, coalesce(grp, '(null)'), grp IS NULL) AS rk FROM n),
    f AS (SELECT k.*, CASE WHEN r.rk <= 10 THEN coalesce(r.grp, '(null)') ELSE '(other)' END AS label,
                 least(r.rk, 11) AS pos
          FROM k JOIN r ON k.grp IS NOT DISTINCT FROM r.grp)`;
  const groups = await rowsOf(`WITH ${kept}
    SELECT label, count(*), (${c.sql})::DOUBLE FROM f GROUP BY label ORDER BY min(pos)`);
  if (!g) return groups.map(([label, rows, v]) => ({ group: String(label), rows: Number(rows), value: duckNumber(v) }));
  const series = await rowsOf(`WITH ${kept}
    SELECT label, period, strftime(start, '%Y-%m-%d'), (${c.sql})::DOUBLE FROM f GROUP BY label, period, start
    ORDER BY label, start`);
  const at = await rowsOf(`WITH ${kept},
    s AS (SELECT label, period, start, (${c.sql})::DOUBLE AS v FROM f GROUP BY label, period, start),
    last AS (SELECT max(start) AS start FROM k)
    SELECT l.label, cur.period IS NOT NULL, cur.v, p.period, p.v, y.period, y.v
    FROM (SELECT DISTINCT label FROM f) l
    LEFT JOIN s cur ON cur.label = l.label AND cur.start = (SELECT start FROM last)
    LEFT JOIN s p ON p.label = l.label AND p.start = (SELECT ${g.previous} FROM last)
    LEFT JOIN s y ON y.label = l.label AND y.start = (SELECT ${g.yearAgo} FROM last)`);
  return groups.map(([label, rows]) => {
    const [, hasNow, now, pPeriod, pValue, yPeriod, yValue] = at.find((a) => a[0] === label)!;
    const value = hasNow ? duckNumber(now) : c.empty;
    const comparison = (period: unknown, v: unknown): Comparison | null => {
      if (period === null) return null;
      const then = duckNumber(v);
      const delta = value === null || then === null ? null : value - then;
      return {
        period: String(period),
        value: then,
        delta,
        relative: delta === null || !then ? null : delta / Math.abs(then),
      };
    };
    return {
      group: String(label),
      rows: Number(rows),
      value,
      series: series
        .filter((s) => s[0] === label)
        .map(([, period, start, v]) => ({ period: String(period), start: String(start), value: duckNumber(v) })),
      previous: comparison(pPeriod, pValue),
      year_ago: comparison(yPeriod, yValue),
    };
  });
}

/** Our groups, and the KPI's last period. */
function ours(c: Case, column: string, grain: Grain | undefined): { groups: GroupResult[]; last: string | undefined } {
  const formula = checkSourced(c.formula, table);
  const filter = c.filter === undefined ? undefined : checkSourced(c.filter, table, 'filter');
  assert.deepEqual([...formula.diagnostics, ...(filter?.diagnostics ?? [])], []);
  const grouping = grain ? { time: 'ts', grain } : undefined;
  const computed = computeBreakdown(formula, filter, table, grouping, column)!;
  // Compared at the KPI's own last period, as evaluation does.
  const kpi = evaluateSourced(formula, filter, table, grouping);
  return { groups: breakdownResult(computed, kpi.series, grain, null).groups, last: kpi.series?.at(-1)?.period };
}

function sameComparison(a: Comparison | null | undefined, b: Comparison | null | undefined, what: string): void {
  if (a == null || b == null) {
    assert.equal(a ?? null, b ?? null, what);
    return;
  }
  assert.equal(a.period, b.period, `${what} period`);
  near(a.value, b.value, `${what} value`);
  near(a.delta, b.delta, `${what} delta`);
  near(a.relative, b.relative, `${what} relative`);
}

for (const c of CASES) {
  test(`breakdowns of ${c.formula}${c.filter ? ` (filter ${c.filter})` : ''} by every column, every grain and none, as DuckDB computes them`, async () => {
    for (const column of Object.keys(COLUMNS)) {
      for (const grain of [undefined, ...(Object.keys(DUCK_GRAINS) as Grain[])]) {
        const what = `${column} ${grain ?? 'no grain'}`;
        const { groups: mine, last } = ours(c, column, grain);
        if (grain && c.last?.[grain]) assert.equal(last, c.last[grain], `${what}: the case's last period`);
        // After the empty 2023-06, no group has a previous month; on 2024-02-29 and in 2020-W53, none a year-ago one.
        if (grain === 'month' && last === '2023-07') assert.ok(mine.every((g) => g.previous === null));
        if ((grain === 'day' && last === '2024-02-29') || (grain === 'week' && last === '2020-W53'))
          assert.ok(mine.every((g) => g.year_ago === null));
        const expected = await theirs(c, column, grain);
        assert.deepEqual(
          mine.map((g) => [g.group, g.rows]),
          expected.map((g) => [g.group, g.rows]),
          `${what}: groups and rows`,
        );
        mine.forEach((g, i) => {
          const e = expected[i]!;
          const at = `${what} ${g.group}`;
          near(g.value, e.value, `${at} value`);
          if (!grain) return;
          assert.deepEqual(
            g.series!.map((s) => [s.period, s.start]),
            e.series!.map((s) => [s.period, s.start]),
            `${at} periods`,
          );
          g.series!.forEach((s, k) => near(s.value, e.series![k]!.value, `${at} ${s.period}`));
          sameComparison(g.previous, e.previous, `${at} previous`);
          sameComparison(g.year_ago, e.year_ago, `${at} year_ago`);
        });
      }
    }
  });
}
