/**
 * JSON (an array of objects) and JSON Lines (one object per line). Values keep their
 * JSON types; null and a missing key are null; every key found in any object is a column
 * (a key whose values are all null is a string column); a string column whose non-null
 * values are all dates or date-times is a date column. Nested values (objects, arrays)
 * and a column mixing JSON types are errors, with the record number (array index + 1 for
 * json, the line number for jsonl).
 *
 * Under a declared type (`columns:`), choices where the SPEC is silent: `number` also
 * takes strings shaped like numbers (SPEC's csv rule), `boolean` also takes the strings
 * true/false in any case, `date` takes date strings, and `string` also takes numbers and
 * booleans (written as JSON writes them). Anything else is an error naming the record.
 */
import type { ColumnType } from '../model/kpiFile';
import { parseDateAt } from './dates';
import { convertText } from './infer';
import { expected, fail, missingColumns, showValue, type LoadResult, type ParseOptions } from './result';
import { BOOL_FALSE, BOOL_NULL, BOOL_TRUE, StringColumnBuilder, type Column, type StringColumn } from './table';

export function parseJson(text: string, options: ParseOptions): LoadResult {
  const file = options.fileName;
  const body = stripBom(text);
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (e) {
    return fail(file, {}, `not valid JSON: ${describeJsonError(body, e)}`);
  }
  if (!Array.isArray(data)) {
    return fail(file, {}, `a json source must be an array of objects, but this file holds ${kindOf(data)}`);
  }
  const builder = new JsonColumns(file, 'record', options.columns);
  for (let i = 0; i < data.length; i++) {
    const item: unknown = data[i];
    if (!isRecord(item)) return fail(file, { record: i + 1 }, `expected an object, found ${kindOf(item)}`);
    const error = builder.add(item, i + 1);
    if (error) return error;
  }
  return builder.finish();
}

export function parseJsonl(text: string, options: ParseOptions): LoadResult {
  const file = options.fileName;
  const body = stripBom(text);
  const builder = new JsonColumns(file, 'line', options.columns);
  let line = 0;
  for (let pos = 0; pos < body.length;) {
    line++;
    let end = body.indexOf('\n', pos);
    if (end < 0) end = body.length;
    const source = body.slice(pos, end);
    pos = end + 1;
    if (source.trim() === '') continue;
    let item: unknown;
    try {
      item = JSON.parse(source);
    } catch (e) {
      return fail(file, { unit: 'line', record: line, line }, `not valid JSON: ${describeJsonError(source, e)}`);
    }
    if (!isRecord(item))
      return fail(file, { unit: 'line', record: line, line }, `expected an object, found ${kindOf(item)}`);
    const error = builder.add(item, line);
    if (error) return error;
  }
  return builder.finish();
}

type Scalar = number | string | boolean;
type JsonKind = 'number' | 'string' | 'boolean';

interface JsonColumn {
  name: string;
  /** The JSON type of the first non-null value (inferred columns only). */
  kind: JsonKind | undefined;
  rows: number[];
  values: Scalar[];
}

/** Collects the non-null values of each column, in order of first appearance. */
class JsonColumns {
  private readonly columns = new Map<string, JsonColumn>();
  /** Record number of each row, for messages. */
  private readonly records: number[] = [];

  constructor(
    private readonly file: string | undefined,
    private readonly unit: 'record' | 'line',
    private readonly declared: ReadonlyMap<string, ColumnType> | undefined,
  ) {}

  add(item: Record<string, unknown>, record: number): LoadResult | undefined {
    const row = this.records.length;
    this.records.push(record);
    for (const name of Object.keys(item)) {
      const value = item[name];
      // A key is a column from its first appearance, null or not: a key whose values are
      // all null is a string column (SPEC 8.6), as an empty csv column is.
      let column = this.columns.get(name);
      if (!column) {
        column = { name, kind: undefined, rows: [], values: [] };
        this.columns.set(name, column);
      }
      if (value === null || value === undefined) continue;
      if (typeof value === 'object') {
        return this.fail(
          record,
          name,
          `holds ${Array.isArray(value) ? 'an array' : 'an object'}; only numbers, strings, booleans and null can be read`,
        );
      }
      if (typeof value !== 'number' && typeof value !== 'string' && typeof value !== 'boolean') {
        return this.fail(record, name, `holds an unsupported value`);
      }
      if (!this.declared?.has(name)) {
        const kind: JsonKind = typeof value === 'number' ? 'number' : typeof value === 'string' ? 'string' : 'boolean';
        if (column.kind === undefined) column.kind = kind;
        else if (column.kind !== kind) {
          return this.fail(
            record,
            name,
            `${JSON.stringify(value)} is ${article(kind)}, but the column's earlier values are ${column.kind}s`,
          );
        }
      }
      column.rows.push(row);
      column.values.push(value);
    }
    return undefined;
  }

  finish(): LoadResult {
    const names = [...this.columns.keys()];
    const missing = missingColumns(this.file, this.declared, names);
    if (missing) return missing;
    const rowCount = this.records.length;
    const table = { rowCount, columns: new Map<string, Column>() };
    let firstBad: { row: number; column: JsonColumn; type: ColumnType; value: Scalar } | undefined;
    for (const column of this.columns.values()) {
      const declared = this.declared?.get(column.name);
      if (declared) {
        const bad = { index: -1 };
        const built = fromDeclared(column, declared, rowCount, bad);
        if (bad.index >= 0) {
          const row = column.rows[bad.index]!;
          if (!firstBad || row < firstBad.row)
            firstBad = { row, column, type: declared, value: column.values[bad.index]! };
        }
        table.columns.set(column.name, built);
      } else {
        table.columns.set(column.name, fromInferred(column, rowCount));
      }
    }
    if (firstBad) {
      const { row, column, type, value } = firstBad;
      const shown = typeof value === 'string' ? showValue(value) : JSON.stringify(value);
      return this.fail(this.records[row]!, column.name, `${shown} is not ${expected(type)}`);
    }
    return { ok: true, table };
  }

  private fail(record: number, column: string, text: string): LoadResult {
    return fail(
      this.file,
      { unit: this.unit, record, column, ...(this.unit === 'line' ? { line: record } : {}) },
      text,
    );
  }
}

function fromInferred(column: JsonColumn, rowCount: number): Column {
  const { rows, values } = column;
  switch (column.kind) {
    case 'number': {
      const out = new Float64Array(rowCount).fill(NaN);
      for (let i = 0; i < rows.length; i++) out[rows[i]!] = values[i] as number;
      return { type: 'number', values: out };
    }
    case 'boolean': {
      const out = new Uint8Array(rowCount).fill(BOOL_NULL);
      for (let i = 0; i < rows.length; i++) out[rows[i]!] = values[i] ? BOOL_TRUE : BOOL_FALSE;
      return { type: 'boolean', values: out };
    }
    case 'string': {
      const dates = new Float64Array(rowCount).fill(NaN);
      let allDates = true;
      for (let i = 0; i < rows.length && allDates; i++) {
        const text = values[i] as string;
        const ms = parseDateAt(text, 0, text.length);
        if (Number.isNaN(ms)) allDates = false;
        else dates[rows[i]!] = ms;
      }
      if (allDates) return { type: 'date', values: dates };
      return stringsOf(column, rowCount);
    }
    case undefined:
      return new StringColumnBuilder(rowCount).build();
  }
}

/** A column under its declared type; bad.index is the index of the first value that does not fit. */
function fromDeclared(column: JsonColumn, type: ColumnType, rowCount: number, bad: { index: number }): Column {
  const { rows, values } = column;
  if (type === 'string') return stringsOf(column, rowCount);
  const out = type === 'boolean' ? new Uint8Array(rowCount).fill(BOOL_NULL) : new Float64Array(rowCount).fill(NaN);
  for (let i = 0; i < rows.length; i++) {
    const value = values[i]!;
    let converted: number | string | undefined;
    if (typeof value === 'string') converted = convertText(value, type);
    else if (type === 'number' && typeof value === 'number') converted = value;
    else if (type === 'boolean' && typeof value === 'boolean') converted = value ? BOOL_TRUE : BOOL_FALSE;
    if (typeof converted !== 'number') {
      bad.index = i;
      break;
    }
    out[rows[i]!] = converted;
  }
  return out instanceof Uint8Array
    ? { type: 'boolean', values: out }
    : { type: type === 'date' ? 'date' : 'number', values: out };
}

function stringsOf(column: JsonColumn, rowCount: number): StringColumn {
  const builder = new StringColumnBuilder(rowCount);
  const { rows, values } = column;
  for (let i = 0; i < rows.length; i++) {
    const value = values[i]!;
    builder.set(rows[i]!, typeof value === 'string' ? value : String(value));
  }
  return builder.build();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return article(typeof value);
}

function article(kind: string): string {
  return kind === 'object' || kind === 'array' ? `an ${kind}` : `a ${kind}`;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** JSON.parse's complaint, with "at position N" turned into a line and column. */
function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // V8 quotes the text after the token (newlines and all) instead of giving a position:
  // keep the token, so that the message stays on one line.
  const quoted = /^(Unexpected token .+?), ".*" is not valid JSON$/s.exec(message);
  if (quoted) return quoted[1]!.replace(/\s+/g, ' ');
  const m = /^(.*?) in JSON at position (\d+)/.exec(message);
  if (!m) return message.replace(/\s+/g, ' ');
  const position = Number(m[2]);
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `${m[1]} at line ${line}, column ${column}`;
}
