import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ColumnType } from '../../../src/core/model/kpiFile';
import { analyzeFormula, type FormulaRuleId } from '../../../src/core/formula';
import { checkSourced, loadFixture } from './support';

const tickets = loadFixture('tickets.csv');
const KPIS = new Set(['nps', 'revenue', 'cost', 'net_revenue', 'Churn']);

type Where = 'formula' | 'filter' | 'derived' | 'unreadable';

function diagnosticsOf(where: Where, text: string) {
  if (where === 'derived') return analyzeFormula(text, { mode: 'derived', kpis: KPIS }).diagnostics;
  if (where === 'unreadable')
    return analyzeFormula(text, { mode: 'sourced', role: 'formula', columns: undefined }).diagnostics;
  return checkSourced(text, tickets, where).diagnostics;
}

/** [where, text, rule, start, end, message fragment, suggestion]. */
type Case = [Where, string, FormulaRuleId, number, number, string, string?];

function runCases(cases: Case[]): void {
  for (const [where, text, rule, start, end, fragment, suggestion] of cases) {
    test(`${where}: ${text}`, () => {
      const ds = diagnosticsOf(where, text);
      assert.equal(ds.length, 1, `expected one diagnostic, got ${JSON.stringify(ds)}`);
      const d = ds[0]!;
      assert.deepEqual([d.rule, d.start, d.end], [rule, start, end], d.message);
      assert.ok(d.message.includes(fragment), `"${d.message}" should include "${fragment}"`);
      assert.equal(d.suggestion, suggestion);
    });
  }
}

describe('names: unknown-column, unknown-function, unknown-kpi with did-you-mean', () => {
  runCases([
    ['formula', 'avg(scor)', 'unknown-column', 4, 8, 'Did you mean score?', 'score'],
    ['formula', 'avg(Score)', 'unknown-column', 4, 9, 'Did you mean score?', 'score'],
    ['formula', 'avg(SCORE)', 'unknown-column', 4, 9, 'Did you mean score?', 'score'],
    ['formula', 'avg(resolution_hour)', 'unknown-column', 4, 19, 'resolution_hours', 'resolution_hours'],
    ['formula', 'avg(reslution_huors)', 'unknown-column', 4, 19, 'resolution_hours', 'resolution_hours'],
    ['formula', 'avg(Likelihood_to_recommend)', 'unknown-column', 4, 27, 'Did you mean', '`Likelihood to recommend`'],
    ['formula', 'avg(`likelihood to recommend`)', 'unknown-column', 4, 29, 'Did you mean', '`Likelihood to recommend`'],
    [
      'formula',
      'avg(zzz)',
      'unknown-column',
      4,
      7,
      'Its columns are: id, created_at, closed_at, channel, score, resolution_hours, reopened, `Likelihood to recommend`, …',
    ],
    ['filter', 'chanel != "internal"', 'unknown-column', 0, 6, 'Did you mean channel?', 'channel'],
    ['formula', 'avrg(score)', 'unknown-function', 0, 4, 'Did you mean avg?', 'avg'],
    ['formula', 'SUM(score)', 'unknown-function', 0, 3, 'Did you mean sum?', 'sum'],
    ['formula', 'percentil(score, 90)', 'unknown-function', 0, 9, 'Did you mean percentile?', 'percentile'],
    ['formula', 'stddev(score)', 'unknown-function', 0, 6, 'The functions are: count, pct, share'],
    ['formula', 'count() + nps_score(1)', 'unknown-function', 10, 19, 'There is no function nps_score'],
    ['derived', 'revenue - cots', 'unknown-kpi', 10, 14, 'Did you mean cost?', 'cost'],
    ['derived', 'revenue / churn', 'unknown-kpi', 10, 15, 'Did you mean Churn?', 'Churn'],
    ['derived', 'revenue / visits', 'unknown-kpi', 10, 16, 'No KPI has the id visits. This KPI has no source'],
    ['derived', '`net revenue` * 2', 'unknown-kpi', 0, 13, 'No KPI has the id net revenue', 'net_revenue'],
  ]);
  test('no bare-column inside an unknown function (it may be a misspelt aggregate)', () => {
    assert.deepEqual(
      diagnosticsOf('formula', 'avrg(score) + sum(stddev(score))').map((d) => [d.rule, d.start, d.end]),
      [
        ['unknown-function', 0, 4],
        ['unknown-function', 18, 24],
      ],
    );
  });
  test('a KPI id in a sourced formula is still a column', () => {
    const ds = diagnosticsOf('formula', 'sum(nps)');
    assert.deepEqual(
      ds.map((d) => d.rule),
      ['unknown-column'],
    );
  });
  test('unreadable data: names are not checked and column types are unknown', () => {
    assert.deepEqual(diagnosticsOf('unreadable', 'avg(whatever) + pct(x >= "high") + sum(y where z)'), []);
    const f = analyzeFormula('avg(a) / sum(`b c`)', { mode: 'sourced', role: 'formula', columns: undefined });
    assert.deepEqual(f.columnRefs, [
      { name: 'a', start: 4, end: 5 },
      { name: 'b c', start: 13, end: 18 },
    ]);
    assert.equal(f.type, 'number');
  });
});

describe('type-mismatch', () => {
  runCases([
    ['formula', 'sum(channel)', 'type-mismatch', 4, 11, 'sum() needs numbers, but the column channel is text'],
    ['formula', 'avg(created_at)', 'type-mismatch', 4, 14, 'days_between'],
    ['formula', 'sum(reopened)', 'type-mismatch', 4, 12, 'count(reopened)'],
    ['formula', 'pct(score == "high")', 'type-mismatch', 4, 19, 'the column score is a number, but "high" is text'],
    ['filter', 'score == "high"', 'type-mismatch', 0, 15, 'Compare it with a number instead'],
    [
      'filter',
      'channel == 5',
      'type-mismatch',
      0,
      12,
      'the column channel is text, but 5 is a number. Put the value in quotes to compare it as text: "5"',
    ],
    ['formula', 'count(score)', 'type-mismatch', 6, 11, 'count(score != null)'],
    ['formula', 'pct(channel)', 'type-mismatch', 4, 11, 'pct(channel != null)'],
    ['formula', 'share(score + 1)', 'type-mismatch', 6, 15, 'share(score + 1 != null)'],
    ['formula', 'round(avg(score), 1, 2)', 'type-mismatch', 0, 23, 'round() takes 1 or 2 arguments, but got 3'],
    ['formula', 'percentile(score)', 'type-mismatch', 0, 17, 'percentile() takes 2 arguments, but got 1'],
    ['formula', 'count(reopened, reopened)', 'type-mismatch', 0, 25, 'count() takes 0 or 1 argument, but got 2'],
    ['formula', 'coalesce(sum(score))', 'type-mismatch', 0, 20, 'takes at least 2 arguments'],
    ['formula', 'abs()', 'type-mismatch', 0, 5, 'abs() takes 1 argument, but got 0'],
    ['formula', 'percentile(score, 120)', 'type-mismatch', 18, 21, 'from 0 to 100'],
    ['formula', 'percentile(score, -5)', 'type-mismatch', 18, 20, 'from 0 to 100'],
    ['formula', 'percentile(score, id)', 'type-mismatch', 18, 20, 'fixed number'],
    ['formula', 'percentile(score, 50 + 60)', 'type-mismatch', 18, 25, 'from 0 to 100'],
    ['formula', 'percentile(score, 1 / 0)', 'type-mismatch', 18, 23, 'from 0 to 100'],
    ['formula', 'percentile(score, "90")', 'type-mismatch', 18, 22, 'must be a number from 0 to 100'],
    ['formula', 'avg(score where score)', 'type-mismatch', 16, 21, 'The condition after where must be true or false'],
    ['formula', 'count(created_at >= "2025-13-01")', 'type-mismatch', 20, 32, '"2025-13-01" is not a date'],
    ['formula', 'count(created_at >= "yesterday")', 'type-mismatch', 20, 31, 'is not a date'],
    [
      'formula',
      'count(created_at == channel)',
      'type-mismatch',
      6,
      27,
      'the column created_at is a date, but the column channel is text',
    ],
    ['formula', 'count(channel in ("a", 1))', 'type-mismatch', 23, 24, 'Cannot compare these'],
    ['formula', 'count(reopened < true)', 'type-mismatch', 6, 21, 'cannot order conditions'],
    ['formula', 'count(score and reopened)', 'type-mismatch', 6, 11, 'score > 0'],
    ['formula', 'count(not score)', 'type-mismatch', 10, 15, 'not needs a condition'],
    ['formula', 'sum(-channel)', 'type-mismatch', 5, 12, 'Unary - needs a number'],
    ['formula', 'sum(if(reopened, score, channel))', 'type-mismatch', 4, 32, 'if() needs its two results of one type'],
    ['formula', 'sum(if(score, 1, 0))', 'type-mismatch', 7, 12, 'if() needs a condition (true or false) first'],
    [
      'formula',
      'count(coalesce(channel, 1) == "a")',
      'type-mismatch',
      6,
      26,
      'coalesce() needs its arguments of one type',
    ],
    [
      'formula',
      'sum(days_between(created_at, score))',
      'type-mismatch',
      29,
      34,
      'days_between() needs dates or date-times',
    ],
    ['formula', 'sum(hours_between("2025-01-01", "soon"))', 'type-mismatch', 32, 38, 'is not a date'],
    ['formula', 'count() > 5', 'type-mismatch', 0, 11, 'must give a number, but this is a condition (true or false).'],
    [
      'formula',
      'score >= 9 and not reopened',
      'type-mismatch',
      0,
      27,
      'wrap it: pct(score >= 9 and not reopened) or count(score >= 9 and not reopened)',
    ],
    ['formula', '"text"', 'type-mismatch', 0, 6, 'must give a number, but this is text'],
    ['filter', 'score', 'type-mismatch', 0, 5, 'A filter must be a condition'],
    ['filter', 'avg(score) > 5', 'type-mismatch', 0, 10, 'A filter keeps or drops one row at a time'],
    ['derived', 'revenue > cost', 'type-mismatch', 0, 14, 'must give a number'],
    ['derived', 'revenue + "x"', 'type-mismatch', 10, 13, '+ needs numbers on both sides'],
    ['derived', 'round(revenue, 1, 2)', 'type-mismatch', 0, 20, 'takes 1 or 2 arguments'],
  ]);
});

describe('bare-column, nested-aggregate, aggregate-in-derived, where in the wrong place', () => {
  runCases([
    ['formula', 'score', 'bare-column', 0, 5, 'sum(score) or avg(score)'],
    ['formula', 'sum(score) / resolution_hours', 'bare-column', 13, 29, 'put the column inside an aggregate'],
    ['formula', 'count() + `Likelihood to recommend`', 'bare-column', 10, 35, 'sum(`Likelihood to recommend`)'],
    ['formula', 'sum(score) + count(reopened) * id', 'bare-column', 31, 33, 'sum(id)'],
    ['formula', 'avg(sum(score))', 'nested-aggregate', 4, 14, 'sum() is inside avg(): aggregates cannot be nested'],
    ['formula', 'avg(score where score > avg(score))', 'nested-aggregate', 24, 34, 'avg() is inside avg()'],
    ['formula', 'percentile(score, median(score))', 'nested-aggregate', 18, 31, 'median() is inside percentile()'],
    ['derived', 'sum(revenue)', 'aggregate-in-derived', 0, 12, 'this KPI has no source'],
    ['derived', 'revenue / count()', 'aggregate-in-derived', 10, 17, 'count() reads the rows of a source'],
    ['formula', 'count(reopened where score > 5)', 'formula-syntax', 15, 30, 'count() takes no where'],
    ['formula', 'pct(reopened where score > 5)', 'formula-syntax', 13, 28, 'pct(P and Q)'],
    ['formula', 'round(avg(score) where true)', 'formula-syntax', 17, 27, 'round() is not one'],
  ]);
  test('a percentile that cannot be computed is left to the other diagnostics', () => {
    assert.deepEqual(
      diagnosticsOf('formula', 'percentile(score, foo(1))').map((d) => d.rule),
      ['unknown-function'],
    );
    assert.deepEqual(
      diagnosticsOf('formula', 'percentile(score, if(true, 1, "a"))').map((d) => d.rule),
      ['type-mismatch'],
    );
  });
  test('a filter uses columns freely', () => {
    assert.deepEqual(diagnosticsOf('filter', 'channel != "internal" and score >= 0 and not reopened'), []);
  });
  test('several problems are each reported, in text order', () => {
    const ds = diagnosticsOf('formula', 'avg(scor) + sum(channel) + x');
    assert.deepEqual(
      ds.map((d) => [d.rule, d.start, d.end]),
      [
        ['unknown-column', 4, 8],
        ['type-mismatch', 16, 23],
        ['unknown-column', 27, 28],
      ],
    );
  });
  test('no cascade: a wrong result type is not reported over another diagnostic', () => {
    const ds = diagnosticsOf('formula', 'channel');
    assert.deepEqual(
      ds.map((d) => d.rule),
      ['bare-column'],
    );
  });
});

describe('what is allowed', () => {
  const ok: [Where, string][] = [
    ['formula', 'pct(score >= 9) - pct(score <= 6)'],
    ['formula', 'avg(resolution_hours where channel == "chat")'],
    ['formula', 'percentile(resolution_hours, 90 where channel == "chat")'],
    ['formula', 'percentile(score, 12.5 * 2)'],
    ['formula', 'count(created_at >= "2025-01-01" and created_at < "2025-02-01T12:00:00Z")'],
    ['formula', 'count("2025-01-01" <= created_at)'],
    ['formula', 'count(created_at in ("2025-04-01", "2025-02-14"))'],
    ['formula', 'count(created_at < closed_at)'],
    ['formula', 'count(channel == null) + count(null != score) + count(reopened == null)'],
    // SPEC 8.3: null has no type of its own, so it fits wherever any type does.
    ['formula', 'count(null) + count(score < null) + sum(score + null) + count(reopened and null)'],
    ['formula', 'count(channel in ("a", null)) + count(null in (1)) + count_distinct(null)'],
    ['formula', 'count(channel not in ("chat", "email"))'],
    ['formula', 'count(channel < "m")'],
    ['formula', 'sum(coalesce(score, 0)) + sum(if(reopened, 1, 0)) + sum(if(reopened, score, null))'],
    ['formula', 'count(coalesce(closed_at, "2025-12-31") == closed_at and true == reopened) + 0'],
    ['formula', 'avg(hours_between(created_at, closed_at)) + max(days_between("2025-01-01", closed_at))'],
    ['formula', 'round(avg(score), 1) + floor(1.5) + ceil(-1.5) + abs(-2) + round(2.5)'],
    ['formula', 'count_distinct(agent) + count_distinct(reopened where score > 5) + count_distinct(created_at)'],
    ['formula', 'if(count() > 0, sum(score) / count(), 0)'],
    ['formula', '7 / 2'],
    ['formula', 'avg(`Likelihood to recommend`)'],
    ['filter', 'created_at >= "2025-01-01"'],
    ['filter', 'true'],
    ['derived', 'revenue - cost'],
    ['derived', '`revenue` / nps * 100'],
    ['derived', 'round(coalesce(revenue, 0) / if(cost > 0, cost, 1), 2)'],
    ['derived', '42'],
  ];
  for (const [where, text] of ok) test(`${where}: ${text}`, () => assert.deepEqual(diagnosticsOf(where, text), []));
  test('max of a condition is refused (numbers only)', () => {
    assert.equal(diagnosticsOf('formula', 'max(reopened)')[0]?.rule, 'type-mismatch');
  });
});

describe('what the checked formula carries', () => {
  test('refs, type and hasAggregate of a sourced formula', () => {
    const f = checkSourced('avg(score where channel == "chat") / coalesce(max(`Likelihood to recommend`), 1)', tickets);
    assert.equal(f.role, 'formula');
    assert.equal(f.type, 'number');
    assert.equal(f.hasAggregate, true);
    assert.deepEqual(f.columnRefs, [
      { name: 'score', start: 4, end: 9 },
      { name: 'channel', start: 16, end: 23 },
      { name: 'Likelihood to recommend', start: 50, end: 75 },
    ]);
    assert.deepEqual(f.functionRefs, [
      { name: 'avg', start: 0, end: 3 },
      { name: 'coalesce', start: 37, end: 45 },
      { name: 'max', start: 46, end: 49 },
    ]);
    assert.deepEqual(f.kpiRefs, []);
  });
  test('refs of a derived formula: known KPIs only', () => {
    const f = analyzeFormula('revenue - cost + nosuch + round(revenue)', { mode: 'derived', kpis: KPIS });
    assert.equal(f.role, 'derived');
    assert.equal(f.hasAggregate, false);
    assert.deepEqual(f.kpiRefs, [
      { name: 'revenue', start: 0, end: 7 },
      { name: 'cost', start: 10, end: 14 },
      { name: 'revenue', start: 32, end: 39 },
    ]);
  });
  test('a filter is boolean; a formula that does not parse has no tree and no type', () => {
    assert.equal(checkSourced('score > 1', tickets, 'filter').type, 'boolean');
    const bad = checkSourced('sum(', tickets);
    assert.equal(bad.expr, undefined);
    assert.equal(bad.type, undefined);
    assert.equal(bad.diagnostics[0]?.rule, 'formula-syntax');
  });
  test('a column type map works as well as a table', () => {
    const columns = new Map<string, ColumnType>([['x', 'number']]);
    assert.deepEqual(checkSourced('sum(x)', columns).diagnostics, []);
  });
});
