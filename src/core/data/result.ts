/**
 * What parsing a data file gives: a table, or one data error in plain words.
 *
 * Record numbers (`DataError.record`, 1-based) depend on the format:
 * - csv: the data row, counting the first record after the header as row 1. Blank
 *   lines are skipped and not counted; a record whose quoted field spans several
 *   lines counts once. `line` then gives the physical line in the file.
 * - json: the index in the top-level array plus one.
 * - jsonl: the line number in the file (blank lines counted, as an editor shows them).
 */
import type { ColumnType, SourceFormat } from '../model/kpiFile';
import type { Table } from './table';

export interface DataError {
  /** A whole sentence such as `data/survey.csv, row 12, column "score": "abc" is not a number`. */
  message: string;
  /** 1-based record number, as described above. */
  record?: number;
  /** The column concerned, where there is one. */
  column?: string;
  /** 1-based physical line in the file, where known. */
  line?: number;
}

export type LoadResult = { ok: true; table: Table } | { ok: false; error: DataError };

export interface ParseOptions {
  format: SourceFormat;
  /** csv only: one character; default `,` (a tab when fileName ends in `.tsv`). */
  delimiter?: string;
  /** Declared column types (`columns:` in the KPI file); they replace inference. */
  columns?: ReadonlyMap<string, ColumnType>;
  /** The name messages use for the file, e.g. `data/survey.csv`. */
  fileName?: string;
}

/** Where a data error is: the word for the record ("row", "record", "line") and its number. */
export interface ErrorPlace {
  unit?: 'row' | 'record' | 'line';
  record?: number;
  column?: string;
  line?: number;
}

/** A failed LoadResult whose message starts with the file and place: `f.csv, row 3, column "x": …`. */
export function fail(fileName: string | undefined, place: ErrorPlace, text: string): { ok: false; error: DataError } {
  const parts: string[] = [];
  if (fileName) parts.push(fileName);
  if (place.record !== undefined) parts.push(`${place.unit ?? 'record'} ${place.record}`);
  if (place.column !== undefined) parts.push(`column ${JSON.stringify(place.column)}`);
  const error: DataError = { message: parts.length > 0 ? `${parts.join(', ')}: ${text}` : text };
  if (place.record !== undefined) error.record = place.record;
  if (place.column !== undefined) error.column = place.column;
  if (place.line !== undefined) error.line = place.line;
  return { ok: false, error };
}

/** A value as messages show it: JSON-quoted, cut short when long. */
export function showValue(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
}

/** What a declared type accepts, for "… is not a date" messages. */
export function expected(type: ColumnType): string {
  switch (type) {
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean (true or false)';
    case 'date':
      return 'a date (YYYY-MM-DD) or date-time (YYYY-MM-DD hh:mm[:ss][Z|±hh:mm])';
    case 'string':
      return 'a string';
  }
}

/** Declared columns the data does not have, as an error that lists the columns it has. */
export function missingColumns(
  fileName: string | undefined,
  declared: ReadonlyMap<string, ColumnType> | undefined,
  names: readonly string[],
): { ok: false; error: DataError } | undefined {
  if (!declared || declared.size === 0) return undefined;
  const have = new Set(names);
  const missing = [...declared.keys()].filter((name) => !have.has(name));
  if (missing.length === 0) return undefined;
  const list = missing.map((name) => JSON.stringify(name)).join(', ');
  const columns = names.length > 0 ? names.map((name) => JSON.stringify(name)).join(', ') : 'none';
  const which = missing.length === 1 ? 'no such column' : 'no such columns';
  const message = `columns: declares ${list}, but the data has ${which} (its columns: ${columns})`;
  const result = fail(fileName, {}, message);
  result.error.column = missing[0]!;
  return result;
}
