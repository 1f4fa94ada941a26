/**
 * What differs between SQL engines, behind one small interface: a new dialect is one file
 * in `dialects/` and a line in `dialects/index.ts`. The compiler (compileKpis.ts) writes
 * everything else the same way for every engine.
 *
 * Conventions every method keeps (they are what makes the numbers those of SPEC 3):
 * - Numbers are binary64: every number the SQL computes is the engine's double type
 *   (DOUBLE, float8, FLOAT64, FLOAT); counts are cast to it, literals are written as it.
 * - Dates and date-times are epoch milliseconds (UTC) as numbers, as in the core: a
 *   comparison of dates, `days_between` and periods all work on them.
 * - Text compares by Unicode code point (SPEC 8.4).
 */
import type { ColumnType, Grain, SourceFormat } from '../model/kpiFile';

export type DialectName = 'duckdb' | 'postgres' | 'bigquery' | 'snowflake';

export type ArithmeticOperator = '+' | '-' | '*' | '/';

/** A column of a data file as the dialect reads it. */
export interface FileColumn {
  name: string;
  type: ColumnType;
}

/** A data file that a dialect can read itself (DuckDB's read_csv / read_json). */
export interface DataFile {
  absPath: string;
  format: SourceFormat;
  /** csv only: one character. */
  delimiter: string;
  /** Every column of the file, in file order. */
  columns: readonly FileColumn[];
  /** csv only: blank lines before the header, which the core skips. */
  skipLines: number;
}

export interface SqlDialect {
  name: DialectName;
  /** A quoted identifier: any column name, spaces and quotes included. */
  ident(name: string): string;
  /** A string literal. */
  string(value: string): string;
  /** A binary64 literal of the engine's double type (finite, infinite or -0 alike). */
  number(value: number): string;
  /** The engine's double type, for casts. */
  doubleType: string;
  booleanType: string;
  textType: string;
  /** A text expression as compared by Unicode code point (with `=`, `<`, `IN`, …). */
  byCodePoint(text: string): string;
  /**
   * A double as the core holds it: NaN, which the core cannot hold apart from null, as NULL
   * (a native DOUBLE or numeric column may hold NaN; the engines order and compare it as a value).
   */
  notNaN(x: string): string;
  /**
   * The continuous percentile (linear interpolation between the closest ranks, SPEC 3) of
   * the non-null values of `x`, q in 0..1, as an aggregate; undefined when the engine has
   * none (then `percentileWindow` gives it).
   */
  percentileAggregate?(x: string, q: number): string;
  /** The same as a window over `partition` (a column, or undefined for all rows). */
  percentileWindow?(x: string, q: number, partition: string | undefined): string;
  /** The DATE that is `days` (an integer-valued expression) days after 1970-01-01. */
  dateFromDays(days: string): string;
  /** The first day of the month, quarter or year of a DATE. */
  truncDate(date: string, grain: 'month' | 'quarter' | 'year'): string;
  /** The label text of the period starting on `start` (a DATE): `2025-W10`, `2025-Q1`, … */
  periodLabel(start: string, grain: Grain): string;
  /** A DATE as `YYYY-MM-DD` text. */
  dateText(date: string): string;
  /**
   * Epoch milliseconds (UTC, a double) of a text holding a SPEC 2 date or date-time
   * (`YYYY-MM-DD[Tt ]hh:mm[:ss[.fraction]][Zz|±hh:mm]`, fractions truncated to ms); NULL
   * for NULL. The text is known to be one: the core inferred or checked the column.
   */
  epochMsOfText?(text: string): string;
  /** Epoch milliseconds (UTC, a double) of a native DATE, TIMESTAMP or TIMESTAMPTZ column. */
  epochMsOfNative(value: string): string;
  /** A SPEC 2 boolean text (`true` / `false`, any case) as a boolean. */
  booleanOfText(text: string): string;
  /** The table expression that reads a data file, or undefined when the engine cannot read files. */
  readFile?(file: DataFile): string;
}

/** A cast to the dialect's double type. */
export function castDouble(dialect: SqlDialect, sql: string): string {
  return `CAST(${sql} AS ${dialect.doubleType})`;
}

/**
 * `a op b` on doubles. Past ±1.8e308 the engines differ: DuckDB gives ±infinity (the core's
 * null follows), PostgreSQL, BigQuery and Snowflake raise an error (ARCHITECTURE.md).
 */
export function arithmeticSql(op: ArithmeticOperator, a: string, b: string): string {
  return `(${a} ${op} ${b})`;
}

/** A number as the shortest text that reads back as the same binary64 (JavaScript's). */
export function numberText(value: number): string {
  return String(value);
}
