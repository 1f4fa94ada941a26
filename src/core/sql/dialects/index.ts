/** Every SQL dialect by name: a new dialect is one file here and one line below. */
import type { DialectName, SqlDialect } from '../dialect';
import { bigquery } from './bigquery';
import { duckdb } from './duckdb';
import { postgres } from './postgres';
import { snowflake } from './snowflake';

export const DIALECTS: { readonly [Name in DialectName]: SqlDialect } = {
  duckdb,
  postgres,
  bigquery,
  snowflake,
};

export const DIALECT_NAMES = Object.keys(DIALECTS) as DialectName[];

export function dialectOf(name: DialectName): SqlDialect {
  return DIALECTS[name];
}

export function isDialectName(name: string): name is DialectName {
  return Object.prototype.hasOwnProperty.call(DIALECTS, name);
}
