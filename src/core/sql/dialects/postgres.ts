/**
 * PostgreSQL. Reads tables only (the source's name, or what a connection gives). Text
 * compares under COLLATE "C" (code point order in a UTF-8 database, whatever the database's
 * collation); numbers are cast to double precision (`2.675` alone would be numeric); dates
 * are truncated as timestamps without time zone, so the session's zone never matters.
 */
import type { Grain } from '../../model/kpiFile';
import type { SqlDialect } from '../dialect';
import { epochMsOfTextWith } from './dateText';

function number(value: number): string {
  if (Number.isNaN(value)) return 'CAST(NULL AS DOUBLE PRECISION)';
  if (!Number.isFinite(value)) return `CAST('${value > 0 ? 'Infinity' : '-Infinity'}' AS DOUBLE PRECISION)`;
  return `CAST(${String(value)} AS DOUBLE PRECISION)`;
}

const LABEL_FORMAT: Record<Grain, string> = {
  day: 'YYYY-MM-DD',
  week: 'IYYY-"W"IW',
  month: 'YYYY-MM',
  quarter: 'YYYY-"Q"Q',
  year: 'YYYY',
};

const toChar = (date: string, grain: Grain): string => `TO_CHAR(CAST(${date} AS TIMESTAMP), '${LABEL_FORMAT[grain]}')`;

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

export const postgres: SqlDialect = {
  name: 'postgres',
  ident,
  string: (value) => `'${value.replace(/'/g, "''")}'`,
  number,
  doubleType: 'DOUBLE PRECISION',
  booleanType: 'BOOLEAN',
  textType: 'TEXT',
  byCodePoint: (text) => `(${text} COLLATE "C")`,
  notNaN: (x) => `NULLIF(${x}, CAST('NaN' AS DOUBLE PRECISION))`,
  percentileAggregate: (x, q) => `PERCENTILE_CONT(${number(q)}) WITHIN GROUP (ORDER BY ${x})`,
  dateFromDays: (days) => `(DATE '1970-01-01' + CAST(${days} AS INTEGER))`,
  truncDate: (date, grain) => `CAST(DATE_TRUNC('${grain}', CAST(${date} AS TIMESTAMP)) AS DATE)`,
  periodLabel: toChar,
  dateText: (date) => toChar(date, 'day'),
  epochMsOfText: (text) =>
    epochMsOfTextWith(text, {
      days: (s) => `CAST(CAST(LEFT(${s}, 10) AS DATE) - DATE '1970-01-01' AS DOUBLE PRECISION)`,
      fraction: (s) => `SUBSTRING(${s} FROM '[.]([0-9]+)')`,
      hasOffset: (s) => `(${s} ~ '[+-][0-9][0-9]:[0-9][0-9]$')`,
      int: (s) => `CAST(${s} AS INTEGER)`,
      number,
    }),
  epochMsOfNative: (value) => `CAST(FLOOR(EXTRACT(EPOCH FROM ${value}) * 1000) AS DOUBLE PRECISION)`,
  booleanOfText: (text) => `CASE LOWER(${text}) WHEN 'true' THEN TRUE WHEN 'false' THEN FALSE END`,
};
