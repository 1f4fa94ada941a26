import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadFixture, near, run } from './support';

// nulls.csv, row by row (N = null):
//   a: 1  2  N  4  5  N  0  3  N
//   b: 1  0  3  N  5  N  2  0  N
//   p: T  T  T  F  F  F  N  N  N
//   q: T  F  N  T  F  N  T  F  N
//   s: x  y  x  N  z  N  y  x  N
//   d: 2025-01-01, -02, N, -04, -05, N, -07, -08, N
const nulls = loadFixture('nulls.csv');

/** [formula, expected value, division by zero noted, filter]. */
type Case = [string, number | null, boolean?, string?];

function runCases(cases: Case[]): void {
  for (const [formula, expected, divided = false, filter] of cases) {
    test(`${formula}${filter ? `  [filter: ${filter}]` : ''}`, () => {
      const result = run(nulls, formula, filter === undefined ? {} : { filter });
      near(result.value, expected, formula);
      assert.equal(result.divisionByZero, divided, 'division-by-zero note');
      assert.equal(result.series, undefined);
    });
  }
}

describe('three-valued logic, counted: a null predicate counts as false', () => {
  runCases([
    ['count()', 9],
    ['count(p)', 3],
    ['count(not p)', 3],
    ['count(p == null)', 3],
    ['count(p != null)', 6],
    ['count(null != p)', 6],
    ['count(p and q)', 1],
    ['count(not (p and q))', 5],
    ['count((p and q) == null)', 3],
    ['count(p or q)', 5],
    ['count(not (p or q))', 1],
    ['count((p or q) == null)', 3],
    ['count(p == q)', 2],
    ['count(p != q)', 2],
    ['count(p == true)', 3],
    ['count(p != false)', 3],
    ['count(true)', 9],
    ['count(false)', 0],
    ['count(null == null)', 9],
    ['count(null != null)', 0],
    ['count(not not p)', 3],
  ]);
});

describe('aggregates skip nulls', () => {
  runCases([
    ['sum(a)', 15],
    ['sum(b)', 11],
    ['avg(a)', 2.5],
    ['min(a)', 0],
    ['max(a)', 5],
    ['median(a)', 2.5],
    ['median(b)', 1.5],
    ['percentile(a, 90)', 4.5],
    ['percentile(a, 25)', 1.25],
    ['percentile(a, 0)', 0],
    ['percentile(a, 100)', 5],
    ['percentile(a, 12.5 * 2)', 1.25],
    ['percentile(b, 10)', 0],
    ['percentile(b, 70)', 2.5],
    ['count_distinct(a)', 6],
    ['count_distinct(b)', 5],
    ['count_distinct(s)', 3],
    ['count_distinct(p)', 2],
    ['count_distinct(d)', 6],
    ['pct(p)', 100 / 3],
    ['share(p)', 1 / 3],
    ['pct(a > 2)', 100 / 3],
    ['sum(a where p)', 3],
    ['avg(a where p and q)', 1],
    ['count_distinct(a where p)', 2],
    ['percentile(a, 50 where s == "x")', 2],
    ['max(b where a != null)', 5],
  ]);
});

describe('comparisons, in, strings and dates', () => {
  runCases([
    ['count(a > b)', 2],
    ['count(a >= b)', 4],
    ['count(a == b)', 2],
    ['count(a != b)', 3],
    ['count(a < b)', 1],
    ['count(a <= b)', 3],
    ['count(2 < a)', 3],
    ['count(3 >= a)', 4],
    ['count(a in (1, 2, 3))', 3],
    ['count(a not in (1, 2, 3))', 3],
    ['count(a in (b, 99))', 2],
    ['count(a not in (b, 99))', 3],
    ['count(s in ("x", "y"))', 5],
    ['count(s not in ("x", "y"))', 1],
    ["count(s == 'x')", 3],
    ['count(s != "x")', 3],
    ['count(s < "y")', 3],
    ['count(s >= "y")', 3],
    ['count(s == null)', 3],
    ['count(d == null)', 3],
    ['count(d >= "2025-01-04")', 4],
    ['count(d == "2025-01-05")', 1],
    ['count("2025-01-05" == d)', 1],
    ['count(d in ("2025-01-01", "2025-01-08"))', 2],
    ['count(d not in ("2025-01-01", "2025-01-08T00:00:00Z"))', 4],
    ['count(p in (true))', 3],
    ['count(d < "2025-01-02T00:00:01")', 2],
  ]);
});

describe('arithmetic and scalar functions', () => {
  runCases([
    ['7 / 2', 3.5],
    ['1 + 2 * 3 - 4 / 2', 5],
    ['(1 + 2) * 3', 9],
    ['-sum(a)', -15],
    ['sum(-a)', -15],
    ['sum(a * 2 + 1)', 36],
    ['sum(a - b)', 3],
    ['sum(coalesce(a, b, -1))', 16],
    ['sum(coalesce(a, 0))', 15],
    ['count(coalesce(p, q))', 4],
    ['count(coalesce(p, q) == null)', 1],
    ['count(coalesce(s, "none") == "none")', 3],
    ['count(coalesce(d, "2025-01-03") == "2025-01-03")', 3],
    ['sum(if(p, 1, 0))', 3],
    ['sum(if(p, 1, 2))', 15],
    ['sum(if(p, a, null))', 3],
    ['count(if(a > 2, s, "small") == "small")', 6],
    ['sum(days_between("2025-01-01", d))', 21],
    ['sum(hours_between(d, "2025-01-02"))', -360],
    ['sum(minutes_between(d, d))', 0],
    ['round(2.675, 2)', 2.68],
    ['round(1.005, 2)', 1],
    ['round(1.45, 1)', 1.5],
    ['round(8.345, 2)', 8.35],
    ['round(2.5)', 3],
    ['round(-2.5)', -3],
    ['round(0.49999999999999994)', 0],
    ['round(1234.5678, -2)', 1200],
    ['round(-1250, -2)', -1300],
    ['round(avg(a), 0)', 3],
    ['round(sum(a) / 7, 3)', 2.143],
    ['floor(-1.5)', -2],
    ['ceil(-1.5)', -1],
    ['abs(-3)', 3],
    ['floor(sum(a) / 4)', 3],
  ]);
});

describe('division by zero: null and the note, only where a division is computed', () => {
  runCases([
    ['sum(a / b)', 2, true],
    ['avg(a / b)', 2 / 3, true],
    ['count(a / b > 0)', 2, true],
    ['sum(a / b where b != 0)', 2, false],
    ['sum(if(b == 0, 0, a / b))', 2, false],
    ['sum(if(b != 0, a / b, 0))', 2, false],
    ['sum(a) / count(a == 100)', null, true],
    ['sum(a) / 0', null, true],
    ['0 / 0', null, true],
    ['if(count(a == 100) == 0, 0, sum(a) / count(a == 100))', 0, false],
    ['avg(a) / avg(a where a > 100)', null, false],
    ['sum(a where a > 100) / count()', 0, false],
    ['count()', 2, true, 'a / b > 0'],
  ]);
});

describe('aggregates of nothing', () => {
  runCases([
    ['avg(a where a > 100)', null],
    ['sum(a where a > 100)', 0],
    ['min(a where a > 100)', null],
    ['max(a where a > 100)', null],
    ['median(a where a > 100)', null],
    ['percentile(a, 90 where a > 100)', null],
    ['count_distinct(s where a > 100)', 0],
    ['count()', 0, false, 'a > 100'],
    ['count(p)', 0, false, 'a > 100'],
    ['pct(p)', null, false, 'a > 100'],
    ['share(p)', null, false, 'a > 100'],
    ['sum(a)', 0, false, 'a > 100'],
    ['avg(a)', null, false, 'a > 100'],
  ]);
  test('an empty table: count() 0, sum 0, avg and pct null, an empty series', () => {
    const empty = loadFixture('empty.csv', { a: 'number', t: 'date' });
    assert.equal(run(empty, 'count()').value, 0);
    assert.equal(run(empty, 'sum(a)').value, 0);
    assert.equal(run(empty, 'avg(a)').value, null);
    assert.equal(run(empty, 'pct(a > 1)').value, null);
    assert.deepEqual(run(empty, 'count()', { grain: 'month', time: 't' }), {
      series: [],
      value: null,
      divisionByZero: false,
    });
  });
});

describe('filter: applied before the formula, a null filter drops the row', () => {
  runCases([
    ['count()', 3, false, 'p'],
    ['sum(a)', 3, false, 'p'],
    ['avg(a)', 1.5, false, 'p'],
    ['pct(q)', 100 / 3, false, 'p'],
    ['count()', 3, false, 'not p'],
    ['sum(a)', 9, false, 'not p'],
    ['count()', 3, false, 'a > 2'],
    ['count()', 3, false, 's in ("x")'],
    ['count()', 6, false, 'd >= "2025-01-01"'],
  ]);
});

describe('tickets.csv: dates and date-times, back-quoted columns', () => {
  const tickets = loadFixture('tickets.csv');
  const cases: [string, number, string?][] = [
    ['count()', 11],
    ['sum(hours_between(created_at, closed_at))', 133.25],
    ['avg(hours_between(created_at, closed_at))', 133.25 / 9],
    ['count(hours_between(created_at, closed_at) == resolution_hours)', 9],
    ['max(minutes_between(created_at, closed_at) where id == 11)', 375],
    ['max(days_between(created_at, closed_at))', 2],
    ['sum(resolution_hours)', 135.25],
    ['avg(`Likelihood to recommend`)', 6.6],
    ['pct(reopened)', 300 / 11],
    ['count_distinct(agent)', 3],
    ['count(created_at < "2025-01-06")', 4],
    ['count(created_at < "2025-01-05T23:00:00Z")', 2],
    ['count(created_at == "2025-01-05T23:00:00Z")', 1],
    ['count(created_at == "2025-01-06T01:00:00+02:00")', 1],
    ['count(closed_at == "2025-04-01")', 1],
    ['count(closed_at > created_at)', 9],
    ['count(created_at >= "2025-04-01")', 4],
    ['pct(score >= 9) - pct(score <= 6)', 0],
    ['count()', 4, '`Likelihood to recommend` >= 9'],
    ['count()', 3, 'channel == "email"'],
  ];
  for (const [formula, expected, filter] of cases) {
    test(`${formula}${filter ? `  [filter: ${filter}]` : ''}`, () => {
      near(run(tickets, formula, filter === undefined ? {} : { filter }).value, expected, formula);
    });
  }
});
