/**
 * Typed columns built chunk by chunk from the cell offsets the csv scan records
 * (csvScan.ts), so only one chunk of offsets is held at a time. Each chunk's values go
 * straight into the column's array at their rows: the result does not depend on the chunk
 * size. Arrays are made for the rows the file is expected to hold (from the first chunk's
 * bytes per row) and grown when it holds more; pages past the last row are never written,
 * so they take no memory.
 *
 * An inferred column takes the type its values fit so far (infer.ts). A column that turns
 * out to be text after rows were typed as numbers, booleans or dates (a `n/a` after a
 * million numbers; an impossible date such as 2025-02-30) is typed as text from that chunk
 * on, and its earlier rows are read again as text at the end (readAgain), since a parsed
 * number no longer says how it was written.
 */
import type { ColumnType } from '../model/kpiFile';
import { parseDateAt } from './dates';
import { booleanAt, MAY_ANY, numberAt, typeOf } from './infer';
import { lineAt } from './csvScan';
import { expected, fail, showValue, type LoadResult } from './result';
import { BOOL_NULL, type Column } from './table';
import { TextDictionary } from './textDictionary';

type Values = Float64Array | Uint8Array | Int32Array;

interface Builder {
  /** Declared type, or undefined to infer. */
  declared: ColumnType | undefined;
  /** Type of the rows held; undefined while every value so far is null. */
  type: ColumnType | undefined;
  /** First row typed as `type`; rows before are null, or (with `again`) read again as text. */
  start: number;
  /** The values (codes for text) by row; undefined until the type is known. */
  values: Values | undefined;
  dictionary: TextDictionary | undefined;
  /** Texts of the rows before `start` read again, when the column became text late. */
  again: TextDictionary | undefined;
}

/** The first bad cell of a declared column: its row (0-based), column, text and line. */
interface Bad {
  row: number;
  col: number;
  value: string;
  line: number;
}

export class CsvColumns {
  private readonly builders: Builder[];
  private bad: Bad | undefined;
  /** Rows the arrays have room for. */
  private capacity = 0;

  constructor(
    private readonly names: readonly string[],
    declared: readonly (ColumnType | undefined)[],
    /** Arrays in shared memory, so that other threads can read the table without a copy (csvParallel.ts). */
    private readonly shared = false,
  ) {
    this.builders = declared.map((type) => ({
      declared: type,
      type,
      start: 0,
      values: undefined,
      dictionary: undefined,
      again: undefined,
    }));
  }

  /**
   * Types the `rows` records of one chunk, the first of them being data row `first`.
   * `expectedRows`: how many rows the whole file is likely to hold (room is made for them);
   * `lineBase`: line breaks before this text (for messages).
   */
  add(
    text: string,
    offsets: Int32Array,
    rows: number,
    first: number,
    may: Int32Array,
    expectedRows: number,
    lineBase: number,
  ): void {
    if (this.bad) return; // the load fails: later rows need no values
    if (first + rows > this.capacity) {
      this.grow(Math.max(first + rows, expectedRows, Math.ceil(this.capacity * 1.5)), first);
    }
    const stride = this.names.length * 2;
    for (let col = 0; col < this.builders.length; col++) {
      const b = this.builders[col]!;
      const k = col * 2;
      if (b.declared) {
        // The error names the earliest bad row (then the leftmost column): look no further.
        const limit = this.bad ? this.bad.row - first : rows;
        const row = typeChunk(this.typed(b), text, offsets, k, stride, first, limit);
        if (row >= 0) {
          const start = offsets[k + row * stride]!;
          const end = offsets[k + row * stride + 1]!;
          const line = lineBase + lineAt(text, start);
          this.bad = { row: first + row, col, value: cellText(text, start, end), line };
        }
        continue;
      }
      if (this.bad) continue;
      const had = b.type !== undefined;
      if (!had) {
        const m = may[col]!;
        if (m === MAY_ANY) {
          b.start = first + rows; // nothing but nulls so far
          continue;
        }
        b.type = typeOf(m); // the type of the column's first value
      }
      if (typeChunk(this.typed(b), text, offsets, k, stride, first, rows) >= 0) {
        // A value that does not fit (`n/a` among numbers, an impossible date): the column is text.
        this.toText(b, first, had);
        typeChunk(this.typed(b), text, offsets, k, stride, first, rows);
      }
    }
  }

  /** The rows before this one must be read again (as text) for some column; 0 when none. */
  readAgainUntil(): number {
    let until = 0;
    for (const b of this.builders) if (b.again && b.start > until) until = b.start;
    return until;
  }

  /** Reads one chunk again: the text codes of the columns that need its rows. */
  readAgain(text: string, offsets: Int32Array, rows: number, first: number): void {
    const stride = this.names.length * 2;
    this.builders.forEach((b, col) => {
      if (!b.again || first >= b.start) return;
      const n = Math.min(rows, b.start - first);
      textCodes(b.again, b.values as Int32Array, text, offsets, col * 2, stride, first, n);
    });
  }

  /** The table, or the first bad cell of a declared column as an error. */
  finish(file: string | undefined, rowCount: number): LoadResult {
    if (this.bad) {
      const { row, col, value, line } = this.bad;
      return fail(
        file,
        { unit: 'row', record: row + 1, column: this.names[col]!, line },
        `${showValue(value)} is not ${expected(this.builders[col]!.declared!)}`,
      );
    }
    const columns = new Map<string, Column>();
    this.builders.forEach((b, col) => columns.set(this.names[col]!, assemble(b, rowCount)));
    return { ok: true, table: { rowCount, columns } };
  }

  /** The builder with an array for its type (rows before its start null). */
  private typed(b: Builder): Builder {
    if (!b.values) {
      b.values = arrayFor(b.type!, this.capacity, this.shared);
      nulls(b, 0, b.start);
      if (b.type === 'string') b.dictionary = new TextDictionary();
    }
    return b;
  }

  /** An inferred column becomes text from row `first` on; with `again`, rows before it are read again. */
  private toText(b: Builder, first: number, again: boolean): void {
    b.type = 'string';
    b.start = first;
    b.values = undefined;
    b.again = again ? new TextDictionary() : undefined;
  }

  /** Room for `capacity` rows, the first `filled` of them copied. */
  private grow(capacity: number, filled: number): void {
    for (const b of this.builders) {
      if (!b.values) continue;
      const grown = arrayFor(b.type!, capacity, this.shared);
      grown.set(b.values.subarray(0, filled));
      b.values = grown;
    }
    this.capacity = capacity;
  }
}

function arrayFor(type: ColumnType, rows: number, shared = false): Values {
  switch (type) {
    case 'number':
    case 'date':
      return shared ? new Float64Array(new SharedArrayBuffer(rows * 8)) : new Float64Array(rows);
    case 'boolean':
      return shared ? new Uint8Array(new SharedArrayBuffer(rows)) : new Uint8Array(rows);
    case 'string':
      return shared ? new Int32Array(new SharedArrayBuffer(rows * 4)) : new Int32Array(rows);
  }
}

/** Rows [from, to) of a column set to null. */
function nulls(b: Builder, from: number, to: number): void {
  if (from >= to) return;
  const values = b.values!;
  if (values instanceof Float64Array) values.fill(NaN, from, to);
  else if (values instanceof Uint8Array) values.fill(BOOL_NULL, from, to);
  else values.fill(-1, from, to);
}

/**
 * Types one chunk of a column as b.type into rows first.. of its array. A cell that does not
 * fit stops it: its row in the chunk is returned (the rows written are then of no use); else -1.
 */
function typeChunk(
  b: Builder,
  text: string,
  offsets: Int32Array,
  k: number,
  stride: number,
  first: number,
  rows: number,
): number {
  switch (b.type!) {
    case 'number': {
      const values = b.values as Float64Array;
      for (let row = 0; row < rows; row++, k += stride) {
        const start = offsets[k]!;
        const end = offsets[k + 1]!;
        if (start === end) {
          values[first + row] = NaN;
          continue;
        }
        const v = end < 0 ? NaN : numberAt(text, start, end);
        if (v !== v) return row;
        values[first + row] = v;
      }
      return -1;
    }
    case 'boolean': {
      const values = b.values as Uint8Array;
      for (let row = 0; row < rows; row++, k += stride) {
        const start = offsets[k]!;
        const end = offsets[k + 1]!;
        const v = start === end ? BOOL_NULL : end < 0 ? -1 : booleanAt(text, start, end);
        if (v < 0) return row;
        values[first + row] = v;
      }
      return -1;
    }
    case 'date': {
      const values = b.values as Float64Array;
      for (let row = 0; row < rows; row++, k += stride) {
        const start = offsets[k]!;
        const end = offsets[k + 1]!;
        if (start === end) {
          values[first + row] = NaN;
          continue;
        }
        const ms = end < 0 ? NaN : parseDateAt(text, start, end);
        if (Number.isNaN(ms)) return row;
        values[first + row] = ms;
      }
      return -1;
    }
    case 'string':
      textCodes(b.dictionary!, b.values as Int32Array, text, offsets, k, stride, first, rows);
      return -1;
  }
}

/** Dictionary codes of a column's cells in one chunk (-1 for an empty cell), into codes[first..]. */
function textCodes(
  dictionary: TextDictionary,
  codes: Int32Array,
  text: string,
  offsets: Int32Array,
  k: number,
  stride: number,
  first: number,
  rows: number,
): void {
  for (let row = 0; row < rows; row++, k += stride) {
    const start = offsets[k]!;
    const end = offsets[k + 1]!;
    if (start === end) codes[first + row] = -1;
    else if (end < 0) codes[first + row] = dictionary.codeOf(cellText(text, start, end));
    else codes[first + row] = dictionary.codeAt(text, start, end);
  }
}

/** One column of exactly rowCount rows (a view: the unwritten room past them is never touched). */
function assemble(b: Builder, rowCount: number): Column {
  if (!b.values) {
    // No row typed: a declared column of an empty file, or an inferred one of nulls only (text).
    b.type ??= 'string';
    b.values = arrayFor(b.type, rowCount);
    b.dictionary = new TextDictionary();
    nulls(b, 0, rowCount);
  }
  const type = b.type!;
  if (type !== 'string') {
    const values = b.values.subarray(0, rowCount);
    return type === 'boolean' ? { type, values: values as Uint8Array } : { type, values: values as Float64Array };
  }
  const codes = (b.values as Int32Array).subarray(0, rowCount);
  const later = b.dictionary!.values;
  if (!b.again) return { type, codes, dictionary: later };
  // The rows read again keep their codes; a later text gets the code it has among them, or
  // the next one: codes follow the order texts first appear in, as if text from the start.
  const dictionary = b.again;
  const recode = new Int32Array(later.length);
  for (let code = 0; code < later.length; code++) recode[code] = dictionary.codeOf(later[code]!);
  for (let row = b.start; row < rowCount; row++) {
    const code = codes[row]!;
    if (code >= 0) codes[row] = recode[code]!;
  }
  return { type, codes, dictionary: dictionary.values };
}

/** The text of a non-empty cell, unescaping doubled quotes where the scan marked them. */
function cellText(text: string, start: number, end: number): string {
  return end < 0 ? text.slice(start, ~end).replace(/""/g, '"') : text.slice(start, end);
}
