// previous and year_ago (issue 13, part 1): the calendar period before the last one, and the
// same period a year earlier, by label arithmetic checked by hand — gaps give null.
import { test } from 'node:test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../../src/core/checks/analysis';
import { DataCache } from '../../../src/core/data/load';
import { evaluateAnalysis } from '../../../src/core/evaluation/evaluate';
import { resultToJson } from '../../../src/core/presentation/resultsJson';
import * as assert from 'node:assert/strict';
import { comparisonsOf, yearAgo } from '../../../src/core/evaluation/comparisons';
import type { PeriodValue } from '../../../src/core/formula/api';
import { periodKey } from '../../../src/core/data/periods';
import { parseDateTime } from '../../../src/core/data/dates';
import type { Grain } from '../../../src/core/model/kpiFile';

const entry = (period: string, start: string, value: number | null): PeriodValue => ({ period, start, value });
const keyOf = (start: string, grain: Grain): number => periodKey(parseDateTime(start)!, grain);

test('month: previous is the calendar month before, year_ago twelve months back; delta and relative by hand', () => {
  const series = [
    entry('2025-03', '2025-03-01', 40),
    entry('2026-02', '2026-02-01', 25),
    entry('2026-03', '2026-03-01', 30),
  ];
  assert.deepEqual(comparisonsOf(series, 'month'), {
    previous: { period: '2026-02', value: 25, delta: 5, relative: 0.2 },
    year_ago: { period: '2025-03', value: 40, delta: -10, relative: -0.25 },
  });
});

test("a gap gives null, never the series' previous entry", () => {
  const series = [entry('2026-01', '2026-01-01', 10), entry('2026-03', '2026-03-01', 12)];
  assert.deepEqual(comparisonsOf(series, 'month'), { previous: null, year_ago: null });
});

test('null values: delta and relative null; a zero value: relative null; a negative value: relative over |value|', () => {
  const nullThen = comparisonsOf([entry('2026-02', '2026-02-01', null), entry('2026-03', '2026-03-01', 5)], 'month');
  assert.deepEqual(nullThen.previous, { period: '2026-02', value: null, delta: null, relative: null });
  const nullNow = comparisonsOf([entry('2026-02', '2026-02-01', 4), entry('2026-03', '2026-03-01', null)], 'month');
  assert.deepEqual(nullNow.previous, { period: '2026-02', value: 4, delta: null, relative: null });
  const zero = comparisonsOf([entry('2026-02', '2026-02-01', 0), entry('2026-03', '2026-03-01', 3)], 'month');
  assert.deepEqual(zero.previous, { period: '2026-02', value: 0, delta: 3, relative: null });
  const negative = comparisonsOf([entry('2026-02', '2026-02-01', -4), entry('2026-03', '2026-03-01', -3)], 'month');
  assert.deepEqual(negative.previous, { period: '2026-02', value: -4, delta: 1, relative: 0.25 });
  assert.deepEqual(comparisonsOf([], 'month'), { previous: null, year_ago: null });
});

test('ISO weeks: previous across the year (2025-W01 → 2024-W52), year_ago by week number, 2021-W53 → none', () => {
  // 2024-12-30 is the Monday of 2025-W01; 2024-12-23 of 2024-W52 (2024 has 52 ISO weeks).
  const series = [
    entry('2024-W01', '2024-01-01', 7),
    entry('2024-W52', '2024-12-23', 8),
    entry('2025-W01', '2024-12-30', 10),
  ];
  assert.deepEqual(comparisonsOf(series, 'week'), {
    previous: { period: '2024-W52', value: 8, delta: 2, relative: 0.25 },
    year_ago: { period: '2024-W01', value: 7, delta: 3, relative: 3 / 7 },
  });
  // 2020 has 53 ISO weeks (2020-12-28 is the Monday of 2020-W53); 2019 has 52.
  assert.equal(yearAgo('2020-W53', keyOf('2020-12-28', 'week'), 'week'), undefined);
  // 2026 has 53 weeks (2027-01-03 is in 2026-W53, SPEC 3), 2025 only 52.
  assert.equal(yearAgo('2021-W10', keyOf('2021-03-08', 'week'), 'week'), '2020-W10');
  assert.equal(yearAgo('2026-W53', keyOf('2026-12-28', 'week'), 'week'), undefined, '2025 has 52 weeks');
});

test('days: 2024-03-01 → previous 2024-02-29; 2024-02-29 has no year_ago; 2025-03-01 → 2024-03-01', () => {
  assert.equal(yearAgo('2024-02-29', keyOf('2024-02-29', 'day'), 'day'), undefined);
  assert.equal(yearAgo('2025-03-01', keyOf('2025-03-01', 'day'), 'day'), '2024-03-01');
  const series = [entry('2024-02-29', '2024-02-29', 2), entry('2024-03-01', '2024-03-01', 3)];
  assert.deepEqual(comparisonsOf(series, 'day').previous, { period: '2024-02-29', value: 2, delta: 1, relative: 0.5 });
});

test('quarters and years: 2026-Q1 → 2025-Q4 and 2025-Q1; 2026 → 2025', () => {
  const q = comparisonsOf(
    [entry('2025-Q1', '2025-01-01', 1), entry('2025-Q4', '2025-10-01', 2), entry('2026-Q1', '2026-01-01', 4)],
    'quarter',
  );
  assert.deepEqual([q.previous?.period, q.year_ago?.period], ['2025-Q4', '2025-Q1']);
  const y = comparisonsOf([entry('2025', '2025-01-01', 2), entry('2026', '2026-01-01', 3)], 'year');
  assert.deepEqual([y.previous?.period, y.year_ago?.period], ['2025', '2025']);
});

test('through eval on a real csv: JSON carries previous and year_ago; a gap before the last month gives previous null', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-compare-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  // Rows: 2025-04 ×2, 2026-01 ×1, 2026-02 ×3, 2026-04 ×5 (no row in 2026-03: a gap).
  const rows = [
    '2025-04-02',
    '2025-04-20',
    '2026-01-10',
    '2026-02-01',
    '2026-02-14',
    '2026-02-28',
    ...Array(5).fill('2026-04-09'),
  ];
  fs.writeFileSync(path.join(dir, 'd.csv'), `at\n${rows.join('\n')}\n`);
  fs.writeFileSync(
    path.join(dir, 'kpis.yaml'),
    'version: 1\ngoals: [{ id: g, title: G }]\nsources: { s: { path: d.csv, time: at } }\nkpis:\n' +
      '  - { id: n, name: N, goals: [g], source: s, grain: month, formula: count() }\n' +
      '  - { id: q, name: Q, goals: [g], source: s, grain: quarter, formula: count() }\n',
  );
  const analysis = analyze(fs.readFileSync(path.join(dir, 'kpis.yaml'), 'utf8'), {
    filePath: path.join(dir, 'kpis.yaml'),
    workspaceRoot: dir,
    loader: new DataCache(),
  });
  const json = evaluateAnalysis(analysis).map(resultToJson);
  assert.deepEqual(json[0]!['previous'], null, 'March has no rows: a gap');
  assert.deepEqual(json[0]!['year_ago'], { period: '2025-04', value: 2, delta: 3, relative: 1.5 });
  // Quarters: 2026-Q2 = 5, 2026-Q1 = 4, 2025-Q2 = 2.
  assert.deepEqual(json[1]!['previous'], { period: '2026-Q1', value: 4, delta: 1, relative: 0.25 });
  assert.deepEqual(json[1]!['year_ago'], { period: '2025-Q2', value: 2, delta: 3, relative: 1.5 });
});
