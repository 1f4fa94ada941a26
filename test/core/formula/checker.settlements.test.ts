// SPEC 8.3, 8.4 and 8.5 (settlements, revision 3), each point against values worked out by
// hand over test/fixtures/formula/settled.csv.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, test } from 'node:test';
import { analyze } from '../../../src/core/checks/analysis';
import { DataCache } from '../../../src/core/data/load';
import { evaluateAnalysis, type KpiResult } from '../../../src/core/evaluation/evaluate';
import { analyzeFormula, evaluateDerived, type FormulaRuleId, type KpiValue } from '../../../src/core/formula';
import { fixture } from '../../paths';
import { checkSourced, loadFixture, near, run } from './support';

// settled.csv, row by row (N = null); months 2025-01 (rows 1-3), 2025-02 (4-5), 2025-03 (6-7):
//   x:  2  4  N  N  N  6  1
//   y:  1  0  2  3  0  3  N
//   g:  a  b  a  b  a  a  b
//   t:  ～ 😀 b  N  a  ～ 😀      (U+FF5E, U+1F600)
//   ok: T  F  N  T  F  T  T
const settled = loadFixture('settled.csv');

/** [formula, expected value, division by zero noted, filter]. */
type Case = [string, number | null, boolean?, string?];

function runCases(cases: Case[]): void {
  for (const [formula, expected, divided = false, filter] of cases) {
    test(`${formula}${filter ? `  [filter: ${filter}]` : ''}`, () => {
      const result = run(settled, formula, filter === undefined ? {} : { filter });
      near(result.value, expected, formula);
      assert.equal(result.divisionByZero, divided, 'division-by-zero note');
    });
  }
}

/** The values of a monthly series over settled.csv, by period. */
function monthly(formula: string, filter?: string): [string, number | null][] {
  const result = run(settled, formula, { grain: 'month', time: 'at', ...(filter === undefined ? {} : { filter }) });
  return result.series!.map((e) => [e.period, e.value]);
}

/** [text, rule, start, end, message fragment]: exactly one diagnostic expected. */
type Finding = [string, FormulaRuleId, number, number, string];

function expectFindings(cases: Finding[], columns: 'known' | 'unreadable' = 'known'): void {
  for (const [text, rule, start, end, fragment] of cases) {
    test(`${columns === 'known' ? '' : 'unreadable data: '}${text}`, () => {
      const ds =
        columns === 'known'
          ? checkSourced(text, settled).diagnostics
          : analyzeFormula(text, { mode: 'sourced', role: 'formula', columns: undefined }).diagnostics;
      assert.equal(ds.length, 1, `expected one diagnostic, got ${JSON.stringify(ds)}`);
      assert.deepEqual([ds[0]!.rule, ds[0]!.start, ds[0]!.end], [rule, start, end], ds[0]!.message);
      assert.ok(ds[0]!.message.includes(fragment), `"${ds[0]!.message}" should include "${fragment}"`);
    });
  }
}

describe('8.3 where belongs to the aggregate call and applies to all its arguments', () => {
  runCases([
    ['percentile(x, 90)', 5.4],
    ['percentile(x, 90 where g == "a")', 5.6],
    ['percentile(x, 50 where g == "b")', 2.5],
    ['sum(x * y)', 20],
    ['sum(x * y where y != 3)', 2],
    ['avg(x * y where y != 3)', 1],
    ['count_distinct(x * y where g == "a")', 2],
    ['median(x where ok)', 2],
  ]);
  test('per period, a where that keeps no value: sum 0, avg null, the period kept', () => {
    assert.deepEqual(monthly('sum(x * y where y != 3)'), [
      ['2025-01', 2],
      ['2025-02', 0],
      ['2025-03', 0],
    ]);
    assert.deepEqual(monthly('avg(x * y where y != 3)'), [
      ['2025-01', 1],
      ['2025-02', null],
      ['2025-03', null],
    ]);
  });
  expectFindings([
    ['percentile(x where g == "a", 90)', 'formula-syntax', 13, 27, 'after the last argument'],
    ['sum(x where ok, y)', 'formula-syntax', 6, 14, 'after the last argument'],
  ]);
});

describe('8.3 the null literal has no type of its own', () => {
  test('allowed wherever any type is: no diagnostic', () => {
    const texts = [
      'sum(x) + null',
      'null - sum(x)',
      'sum(x) * null / 2',
      '-null + count()',
      'count(x < null) + count(null >= x) + count(t > null) + count(at <= null)',
      'count(x == null) + count(null != t)',
      'coalesce(null, 1)',
      'if(count() > 5, null, 3) + if(count() > 5, 3, null)',
      'count(null) + pct(null) + share(null) + count_distinct(null)',
      'count(not null) + count(ok and null) + count(null or ok)',
      'count(x in (2, null)) + count(null in (1, 2)) + count(null not in (null))',
      'sum(x where null) + round(sum(x), null) + abs(null) + sum(days_between(null, at))',
      'null',
    ];
    for (const text of texts) assert.deepEqual(checkSourced(text, settled).diagnostics, [], text);
    assert.deepEqual(checkSourced('null', settled, 'filter').diagnostics, []);
    assert.deepEqual(checkSourced('x > null or null', settled, 'filter').diagnostics, []);
    const kpis = new Set(['revenue']);
    for (const text of ['revenue + null', 'if(revenue < null, 1, 2)', 'coalesce(null, revenue)', 'null']) {
      assert.deepEqual(analyzeFormula(text, { mode: 'derived', kpis }).diagnostics, [], text);
    }
  });
  describe('arithmetic with null gives null', () => {
    runCases([
      ['sum(x) + null', null],
      ['null + sum(x)', null],
      ['sum(x) * null', null],
      ['-null + count()', null],
      ['sum(x + null)', 0],
      ['avg(x + null)', null],
      ['round(sum(x), null)', null],
      ['abs(null)', null],
      ['null', null],
    ]);
  });
  describe('comparisons with null give null; == null and != null test for null', () => {
    runCases([
      ['count(x < null)', 0],
      ['count((x < null) == null)', 7],
      ['count(null >= x)', 0],
      ['count((t > null) == null)', 7],
      ['count((at <= null) == null)', 7],
      ['count(x == null)', 3],
      ['count(null != t)', 6],
      // Only the literal null tests for null; a null value compared gives null.
      ['count(coalesce(null, null) == 1)', 0],
      ['count((coalesce(null, null) == 1) == null)', 7],
      ['count(coalesce(null, null) == null)', 7],
    ]);
  });
  describe('coalesce and if take null anywhere', () => {
    runCases([
      ['coalesce(null, 1)', 1],
      ['sum(coalesce(null, x))', 13],
      ['sum(if(ok, null, 3))', 9],
      ['sum(if(ok, 3, null))', 12],
      ['if(count() > 5, null, 3)', null],
      ['if(count() > 5, 3, null)', 3],
    ]);
  });
  describe('conditions and lists: three-valued, as SQL', () => {
    runCases([
      ['count(null)', 0],
      ['pct(null)', 0],
      ['share(null)', 0],
      ['count(not null)', 0],
      ['count((not null) == null)', 7],
      ['count(ok and null)', 0],
      ['count((ok and null) == false)', 2],
      ['count(ok or null)', 4],
      ['count(x in (2, null))', 1],
      ['count(x not in (2, null))', 0],
      ['count((x not in (2, null)) == null)', 6],
      ['count(null in (1, 2))', 0],
      ['count((null in (1, 2)) == null)', 7],
      ['sum(x where null)', 0],
      ['avg(x where null)', null],
      ['count_distinct(null)', 0],
      ['sum(days_between(null, at))', 0],
      ['count()', 0, false, 'null'],
      ['count()', 0, false, 'x > null'],
    ]);
  });
  test('in derived formulas too', () => {
    const revenue: KpiValue = {
      series: [
        { period: '2025-01', start: '2025-01-01', value: 10 },
        { period: '2025-02', start: '2025-02-01', value: null },
      ],
      value: null,
      divisionByZero: false,
    };
    const inputs = new Map([['revenue', revenue]]);
    const derive = (text: string) => {
      const f = analyzeFormula(text, { mode: 'derived', kpis: new Set(['revenue']) });
      assert.deepEqual(f.diagnostics, [], text);
      return evaluateDerived(f, inputs, 'month').series!.map((e) => e.value);
    };
    assert.deepEqual(derive('revenue + null'), [null, null]);
    assert.deepEqual(derive('if(revenue < null, 1, 2)'), [2, 2]);
    assert.deepEqual(derive('coalesce(null, revenue, 0)'), [10, 0]);
    assert.deepEqual(derive('if(revenue > 5, null, revenue)'), [null, null]);
  });
  expectFindings([
    // Conditions are never ordered, null or not.
    ['count(ok < null)', 'type-mismatch', 6, 15, 'cannot order conditions'],
    ['sum(t + null)', 'type-mismatch', 4, 5, '+ needs numbers'],
  ]);
});

describe('8.4 sum of no values is 0', () => {
  runCases([
    ['sum(x where g == "zzz")', 0],
    ['sum(x where x > 100) + 1', 1],
    ['sum(x)', 0, false, 'g == "zzz"'],
    ['avg(x)', null, false, 'g == "zzz"'],
  ]);
  test('per period: a month whose x are all null sums to 0, its average is null', () => {
    assert.deepEqual(monthly('sum(x)'), [
      ['2025-01', 6],
      ['2025-02', 0],
      ['2025-03', 7],
    ]);
    assert.deepEqual(monthly('avg(x)'), [
      ['2025-01', 3],
      ['2025-02', null],
      ['2025-03', 3.5],
    ]);
  });
});

describe("8.4 percentile's p is a numeric constant in 0..100", () => {
  runCases([
    ['percentile(x, 0)', 1],
    ['percentile(x, 100)', 6],
    // A constant expression (numbers alone, no column, no aggregate) is a numeric constant.
    ['percentile(x, 100 - 10)', 5.4],
    ['percentile(x, 45 * 2 where g != "zzz")', 5.4],
  ]);
  expectFindings([
    ['percentile(x, y)', 'type-mismatch', 14, 15, 'fixed number'],
    ['percentile(x, x + 1)', 'type-mismatch', 14, 19, 'fixed number'],
    ['percentile(x, 101)', 'type-mismatch', 14, 17, 'from 0 to 100'],
    ['percentile(x, -1)', 'type-mismatch', 14, 16, 'from 0 to 100'],
    ['percentile(x, 100.5)', 'type-mismatch', 14, 19, 'from 0 to 100'],
    ['percentile(x, 110 - 5)', 'type-mismatch', 14, 21, 'from 0 to 100'],
    ['percentile(x, null)', 'type-mismatch', 14, 18, 'from 0 to 100'],
    ['percentile(x, coalesce(null, null))', 'type-mismatch', 14, 34, 'from 0 to 100'],
    ['percentile(x, 1 / 0)', 'type-mismatch', 14, 19, 'from 0 to 100'],
    ['percentile(x, "90")', 'type-mismatch', 14, 18, 'from 0 to 100'],
    ['percentile(x, ok)', 'type-mismatch', 14, 16, 'from 0 to 100'],
  ]);
  expectFindings([['percentile(x, y)', 'type-mismatch', 14, 15, 'fixed number']], 'unreadable');
});

describe('8.4 text compares by Unicode code point', () => {
  // U+FF5E is one UTF-16 unit (0xFF5E); U+1F600 is two (0xD83D 0xDE00). By code point
  // U+FF5E < U+1F600; by UTF-16 code unit the order is the other way round.
  runCases([
    ['count(t < "\u{1F600}")', 4],
    ['count(t > "\uFF5E")', 2],
    ['count("\uFF5E" < "\u{1F600}")', 7],
    ['count(t <= "\uFF5E")', 4],
    ['count(t >= "b")', 5],
    ['count()', 2, false, 't > "\uFF5E"'],
  ]);
});

describe('8.5 division-by-zero comes from divisions that were evaluated', () => {
  runCases([
    // A filter's division is evaluated for every row (row 2: 4 / 0).
    ['count()', 2, true, 'x / y > 1'],
    ['count()', 2, false, 'y != 0 and x / y > 1'],
    ['sum(x / y)', 4, false, 'y != 0'],
    // An if branch not taken is not evaluated; a branch taken is.
    ['sum(if(y == 0, 0, x / y))', 4],
    ['sum(if(y == 0, x / y, 0))', 0, true],
    ['if(count() > 100, sum(x / y), 0)', 0],
    ['if(count() > 1, sum(x / y), 0)', 4, true],
    // coalesce evaluates its arguments in order and stops at the first non-null one.
    ['sum(coalesce(x, 0, 1 / y))', 13],
    ['sum(coalesce(x, y, 1 / y))', 18],
    ['sum(coalesce(x, 1 / y))', 13 + 1 / 2 + 1 / 3, true],
    ['sum(coalesce(x / y, 0))', 4, true],
    ['coalesce(sum(x), 1 / 0)', 13],
    ['coalesce(avg(x where g == "zzz"), sum(x) / count(g == "zzz"))', null, true],
    // A where's division is evaluated; the argument's is not where the where is false.
    ['sum(x where x / y > 1)', 8, true],
    ['sum(x / y where y != 0)', 4],
    // A null divided by zero is null, as any arithmetic with null: no division happens.
    ['sum(x / y where g == "a" and y == 0)', 0],
    // A comparison with null is null, but its other side is still evaluated (row 2: 4 / 0).
    ['count(x / y < null)', 0, true],
    ['count(null >= x / y)', 0, true],
    ['count()', 0, true, 'null > x / y'],
    // and / or stop early.
    ['count(y != 0 and x / y > 1)', 2],
    ['count(y == 0 or x / y > 1)', 4],
  ]);
  describe('pct and share over no rows: null, no note', () => {
    runCases([
      ['pct(ok)', null, false, 'g == "zzz"'],
      ['share(ok)', null, false, 'g == "zzz"'],
      ['share(ok) / 2', null, false, 'g == "zzz"'],
      ['100 / pct(ok)', null, false, 'g == "zzz"'],
    ]);
  });
});

describe('end to end: settlements.yaml over settled.csv', () => {
  const file = fixture('formula', 'settlements.yaml');
  const analysis = analyze(fs.readFileSync(file, 'utf8'), {
    filePath: file,
    workspaceRoot: fixture('formula'),
    today: '2026-01-15',
    loader: new DataCache(),
  });
  const results = new Map<string, KpiResult>(evaluateAnalysis(analysis).map((r) => [r.id, r]));
  const seriesOf = (id: string) => results.get(id)!.series!.map((e) => [e.period, e.value]);
  test('the file has no error', () => {
    const errors = analysis.findings.filter((f) => f.severity === 'error');
    assert.deepEqual(
      errors.map((f) => `${f.rule}: ${f.message}`),
      [],
    );
  });
  test('coalesce replaces a null derived input, per period and as a constant', () => {
    assert.deepEqual(seriesOf('avg_x'), [
      ['2025-01', 3],
      ['2025-02', null],
      ['2025-03', 3.5],
    ]);
    assert.deepEqual(seriesOf('avg_x_or_zero'), [
      ['2025-01', 3],
      ['2025-02', 0],
      ['2025-03', 3.5],
    ]);
    assert.deepEqual(seriesOf('avg_x_plus_one'), [
      ['2025-01', 4],
      ['2025-02', null],
      ['2025-03', 4.5],
    ]);
    assert.equal(results.get('nothing')!.value, null);
    assert.equal(results.get('nothing_or_zero')!.value, 0);
    assert.deepEqual(seriesOf('derived_null'), [
      ['2025-01', null],
      ['2025-02', null],
      ['2025-03', null],
    ]);
  });
  test('sum of no values is 0 in a series', () => {
    assert.deepEqual(seriesOf('sum_of_none'), [
      ['2025-01', 6],
      ['2025-02', 0],
      ['2025-03', 7],
    ]);
  });
  test('notes: a filter that divides by zero has one; pct/share over no rows and a branch not taken have none', () => {
    const noteOf = (id: string) => [results.get(id)!.value, results.get(id)!.notes];
    assert.deepEqual(noteOf('filter_divides'), [2, ['division-by-zero']]);
    assert.deepEqual(noteOf('branch_not_taken'), [4, []]);
    assert.deepEqual(noteOf('pct_of_none'), [null, []]);
    assert.deepEqual(noteOf('share_of_none_halved'), [null, []]);
    assert.deepEqual(noteOf('per_pct'), [null, []]);
  });
});
