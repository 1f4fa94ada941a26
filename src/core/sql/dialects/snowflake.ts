/**
 * Snowflake. Decimal literals are NUMBER there (fixed point), so every number is cast to
 * FLOAT (binary64); text compares under COLLATE 'utf8' (UTF-8 bytes: code point order),
 * whatever collation a column was given; ISO weeks come from YEAROFWEEKISO / WEEKISO,
 * which do not depend on the WEEK_START parameter. String literals take backslash escapes.
 */
import type { Grain } from '../../model/kpiFile';
import type { SqlDialect } from '../dialect';
import { epochMsOfTextWith } from './dateText';

function number(value: number): string {
  if (Number.isNaN(value)) return 'CAST(NULL AS FLOAT)';
  if (!Number.isFinite(value)) return `CAST('${value > 0 ? 'inf' : '-inf'}' AS FLOAT)`;
  return `CAST(${String(value)} AS FLOAT)`;
}

const LABEL_FORMAT: Record<Exclude<Grain, 'week' | 'quarter'>, string> = {
  day: 'YYYY-MM-DD',
  month: 'YYYY-MM',
  year: 'YYYY',
};

function periodLabel(start: string, grain: Grain): string {
  if (grain === 'week')
    return `(TO_VARCHAR(YEAROFWEEKISO(${start})) || '-W' || LPAD(TO_VARCHAR(WEEKISO(${start})), 2, '0'))`;
  if (grain === 'quarter') return `(TO_VARCHAR(${start}, 'YYYY') || '-Q' || TO_VARCHAR(QUARTER(${start})))`;
  return `TO_VARCHAR(${start}, '${LABEL_FORMAT[grain]}')`;
}

export const snowflake: SqlDialect = {
  name: 'snowflake',
  ident: (name) => `"${name.replace(/"/g, '""')}"`,
  string: (value) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`,
  number,
  doubleType: 'FLOAT',
  booleanType: 'BOOLEAN',
  textType: 'VARCHAR',
  byCodePoint: (text) => `COLLATE(${text}, 'utf8')`,
  notNaN: (x) => `NULLIF(${x}, CAST('NaN' AS FLOAT))`,
  percentileAggregate: (x, q) => `PERCENTILE_CONT(${number(q)}) WITHIN GROUP (ORDER BY ${x})`,
  dateFromDays: (days) => `DATEADD(day, CAST(${days} AS INTEGER), DATE '1970-01-01')`,
  truncDate: (date, grain) => `DATE_TRUNC('${grain}', ${date})`,
  periodLabel,
  dateText: (date) => periodLabel(date, 'day'),
  epochMsOfText: (text) =>
    epochMsOfTextWith(text, {
      days: (s) => `CAST(DATEDIFF(day, DATE '1970-01-01', TO_DATE(LEFT(${s}, 10))) AS FLOAT)`,
      fraction: (s) => `REGEXP_SUBSTR(${s}, '[.]([0-9]+)', 1, 1, 'e', 1)`,
      hasOffset: (s) => `REGEXP_LIKE(${s}, '.*[+-][0-9][0-9]:[0-9][0-9]')`,
      int: (s) => `CAST(${s} AS INTEGER)`,
      number,
    }),
  epochMsOfNative: (value) => `CAST(DATE_PART(epoch_millisecond, ${value}) AS FLOAT)`,
  booleanOfText: (text) => `CASE LOWER(${text}) WHEN 'true' THEN TRUE WHEN 'false' THEN FALSE END`,
};
