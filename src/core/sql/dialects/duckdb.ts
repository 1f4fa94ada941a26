/**
 * DuckDB. Reads data files itself (read_csv / read_json with every column declared, so
 * nothing is auto-detected), compares VARCHAR by UTF-8 bytes (code point order), and writes
 * numbers in exponent form, which DuckDB reads as DOUBLE (`2.675` alone would be a DECIMAL).
 */
import type { Grain } from '../../model/kpiFile';
import type { DataFile, SqlDialect } from '../dialect';
import { epochMsOfTextWith } from './dateText';

function number(value: number): string {
  if (Number.isNaN(value)) return 'CAST(NULL AS DOUBLE)';
  if (!Number.isFinite(value)) return `CAST('${value > 0 ? 'Infinity' : '-Infinity'}' AS DOUBLE)`;
  const text = String(value);
  return text.includes('e') ? text.replace('e+', 'e') : `${text}e0`;
}

const string = (value: string): string => `'${value.replace(/'/g, "''")}'`;

const LABEL_FORMAT: Record<Exclude<Grain, 'quarter'>, string> = {
  day: '%Y-%m-%d',
  week: '%G-W%V',
  month: '%Y-%m',
  year: '%Y',
};

/** The DuckDB type a file column is read as: text where SPEC 2 parsing is ours to do. */
function readType(file: DataFile, type: string): string {
  if (file.format === 'csv') return 'VARCHAR';
  if (type === 'number') return 'DOUBLE';
  if (type === 'boolean') return 'BOOLEAN';
  return 'VARCHAR';
}

export const duckdb: SqlDialect = {
  name: 'duckdb',
  ident: (name) => `"${name.replace(/"/g, '""')}"`,
  string,
  number,
  doubleType: 'DOUBLE',
  booleanType: 'BOOLEAN',
  textType: 'VARCHAR',
  byCodePoint: (text) => text,
  notNaN: (x) => `NULLIF(${x}, CAST('NaN' AS DOUBLE))`,
  percentileAggregate: (x, q) => `QUANTILE_CONT(${x}, ${number(q)})`,
  dateFromDays: (days) => `(DATE '1970-01-01' + CAST(${days} AS INTEGER))`,
  truncDate: (date, grain) => `CAST(DATE_TRUNC('${grain}', ${date}) AS DATE)`,
  periodLabel: (start, grain) =>
    grain === 'quarter'
      ? `(STRFTIME(${start}, '%Y') || '-Q' || CAST(QUARTER(${start}) AS VARCHAR))`
      : `STRFTIME(${start}, '${LABEL_FORMAT[grain]}')`,
  dateText: (date) => `STRFTIME(${date}, '%Y-%m-%d')`,
  epochMsOfText: (text) =>
    epochMsOfTextWith(text, {
      days: (s) => `CAST(DATE_DIFF('day', DATE '1970-01-01', CAST(LEFT(${s}, 10) AS DATE)) AS DOUBLE)`,
      fraction: (s) => `REGEXP_EXTRACT(${s}, '[.]([0-9]+)', 1)`,
      hasOffset: (s) => `REGEXP_MATCHES(${s}, '[+-][0-9][0-9]:[0-9][0-9]$')`,
      int: (s) => `CAST(${s} AS INTEGER)`,
      number,
    }),
  // EPOCH_US takes DATE, TIMESTAMP and TIMESTAMPTZ as they are (a cast would apply the session's zone).
  epochMsOfNative: (value) => `FLOOR(EPOCH_US(${value}) / 1000e0)`,
  booleanOfText: (text) => `CASE LOWER(${text}) WHEN 'true' THEN TRUE WHEN 'false' THEN FALSE END`,
  readFile: (file) => {
    const columns = file.columns.map((c) => `${string(c.name)}: '${readType(file, c.type)}'`).join(', ');
    const path = string(file.absPath);
    if (file.format === 'csv') {
      const delim = string(file.delimiter);
      const skip = file.skipLines > 0 ? `, skip = ${file.skipLines}` : '';
      return `READ_CSV(${path}, header = true, auto_detect = false, delim = ${delim}, quote = '"', escape = '"'${skip}, columns = {${columns}})`;
    }
    const format = file.format === 'json' ? "'array'" : "'newline_delimited'";
    // Objects without keys (`[]`, `[{}]`) still have rows to count: a column no object has keeps them.
    const declared = columns || `'kpi_lens: no column': 'VARCHAR'`;
    return `READ_JSON(${path}, format = ${format}, columns = {${declared}})`;
  },
};
