// The DuckDB side of the cross-checks: an in-memory database with test/fixtures/formula/events.csv
// (or another CSV) as table t, opened before a test file's tests and closed after them; each
// grain's periods in SQL.
import { after, before } from 'node:test';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Grain } from '../../../src/core/model/kpiFile';
import { fixture } from '../../paths';

export const EVENTS_CSV = fixture('formula', 'events.csv');

/** Registers the hooks; the returned function gives the open connection inside a test. */
export function useEventsTable(): () => DuckDBConnection {
  return useCsvTable(EVENTS_CSV);
}

/** As useEventsTable, with another CSV file as table t. */
export function useCsvTable(file: string): () => DuckDBConnection {
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;
  before(async () => {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
    await connection.run(`CREATE TABLE t AS SELECT * FROM read_csv('${file.replace(/'/g, "''")}', header = true)`);
  });
  after(() => {
    connection.closeSync();
    instance.closeSync();
  });
  return () => connection;
}

/**
 * Each grain in DuckDB, for a timestamp column ts: the period's label and start, the start of
 * the period before, and the start of the period a year before (none when it does not exist).
 */
export const DUCK_GRAINS: Record<Grain, { label: string; start: string; previous: string; yearAgo: string }> = {
  day: {
    label: "strftime(ts, '%Y-%m-%d')",
    start: "date_trunc('day', ts)",
    previous: 'start - INTERVAL 1 DAY',
    // 2024-02-29 has no year-ago day: DuckDB would give 2023-02-28, so require the same day of the month.
    yearAgo: 'CASE WHEN day(start - INTERVAL 1 YEAR) = day(start) THEN start - INTERVAL 1 YEAR END',
  },
  week: {
    label: "strftime(ts, '%G-W%V')",
    start: "date_trunc('week', ts)",
    previous: 'start - INTERVAL 7 DAY',
    // The same ISO week number in the ISO year before: 52 or 53 weeks back, if either has it.
    yearAgo: `CASE
      WHEN strftime(start - INTERVAL 364 DAY, '%V') = strftime(start, '%V') THEN start - INTERVAL 364 DAY
      WHEN strftime(start - INTERVAL 371 DAY, '%V') = strftime(start, '%V') THEN start - INTERVAL 371 DAY END`,
  },
  month: {
    label: "strftime(ts, '%Y-%m')",
    start: "date_trunc('month', ts)",
    previous: 'start - INTERVAL 1 MONTH',
    yearAgo: 'start - INTERVAL 1 YEAR',
  },
  quarter: {
    label: "year(ts) || '-Q' || quarter(ts)",
    start: "date_trunc('quarter', ts)",
    previous: 'start - INTERVAL 3 MONTH',
    yearAgo: 'start - INTERVAL 1 YEAR',
  },
  year: {
    label: 'CAST(year(ts) AS VARCHAR)',
    start: "date_trunc('year', ts)",
    previous: 'start - INTERVAL 1 YEAR',
    yearAgo: 'start - INTERVAL 1 YEAR',
  },
};

/** A DuckDB value as a number (DOUBLE, BIGINT, DECIMAL), null for NULL. */
export function duckNumber(v: unknown): number | null {
  if (v === null) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return Number(String(v));
}
