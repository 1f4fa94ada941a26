// Breakdowns on test/fixtures/breakdown: the ranking, the fold into (other), the text of each
// kind of value, a grain's series and comparisons at the KPI's last period, --by, the cache.
// Expected counts are read from the CSV's lines here, independently of the loader.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import {
  columnGroups,
  computeBreakdown,
  groupText,
  MAX_GROUPS,
  missingByColumns,
  rankGroups,
  type Breakdown,
} from '../../../src/core/evaluation/breakdown';
import { EvaluationCache, evaluateAnalysis, type KpiResult } from '../../../src/core/evaluation/evaluate';
import { stringColumnOf } from '../../../src/core/data/table';
import { fixture } from '../../paths';
import { checkSourced } from '../formula/support';
import { analyzeBreakdownFile, loadBreakdownTable } from './breakdownFixture';

const analysis = analyzeBreakdownFile();
const table = loadBreakdownTable();

/** The CSV's records as maps of column → text ('' for an empty cell); the fixture has no quoted fields. */
const records = ((): Record<string, string>[] => {
  const [header, ...lines] = fs
    .readFileSync(fixture('breakdown', 'data', 'tickets.csv'), 'utf8')
    .trimEnd()
    .split('\n');
  const names = header!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i]!, v])));
})();

function countBy(column: string, keep: (r: Record<string, string>) => boolean = () => true): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of records) {
    if (!keep(r)) continue;
    const text = r[column] === '' ? '(null)' : r[column]!;
    counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  return counts;
}

function result(results: KpiResult[], id: string): KpiResult {
  const r = results.find((x) => x.id === id);
  assert.ok(r, `no result for ${id}`);
  return r;
}

function breakdown(r: KpiResult, column: string): Breakdown {
  const b = r.breakdowns?.find((x) => x.column === column);
  assert.ok(b, `${r.id} has no breakdown by ${column}`);
  return b;
}

test('the 10 groups with the most rows, ties by text in code-point order ((null) ranked like any group), the rest folded into (other)', () => {
  const [tickets] = evaluateAnalysis(analysis, { only: new Set(['tickets']), by: ['region'] });
  const groups = breakdown(tickets!, 'region').groups;
  assert.deepEqual(
    groups.map((g) => [g.group, g.kind, g.rows]),
    [
      ['north', 'value', 300],
      ['south', 'value', 250],
      ['east', 'value', 200],
      ['west', 'value', 150],
      ['central', 'value', 120],
      ['île', 'value', 100],
      // 80 each: "Z" (U+005A) sorts before "a" (U+0061).
      ['Zeta', 'value', 80],
      ['alpha', 'value', 80],
      // 60 each: "(" (U+0028) sorts before "m".
      ['(null)', 'null', 60],
      ['mid', 'value', 60],
      // coast 40, hills 30, lakes 20, 🏔peak 10, x 5.
      ['(other)', 'other', 105],
    ],
  );
  assert.equal(groups.length, MAX_GROUPS + 1);
  // count() per group is its rows, and no row is dropped: the groups add up to the KPI.
  for (const g of groups) assert.equal(g.value, g.rows);
  assert.equal(
    groups.reduce((s, g) => s + g.rows, 0),
    tickets!.value,
  );
  assert.equal(tickets!.value, records.length);
  const byText = countBy('region');
  for (const g of groups.filter((g) => g.kind !== 'other')) assert.equal(g.rows, byText.get(g.group), g.group);
});

test('ten groups or fewer: no (other); groups without rows after the filter are not shown', () => {
  const formula = checkSourced('count()', table);
  const filter = checkSourced('channel == "phone" and region != "x"', table, 'filter');
  const computed = computeBreakdown(formula, filter, table, undefined, 'channel')!;
  assert.deepEqual(
    computed.groups.map((g) => [g.group, g.rows]),
    // A null region makes `region != "x"` null, which the filter counts as false.
    [['phone', countBy('channel', (r) => r.channel === 'phone' && r.region !== '' && r.region !== 'x').get('phone')]],
  );
  const vip = computeBreakdown(formula, undefined, table, undefined, 'vip')!;
  assert.deepEqual(
    vip.groups.map((g) => g.group),
    [...countBy('vip')].sort((a, b) => b[1] - a[1]).map(([text]) => text),
  );
});

test('numbers, booleans and dates as text: shortest number text, true/false, YYYY-MM-DD, a date-time in UTC with Z', () => {
  const results = evaluateAnalysis(analysis, { only: new Set(['tickets']) });
  const tickets = result(results, 'tickets');
  const texts = (column: string): string[] =>
    breakdown(tickets, column)
      .groups.map((g) => g.group)
      .sort();
  assert.deepEqual(texts('tier'), ['(null)', '1', '2', '2.5', '3']);
  assert.deepEqual(texts('vip'), ['(null)', 'false', 'true']);
  assert.deepEqual(texts('signup'), ['(null)', '2023-12-31', '2024-01-01', '2024-02-29']);
  for (const column of ['tier', 'vip', 'signup']) {
    const byText = countBy(column);
    for (const g of breakdown(tickets, column).groups)
      assert.equal(g.rows, byText.get(g.group), `${column} ${g.group}`);
  }
  const ts = table.columns.get('ts')!;
  // Row 1 is 2020-12-28 03:00:00 in the file.
  assert.equal(groupText(ts, 0), '2020-12-28T03:00:00Z');
  const dates = table.columns.get('signup')!;
  assert.equal(
    groupText(
      dates,
      records.findIndex((r) => r.signup === '2024-02-29'),
    ),
    '2024-02-29',
  );
});

test('a text column: the group is the text as it is, even "(null)" itself, told apart by its kind', () => {
  const column = stringColumnOf(['(null)', null, '(null)', 'a']);
  const groups = columnGroups(column);
  assert.deepEqual(
    [...groups.ofRow].map((g) => groups.labels[g]),
    [
      { text: '(null)', kind: 'value' },
      { text: '(null)', kind: 'null' },
      { text: '(null)', kind: 'value' },
      { text: 'a', kind: 'value' },
    ],
  );
});

test('rankGroups: most rows first, ties by code point (not UTF-16 units), a value before (null) of the same text', () => {
  const labels = [
    { text: '\u{1F600}', kind: 'value' as const },
    { text: '\uFF5E', kind: 'value' as const },
    { text: '(null)', kind: 'null' as const },
    { text: '(null)', kind: 'value' as const },
    { text: 'none', kind: 'value' as const },
    { text: 'big', kind: 'value' as const },
  ];
  // U+FF5E before U+1F600 by code point, though UTF-16 units would put the emoji's surrogates first.
  assert.deepEqual(rankGroups(Float64Array.from([2, 2, 2, 2, 0, 5]), labels), [5, 3, 2, 1, 0]);
});

test('with a grain: each group a series of its periods, its value and comparisons at the KPI last period', () => {
  const results = evaluateAnalysis(analysis, { only: new Set(['satisfied']) });
  const satisfied = result(results, 'satisfied');
  assert.equal(satisfied.period, '2024-03');
  const periods = new Set(satisfied.series!.map((e) => e.period));
  const channel = breakdown(satisfied, 'channel');
  // With a grain, rows without a time are in no period: the groups add up to the KPI's rows with a time.
  const timed = (r: Record<string, string>): boolean => r.ts !== '';
  assert.equal(
    channel.groups.reduce((s, g) => s + g.rows, 0),
    records.filter(timed).length,
  );
  for (const g of channel.groups) {
    assert.equal(g.rows, countBy('channel', timed).get(g.group), g.group);
    for (const e of g.series!) assert.ok(periods.has(e.period), `${g.group} ${e.period}`);
    // pct(score >= 8) over the group's rows in 2024-03, by hand from the file.
    const march = records.filter(
      (r) => r.ts.startsWith('2024-03') && (r.channel === '' ? '(null)' : r.channel) === g.group,
    );
    const expected =
      march.length === 0
        ? null
        : (100 * march.filter((r) => Number(r.score) >= 8 && r.score !== '').length) / march.length;
    assert.equal(g.value, expected, g.group);
    assert.equal(
      g.status,
      expected === null ? 'no_data' : expected >= 30 ? 'met' : expected >= 25 ? 'at_risk' : 'off_track',
    );
    const feb = g.series!.find((e) => e.period === '2024-02');
    assert.deepEqual(g.previous?.period, feb ? '2024-02' : undefined);
    if (feb && g.value !== null && feb.value !== null) assert.equal(g.previous!.delta, g.value - feb.value);
  }
  // A region with no rows in 2024-03: pct of no rows is null, and its series ends before 2024-03.
  const region = breakdown(satisfied, 'region');
  const absent = region.groups.find((g) => g.series!.at(-1)!.period !== '2024-03');
  assert.ok(absent, 'some region has no rows in 2024-03');
  assert.equal(absent.value, null);
  assert.equal(absent.status, 'no_data');
});

test('division by zero in a group is a note on that group', () => {
  const formula = checkSourced('count() / count(vip == true)', table);
  const computed = computeBreakdown(formula, undefined, table, undefined, 'vip')!;
  const byGroup = new Map(computed.groups.map((g) => [g.group, g.value]));
  assert.deepEqual(byGroup.get('true'), { series: undefined, value: 1, divisionByZero: false });
  assert.deepEqual(byGroup.get('false'), { series: undefined, value: null, divisionByZero: true });
  assert.deepEqual(byGroup.get('(null)'), { series: undefined, value: null, divisionByZero: true });
});

test('--by adds columns after the file breakdown (once each), to sourced KPIs only; results stay as before', () => {
  const plain = evaluateAnalysis(analysis);
  const by = evaluateAnalysis(analysis, { by: ['region', 'channel', 'region'] });
  assert.deepEqual(
    result(by, 'satisfied').breakdowns!.map((b) => b.column),
    ['channel', 'region'],
  );
  assert.deepEqual(
    result(by, 'tickets').breakdowns!.map((b) => b.column),
    ['vip', 'tier', 'signup', 'region', 'channel'],
  );
  assert.deepEqual(
    result(by, 'phone_amount').breakdowns!.map((b) => b.column),
    ['region', 'channel'],
  );
  assert.equal(result(by, 'doubled').breakdowns, undefined);
  assert.equal(result(plain, 'phone_amount').breakdowns, undefined);
  // Everything but the breakdowns is what evaluation gives without them.
  const strip = (r: KpiResult): KpiResult => {
    const { breakdowns: _, ...rest } = r;
    return rest;
  };
  assert.deepEqual(by.map(strip), plain.map(strip));
  // phone_amount's filter keeps phone rows only: one channel group, the KPI itself.
  const phone = breakdown(result(by, 'phone_amount'), 'channel').groups;
  assert.deepEqual(
    phone.map((g) => g.group),
    ['phone'],
  );
  assert.deepEqual(phone[0]!.series, result(by, 'phone_amount').series);
  assert.equal(phone[0]!.value, result(by, 'phone_amount').value);
});

test('a --by column the source lacks: left out of the breakdowns, named with a did-you-mean', () => {
  const results = evaluateAnalysis(analysis, { by: ['regoin'] });
  assert.deepEqual(result(results, 'phone_amount').breakdowns, []);
  assert.deepEqual(missingByColumns(analysis, ['phone_amount', 'tickets', 'doubled'], ['regoin', 'channel']), [
    { column: 'regoin', source: 'tickets', kpis: ['tickets', 'phone_amount'], matches: ['region'] },
  ]);
});

test('the evaluation cache keys breakdowns by column: cached results equal fresh ones', () => {
  const cache = new EvaluationCache();
  const fresh = (by: string[]): KpiResult[] => evaluateAnalysis(analysis, { by });
  const cached = (by: string[]): KpiResult[] => evaluateAnalysis(analysis, { cache, by });
  assert.deepEqual(cached(['vip']), fresh(['vip']));
  assert.deepEqual(cached(['region']), fresh(['region']));
  assert.deepEqual(cached(['vip']), fresh(['vip']));
  assert.notDeepEqual(
    result(cached(['vip']), 'phone_amount').breakdowns,
    result(cached(['region']), 'phone_amount').breakdowns,
  );
});
