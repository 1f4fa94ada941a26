import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Grain } from '../../../src/core/model/kpiFile';
import { MS_PER_DAY } from '../../../src/core/data/dates';
import { daysFromCivil, groupByPeriod, monthIndexOfDay, periodOf } from '../../../src/core/data/periods';
import { loadFixture, run } from '../formula/support';

const at = (iso: string): number => Date.parse(iso);
const label = (iso: string, grain: Grain): [string, string] => {
  const p = periodOf(at(iso), grain);
  return [p.label, p.start];
};

describe('period labels and starts, in UTC', () => {
  test('day, month, quarter, year', () => {
    assert.deepEqual(label('2025-03-07T23:59:59.999Z', 'day'), ['2025-03-07', '2025-03-07']);
    assert.deepEqual(label('2025-03-07T23:30:00-02:00', 'day'), ['2025-03-08', '2025-03-08']);
    assert.deepEqual(label('2025-03-07T12:00:00Z', 'month'), ['2025-03', '2025-03-01']);
    assert.deepEqual(label('2024-02-29T00:00:00Z', 'month'), ['2024-02', '2024-02-01']);
    assert.deepEqual(label('2025-03-31T00:00:00Z', 'quarter'), ['2025-Q1', '2025-01-01']);
    assert.deepEqual(label('2025-04-01T00:00:00Z', 'quarter'), ['2025-Q2', '2025-04-01']);
    assert.deepEqual(label('2025-09-30T23:59:59Z', 'quarter'), ['2025-Q3', '2025-07-01']);
    assert.deepEqual(label('2025-12-31T23:59:59Z', 'quarter'), ['2025-Q4', '2025-10-01']);
    assert.deepEqual(label('2025-12-31T23:59:59Z', 'year'), ['2025', '2025-01-01']);
    assert.deepEqual(label('1969-12-31T23:59:59Z', 'month'), ['1969-12', '1969-12-01']);
    assert.deepEqual(label('1900-03-01T00:00:00Z', 'quarter'), ['1900-Q1', '1900-01-01']);
  });

  test('ISO weeks around new year (DuckDB %G-W%V)', () => {
    const cases: [string, string, string][] = [
      ['2024-12-29', '2024-W52', '2024-12-23'],
      ['2024-12-30', '2025-W01', '2024-12-30'],
      ['2025-01-05T23:59:59Z', '2025-W01', '2024-12-30'],
      ['2025-01-06', '2025-W02', '2025-01-06'],
      ['2025-03-07', '2025-W10', '2025-03-03'],
      ['2026-12-28', '2026-W53', '2026-12-28'],
      ['2027-01-03', '2026-W53', '2026-12-28'],
      ['2027-01-04', '2027-W01', '2027-01-04'],
      ['2021-01-03', '2020-W53', '2020-12-28'],
      ['2021-01-04', '2021-W01', '2021-01-04'],
      ['2005-01-01', '2004-W53', '2004-12-27'],
      ['2005-01-03', '2005-W01', '2005-01-03'],
      ['2008-12-29', '2009-W01', '2008-12-29'],
      ['2010-01-03', '2009-W53', '2009-12-28'],
      ['1970-01-01', '1970-W01', '1969-12-29'],
      ['1969-12-28', '1969-W52', '1969-12-22'],
    ];
    for (const [iso, expected, start] of cases) {
      assert.deepEqual(label(iso.includes('T') ? iso : `${iso}T12:00:00Z`, 'week'), [expected, start], iso);
    }
  });

  test('every day from 1890 to 2110 agrees with an independent Date-based reckoning', () => {
    const first = daysFromCivil(1890, 1, 1);
    const last = daysFromCivil(2110, 12, 31);
    for (let day = first; day <= last; day++) {
      const date = new Date(day * MS_PER_DAY);
      const y = date.getUTCFullYear();
      const m = date.getUTCMonth();
      assert.equal(monthIndexOfDay(day), y * 12 + m);
      assert.equal(daysFromCivil(y, m + 1, date.getUTCDate()), day);
      // ISO week: the Thursday of the week decides the year.
      const weekday = (date.getUTCDay() + 6) % 7;
      const thursday = new Date((day - weekday + 3) * MS_PER_DAY);
      const isoYear = thursday.getUTCFullYear();
      const week = Math.floor((thursday.getTime() - Date.UTC(isoYear, 0, 1)) / (7 * MS_PER_DAY)) + 1;
      const expected = `${isoYear}-W${String(week).padStart(2, '0')}`;
      const got = periodOf(day * MS_PER_DAY + 1, 'week').label;
      if (got !== expected) assert.equal(got, expected, date.toISOString());
    }
  });
});

describe('groupByPeriod', () => {
  test('unsorted rows, null times, periods in time order', () => {
    const times = Float64Array.from([
      at('2025-03-02T00:00:00Z'),
      NaN,
      at('2024-11-30T23:00:00Z'),
      at('2025-03-31T23:59:59Z'),
      at('2024-11-01'),
    ]);
    const g = groupByPeriod(times, 'month');
    assert.deepEqual(
      g.periods.map((p) => p.label),
      ['2024-11', '2025-03'],
    );
    assert.deepEqual([...g.periodOfRow], [1, -1, 0, 1, 0]);
  });
  test('keys far apart (years 0001 and 9999) use the sparse path', () => {
    const times = Float64Array.from([at('9999-12-31T00:00:00Z'), daysFromCivil(1, 1, 1) * MS_PER_DAY + 5, NaN]);
    const g = groupByPeriod(times, 'day');
    assert.deepEqual(
      g.periods.map((p) => p.label),
      ['0001-01-01', '9999-12-31'],
    );
    assert.deepEqual([...g.periodOfRow], [1, 0, -1]);
  });
  test('no times at all', () => {
    assert.deepEqual(groupByPeriod(Float64Array.from([NaN, NaN]), 'year'), {
      periodOfRow: Int32Array.from([-1, -1]),
      periods: [],
    });
  });
});

describe('series of tickets.csv by created_at (row 8 has no time, row 4 is 2025-01-05T23:00Z)', () => {
  const tickets = loadFixture('tickets.csv');
  const series = (formula: string, grain: Grain, filter?: string) => {
    const result = run(tickets, formula, { grain, ...(filter === undefined ? {} : { filter }) });
    return { entries: result.series!.map((e) => [e.period, e.start, e.value]), value: result.value };
  };

  test('count() by year', () => {
    assert.deepEqual(series('count()', 'year'), {
      entries: [
        ['2024', '2024-01-01', 2],
        ['2025', '2025-01-01', 5],
        ['2026', '2026-01-01', 1],
        ['2027', '2027-01-01', 2],
      ],
      value: 2,
    });
  });
  test('count() by quarter', () => {
    assert.deepEqual(series('count()', 'quarter').entries, [
      ['2024-Q4', '2024-10-01', 2],
      ['2025-Q1', '2025-01-01', 4],
      ['2025-Q2', '2025-04-01', 1],
      ['2026-Q4', '2026-10-01', 1],
      ['2027-Q1', '2027-01-01', 2],
    ]);
  });
  test('avg(score) by month; months without rows are omitted, not filled', () => {
    assert.deepEqual(series('avg(score)', 'month'), {
      entries: [
        ['2024-12', '2024-12-01', 8],
        ['2025-01', '2025-01-01', 9],
        ['2025-02', '2025-02-01', 3],
        ['2025-03', '2025-03-01', 8],
        ['2025-04', '2025-04-01', 7],
        ['2026-12', '2026-12-01', 10],
        ['2027-01', '2027-01-01', 4.5],
      ],
      value: 4.5,
    });
  });
  test('NPS by ISO week across two new years', () => {
    assert.deepEqual(series('pct(score >= 9) - pct(score <= 6)', 'week'), {
      entries: [
        ['2024-W52', '2024-12-23', 100],
        ['2025-W01', '2024-12-30', 0],
        ['2025-W07', '2025-02-10', -100],
        ['2025-W14', '2025-03-31', 0],
        ['2026-W53', '2026-12-28', 0],
        ['2027-W01', '2027-01-04', 100],
      ],
      value: 100,
    });
  });
  test('count() by day: an offset moves a row to the UTC day', () => {
    assert.deepEqual(series('count()', 'day').entries, [
      ['2024-12-28', '2024-12-28', 1],
      ['2024-12-30', '2024-12-30', 1],
      ['2025-01-05', '2025-01-05', 2],
      ['2025-02-14', '2025-02-14', 1],
      ['2025-03-31', '2025-03-31', 1],
      ['2025-04-01', '2025-04-01', 1],
      ['2026-12-31', '2026-12-31', 1],
      ['2027-01-03', '2027-01-03', 1],
      ['2027-01-04', '2027-01-04', 1],
    ]);
  });
  test('a where never removes a period: entries may be null', () => {
    assert.deepEqual(series('avg(score where channel == "phone")', 'month'), {
      entries: [
        ['2024-12', '2024-12-01', null],
        ['2025-01', '2025-01-01', null],
        ['2025-02', '2025-02-01', null],
        ['2025-03', '2025-03-01', null],
        ['2025-04', '2025-04-01', null],
        ['2026-12', '2026-12-01', null],
        ['2027-01', '2027-01-01', 0],
      ],
      value: 0,
    });
  });
  test('the value is the last entry even when it is null', () => {
    assert.deepEqual(series('avg(score where channel == "email")', 'year'), {
      entries: [
        ['2024', '2024-01-01', 6],
        ['2025', '2025-01-01', 3],
        ['2026', '2026-01-01', null],
        ['2027', '2027-01-01', null],
      ],
      value: null,
    });
  });
  test('a filter removes periods; rows with a null time are left out of every period', () => {
    assert.deepEqual(series('count()', 'month', 'channel == "email"'), {
      entries: [
        ['2024-12', '2024-12-01', 1],
        ['2025-02', '2025-02-01', 1],
      ],
      value: 1,
    });
    assert.equal(run(tickets, 'count()', { filter: 'channel == "email"' }).value, 3);
  });
  test('a filter that keeps nothing gives an empty series and a null value', () => {
    assert.deepEqual(run(tickets, 'count()', { grain: 'week', filter: 'score > 10' }), {
      series: [],
      value: null,
      divisionByZero: false,
    });
  });
  test('division by zero in one period: null there, one note', () => {
    const result = run(tickets, 'sum(score) / count(reopened)', { grain: 'year' });
    assert.deepEqual(
      result.series!.map((e) => e.value),
      [16, 27, null, 9],
    );
    assert.equal(result.divisionByZero, true);
  });
  test('percentiles per period', () => {
    assert.deepEqual(
      series('percentile(resolution_hours, 75)', 'year').entries.map((e) => e[2]),
      [4.5 + (24 - 4.5) * 0.75, 24 + (48 - 24) * 0.25, 12, 1 + (6.25 - 1) * 0.75],
    );
    assert.deepEqual(
      series('median(score)', 'quarter').entries.map((e) => e[2]),
      [8, 8, 7, 10, 4.5],
    );
  });
  test('count_distinct per period', () => {
    assert.deepEqual(
      series('count_distinct(agent)', 'year').entries.map((e) => e[2]),
      [2, 3, 1, 2],
    );
  });
});
