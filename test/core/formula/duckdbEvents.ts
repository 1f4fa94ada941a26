// The DuckDB side of the cross-checks: an in-memory database with test/fixtures/formula/events.csv
// as table t, opened before a test file's tests and closed after them.
import { after, before } from 'node:test';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { fixture } from '../../paths';

export const EVENTS_CSV = fixture('formula', 'events.csv');

/** Registers the hooks; the returned function gives the open connection inside a test. */
export function useEventsTable(): () => DuckDBConnection {
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;
  before(async () => {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
    await connection.run(
      `CREATE TABLE t AS SELECT * FROM read_csv('${EVENTS_CSV.replace(/'/g, "''")}', header = true)`,
    );
  });
  after(() => {
    connection.closeSync();
    instance.closeSync();
  });
  return () => connection;
}

/** A DuckDB value as a number (DOUBLE, BIGINT, DECIMAL), null for NULL. */
export function duckNumber(v: unknown): number | null {
  if (v === null) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return Number(String(v));
}
