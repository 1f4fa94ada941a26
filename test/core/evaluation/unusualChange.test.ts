// The note unusual-change (issue 13, part 3): the last period-to-period change more than
// 3 population standard deviations from the mean of at least 6 earlier changes. Crafted
// series with every number worked out by hand, then a real YAML + CSV through evaluateAnalysis
// and the result formats.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { analyze } from '../../../src/core/checks/analysis';
import { DataCache } from '../../../src/core/data/load';
import { evaluateAnalysis } from '../../../src/core/evaluation/evaluate';
import { changeStatsOf, unusualChangeOf, type ChangeStats } from '../../../src/core/evaluation/unusualChange';
import type { PeriodValue } from '../../../src/core/formula/api';
import { resultToJson } from '../../../src/core/presentation/resultsJson';
import { resultsToCsv } from '../../../src/core/presentation/resultsCsv';
import { resultsToMarkdown } from '../../../src/core/presentation/resultsMarkdown';
import { unitLabels, unusualChangeText } from '../../../src/core/presentation/resultText';
import { formatEvalTable } from '../../../src/cli/formats/evalTable';
import { plain } from '../../../src/cli/paint';
import { fixture } from '../../paths';

/** Monthly entries from 2025-01 on; `undefined` leaves that month out (a gap). */
function months(values: readonly (number | null | undefined)[]): PeriodValue[] {
  const out: PeriodValue[] = [];
  values.forEach((value, i) => {
    if (value === undefined) return;
    const year = 2025 + Math.floor(i / 12);
    const period = `${year}-${String((i % 12) + 1).padStart(2, '0')}`;
    out.push({ period, start: `${period}-01`, value });
  });
  return out;
}

function near(actual: ChangeStats | null, expected: ChangeStats, what: string): void {
  assert.ok(actual, `${what}: no statistics`);
  assert.equal(actual.changes, expected.changes, `${what}: changes`);
  for (const k of ['change', 'mean', 'sd', 'sigmas'] as const) {
    const a: number | null = actual[k];
    const b: number | null = expected[k];
    if (a === null || b === null) assert.equal(a, b, `${what}: ${k}`);
    else assert.ok(Math.abs(a - b) < 1e-12 * Math.max(1, Math.abs(b)), `${what}: ${k} ${a}, by hand ${b}`);
  }
}

// Earlier values 10, 11, 13, 12, 14, 15, 14: changes +1, +2, −1, +2, +1, −1; mean 4/6 = 2/3;
// squared deviations 1/9, 16/9, 25/9, 16/9, 1/9, 25/9 = 84/9, over 6 = 14/9: sd √14 / 3 ≈ 1.2472.
const EARLIER = [10, 11, 13, 12, 14, 15, 14];
const SD = Math.sqrt(14) / 3;

test('a jump of +16 after six ordinary changes: (16 − 2/3) / (√14 / 3) = 46 / √14 ≈ 12.29 sd', () => {
  const u = unusualChangeOf(months([...EARLIER, 30]), 'month');
  near(u, { change: 16, mean: 2 / 3, sd: SD, changes: 6, sigmas: 46 / Math.sqrt(14) }, '+16');
  assert.equal(
    unusualChangeText(u!, { unit: 'count' }),
    'change +16 vs a mean of +0.67 (sd 1.2) over 6 earlier changes: 12.3 sd above',
  );
});

test('exactly 5 earlier changes are too few; 6 are enough', () => {
  // Without the first value: changes +2, −1, +2, +1, −1 before the jump.
  const five = months([...EARLIER.slice(1), 30]);
  assert.equal(unusualChangeOf(five, 'month'), null);
  assert.equal(changeStatsOf(five, 'month')?.changes, 5, 'the statistics are there, the note is not');
  assert.ok(unusualChangeOf(months([...EARLIER, 30]), 'month'), 'six earlier changes');
});

test('the threshold: 10 / √14 ≈ 2.67 sd is ordinary, 13 / √14 ≈ 3.47 sd is unusual', () => {
  // Last change +4: (4 − 2/3) / (√14 / 3) = 10 / √14. Last change +5: 13 / √14.
  assert.equal(unusualChangeOf(months([...EARLIER, 18]), 'month'), null);
  near(
    changeStatsOf(months([...EARLIER, 18]), 'month'),
    { change: 4, mean: 2 / 3, sd: SD, changes: 6, sigmas: 10 / Math.sqrt(14) },
    '+4',
  );
  near(
    unusualChangeOf(months([...EARLIER, 19]), 'month'),
    { change: 5, mean: 2 / 3, sd: SD, changes: 6, sigmas: 13 / Math.sqrt(14) },
    '+5',
  );
});

test('a fall: −12 is (−12 − 2/3) / (√14 / 3) = −38 / √14 ≈ −10.16 sd, below the mean', () => {
  const u = unusualChangeOf(months([...EARLIER, 2]), 'month');
  near(u, { change: -12, mean: 2 / 3, sd: SD, changes: 6, sigmas: -38 / Math.sqrt(14) }, '−12');
  assert.equal(
    unusualChangeText(u!, { unit: 'percent' }),
    'change −12% vs a mean of +0.67% (sd 1.2%) over 6 earlier changes: 10.2 sd below',
  );
});

test('sd 0: the same change again is ordinary, any other is unusual with no sigmas', () => {
  const steady = [5, 6, 7, 8, 9, 10, 11];
  assert.equal(unusualChangeOf(months([...steady, 12]), 'month'), null);
  const u = unusualChangeOf(months([...steady, 20]), 'month');
  near(u, { change: 9, mean: 1, sd: 0, changes: 6, sigmas: null }, '+9 after +1 six times');
  assert.equal(unusualChangeText(u!, { unit: 'count' }), 'change +9 where all 6 earlier changes were +1');
  // 0.1, 0.2, … 0.9: the changes differ only by rounding (0.30000000000000004 − 0.2); sd counts as 0.
  const tenths = months([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => n / 10));
  assert.equal(changeStatsOf(tenths, 'month')?.sd, 0);
  assert.equal(unusualChangeOf(tenths, 'month'), null);
});

test('a gap breaks a pair: 2025-04 → 2025-06 is no change', () => {
  // 10, 11, 12, 13, (no May), 100, 101, 102, 103, 130: earlier changes +1 × 6 (not the +87 across the gap).
  const u = unusualChangeOf(months([10, 11, 12, 13, undefined, 100, 101, 102, 103, 130]), 'month');
  near(u, { change: 27, mean: 1, sd: 0, changes: 6, sigmas: null }, 'across a gap');
  // A gap just before the last period: no last change, so no note, however many earlier changes.
  assert.equal(changeStatsOf(months([...EARLIER, 15, 16, undefined, 90]), 'month'), null);
});

test('a null value breaks the pairs on both sides; a null last value gives no note', () => {
  // 10, 11, null, 13 … 19, 40: the changes into and out of the null one are not counted.
  const u = unusualChangeOf(months([10, 11, null, 13, 14, 15, 16, 17, 18, 19, 40]), 'month');
  near(u, { change: 21, mean: 1, sd: 0, changes: 7, sigmas: null }, 'around a null');
  assert.equal(changeStatsOf(months([...EARLIER, 16, null]), 'month'), null);
  assert.equal(changeStatsOf([], 'month'), null);
  assert.equal(changeStatsOf(months([5]), 'month'), null);
});

test('ISO weeks across the year: 2024-W52 → 2025-W01 is one calendar step', () => {
  const starts = [
    '2024-12-02',
    '2024-12-09',
    '2024-12-16',
    '2024-12-23',
    '2024-12-30',
    '2025-01-06',
    '2025-01-13',
    '2025-01-20',
  ];
  const labels = ['2024-W49', '2024-W50', '2024-W51', '2024-W52', '2025-W01', '2025-W02', '2025-W03', '2025-W04'];
  const values = [10, 12, 11, 13, 12, 14, 13, 40];
  const series = starts.map((start, i) => ({ period: labels[i]!, start, value: values[i]! }));
  // Changes +2, −1, +2, −1, +2, −1: mean 0.5, every deviation ±1.5, sd 1.5; last +27: 26.5 / 1.5.
  near(unusualChangeOf(series, 'week'), { change: 27, mean: 0.5, sd: 1.5, changes: 6, sigmas: 26.5 / 1.5 }, 'weeks');
});

test('through evaluateAnalysis on a real YAML and CSV: the note, its numbers, and every result format', () => {
  const file = fixture('evaluation', 'unusual.kpis.yaml');
  const analysis = analyze(fs.readFileSync(file, 'utf8'), {
    filePath: file,
    today: '2025-10-15',
    loader: new DataCache(),
  });
  const results = evaluateAnalysis(analysis);
  const [orders, value, all] = results;
  // Orders per month 5, 6, 5, 6, 5, 6, 5, 6, 20: earlier changes +1, −1 (four +1, three −1), mean 1/7,
  // variance (4 × (6/7)² + 3 × (8/7)²) / 7 = 336/343; the last change +14.
  const sd = Math.sqrt(336 / 343);
  near(orders!.unusual_change!, { change: 14, mean: 1 / 7, sd, changes: 7, sigmas: (14 - 1 / 7) / sd }, 'orders');
  assert.deepEqual(orders!.notes, ['unusual-change']);
  // Average order 100, 102, 101, 103, 102, 104, 103, 105, 104: the last change −1 is ordinary.
  assert.deepEqual(value!.notes, []);
  assert.equal(value!.unusual_change, null);
  assert.equal(all!.unusual_change, undefined, 'no grain, no changes');

  const json = results.map(resultToJson);
  assert.deepEqual(Object.keys(json[0]!['unusual_change'] as object), ['change', 'mean', 'sd', 'changes', 'sigmas']);
  assert.equal(json[1]!['unusual_change'], null);
  assert.ok(!('unusual_change' in json[2]!), 'only for KPIs with grain, as previous and year_ago');

  const csv = resultsToCsv(results).split('\r\n');
  const header = csv[0]!.split(',');
  const row = csv[1]!.split(',');
  const col = (name: string): string => row[header.indexOf(name)]!;
  assert.equal(col('notes'), 'unusual-change');
  assert.deepEqual(
    [
      'unusual_change',
      'unusual_change_mean',
      'unusual_change_sd',
      'unusual_change_changes',
      'unusual_change_sigmas',
    ].map(col),
    ['14', String(1 / 7), String(sd), '7', String((14 - 1 / 7) / sd)],
  );
  assert.equal(csv[2]!.split(',')[header.indexOf('unusual_change')], '');

  const text = 'change +14 vs a mean of +0.14 (sd 0.99) over 7 earlier changes: 14.0 sd above';
  const labels = unitLabels(analysis.model);
  const markdown = resultsToMarkdown(results, labels);
  assert.ok(markdown.includes(`| unusual-change: ${text} |`), markdown);
  const table = formatEvalTable(results, labels, plain);
  assert.ok(table.includes('(unusual-change)'), table);
  assert.ok(table.endsWith(`orders: unusual change: ${text}\n`), table);
});
