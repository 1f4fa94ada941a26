/** Every SQL dialect by name: a new dialect is one file here and one line below. */
import type { DialectName, SqlDialect } from '../dialect';
import { duckdb } from './duckdb';

export const DIALECTS: { readonly [Name in DialectName]: SqlDialect } = {
  duckdb,
  postgres: duckdb,
  bigquery: duckdb,
  snowflake: duckdb,
};

export const DIALECT_NAMES = Object.keys(DIALECTS) as DialectName[];

export function dialectOf(name: DialectName): SqlDialect {
  return DIALECTS[name];
}

export function isDialectName(name: string): name is DialectName {
  return Object.prototype.hasOwnProperty.call(DIALECTS, name);
}
