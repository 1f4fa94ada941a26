/**
 * BigQuery (GoogleSQL). PERCENTILE_CONT is only a window function there, so percentiles
 * are computed per row over the period's partition and taken by MAX (every row of a
 * partition holds the same value). String literals take backslash escapes; identifiers
 * are back-quoted. FLOAT64 literals have a point or an exponent (`9` alone is INT64).
 */
import type { Grain } from '../../model/kpiFile';
import type { SqlDialect } from '../dialect';
import { epochMsOfTextWith } from './dateText';

function number(value: number): string {
  if (Number.isNaN(value)) return 'CAST(NULL AS FLOAT64)';
  if (!Number.isFinite(value)) return `CAST('${value > 0 ? 'inf' : '-inf'}' AS FLOAT64)`;
  const text = String(value);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', "'": "\\'", '\n': '\\n', '\r': '\\r', '\t': '\\t' };

const LABEL_FORMAT: Record<Grain, string> = {
  day: '%Y-%m-%d',
  week: '%G-W%V',
  month: '%Y-%m',
  quarter: '%Y-Q%Q',
  year: '%Y',
};

export const bigquery: SqlDialect = {
  name: 'bigquery',
  ident: (name) => `\`${name.replace(/[\\`]/g, (c) => `\\${c}`)}\``,
  string: (value) => `'${value.replace(/[\\'\n\r\t]/g, (c) => ESCAPES[c]!)}'`,
  number,
  doubleType: 'FLOAT64',
  booleanType: 'BOOL',
  textType: 'STRING',
  // GoogleSQL orders STRING values by their UTF-8 bytes, which is code point order.
  byCodePoint: (text) => text,
  // NaN = NaN is false in GoogleSQL (true in the other engines), so NULLIF would keep it.
  notNaN: (x) => `IF(IS_NAN(${x}), NULL, ${x})`,
  percentileWindow: (x, q, partition) =>
    `PERCENTILE_CONT(${x}, ${number(q)}) OVER (${partition ? `PARTITION BY ${partition}` : ''})`,
  dateFromDays: (days) => `DATE_FROM_UNIX_DATE(CAST(${days} AS INT64))`,
  truncDate: (date, grain) => `DATE_TRUNC(${date}, ${grain.toUpperCase()})`,
  periodLabel: (start, grain) => `FORMAT_DATE('${LABEL_FORMAT[grain]}', ${start})`,
  dateText: (date) => `FORMAT_DATE('%Y-%m-%d', ${date})`,
  epochMsOfText: (text) =>
    epochMsOfTextWith(text, {
      days: (s) => `CAST(UNIX_DATE(CAST(LEFT(${s}, 10) AS DATE)) AS FLOAT64)`,
      fraction: (s) => `REGEXP_EXTRACT(${s}, '[.]([0-9]+)')`,
      hasOffset: (s) => `REGEXP_CONTAINS(${s}, '[+-][0-9][0-9]:[0-9][0-9]$')`,
      int: (s) => `CAST(${s} AS INT64)`,
      number,
    }),
  epochMsOfNative: (value) => `CAST(UNIX_MILLIS(TIMESTAMP(${value})) AS FLOAT64)`,
  booleanOfText: (text) => `CASE LOWER(${text}) WHEN 'true' THEN TRUE WHEN 'false' THEN FALSE END`,
};
