/**
 * Typed columns built chunk by chunk from the cell offsets the csv scan records
 * (csvScan.ts), so only one chunk of offsets is held at a time. Each column keeps its
 * chunks in row order and joins them once at the end: the result does not depend on the
 * chunk size.
 *
 * An inferred column takes the type its values fit so far (infer.ts). A column that turns
 * out to be text after rows were typed as numbers, booleans or dates (a `n/a` after a
 * million numbers; an impossible date such as 2025-02-30) is typed as text from that chunk
 * on, and its earlier rows are read again as text at the end (readAgain), since a parsed
 * number no longer says how it was written.
 */
import type { ColumnType } from '../model/kpiFile';
import { parseDateAt } from './dates';
import { booleanAt, isNumberAt, MAY_ANY, parseNumberAt, typeOf } from './infer';
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
  /** First row held in `chunks`; rows before are null, or (with `again`) read again as text. */
  start: number;
  chunks: Values[];
  dictionary: TextDictionary | undefined;
  /** The rows before `start` read again as text, when the column became text late. */
  again: { dictionary: TextDictionary; chunks: Int32Array[] } | undefined;
}

/** The first bad cell of a declared column: its row (0-based), column, text and offset. */
interface Bad {
  row: number;
  col: number;
  value: string;
  offset: number;
}

export class CsvColumns {
  private readonly builders: Builder[];
  private bad: Bad | undefined;

  constructor(
    private readonly names: readonly string[],
    declared: readonly (ColumnType | undefined)[],
  ) {
    this.builders = declared.map((type) => ({
      declared: type,
      type,
      start: 0,
      chunks: [],
      dictionary: type === 'string' ? new TextDictionary() : undefined,
      again: undefined,
    }));
  }

  /** Types the `rows` records of one chunk, the first of them being data row `first`. */
  add(text: string, offsets: Int32Array, rows: number, first: number, may: Int32Array): void {
    if (this.bad) return; // the load fails: later rows need no values
    const stride = this.names.length * 2;
    for (let col = 0; col < this.builders.length; col++) {
      const b = this.builders[col]!;
      const k = col * 2;
      if (b.declared) {
        // The error names the earliest bad row (then the leftmost column): look no further.
        const limit = this.bad ? this.bad.row - first : rows;
        const row = typeChunk(b, text, offsets, k, stride, limit, true);
        if (row >= 0) {
          const start = offsets[k + row * stride]!;
          const end = offsets[k + row * stride + 1]!;
          this.bad = { row: first + row, col, value: cellText(text, start, end), offset: start };
        }
        continue;
      }
      if (this.bad) continue;
      const m = may[col]!;
      if (m === MAY_ANY) {
        b.start = first + rows; // nothing but nulls so far
        continue;
      }
      const fits = typeOf(m);
      const had = b.type !== undefined;
      if (!had) {
        b.type = fits;
        if (fits === 'string') b.dictionary = new TextDictionary();
      }
      else if (b.type !== fits) toText(b, first, true);
      if (typeChunk(b, text, offsets, k, stride, rows, false) >= 0) {
        // An impossible date (2025-02-30) in an inferred date column: the column is text.
        toText(b, first, had);
        typeChunk(b, text, offsets, k, stride, rows, false);
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
      b.again.chunks.push(textCodes(b.again.dictionary, text, offsets, col * 2, stride, n));
    });
  }

  /** The table, or the first bad cell of a declared column as an error. */
  finish(text: string, file: string | undefined, rowCount: number): LoadResult {
    if (this.bad) {
      const { row, col, value, offset } = this.bad;
      return fail(
        file,
        { unit: 'row', record: row + 1, column: this.names[col]!, line: lineAt(text, offset) },
        `${showValue(value)} is not ${expected(this.builders[col]!.declared!)}`,
      );
    }
    const columns = new Map<string, Column>();
    this.builders.forEach((b, col) => columns.set(this.names[col]!, assemble(b, rowCount)));
    return { ok: true, table: { rowCount, columns } };
  }
}

/**
 * Types one chunk of a column as b.type and keeps it. With `strict` (a declared type) or for
 * dates, a cell that does not fit stops it: its row in the chunk is returned and nothing is
 * kept; else -1.
 */
function typeChunk(
  b: Builder,
  text: string,
  offsets: Int32Array,
  k: number,
  stride: number,
  rows: number,
  strict: boolean,
): number {
  switch (b.type!) {
    case 'number': {
      const values = new Float64Array(rows);
      for (let row = 0; row < rows; row++, k += stride) {
        const start = offsets[k]!;
        const end = offsets[k + 1]!;
        if (start === end) values[row] = NaN;
        else if (end < 0 || (strict && !isNumberAt(text, start, end))) return row;
        else values[row] = parseNumberAt(text, start, end);
      }
      b.chunks.push(values);
      return -1;
    }
    case 'boolean': {
      const values = new Uint8Array(rows);
      for (let row = 0; row < rows; row++, k += stride) {
        const start = offsets[k]!;
        const end = offsets[k + 1]!;
        const v = start === end ? BOOL_NULL : end < 0 ? -1 : booleanAt(text, start, end);
        if (v < 0) return row;
        values[row] = v;
      }
      b.chunks.push(values);
      return -1;
    }
    case 'date': {
      const values = new Float64Array(rows);
      for (let row = 0; row < rows; row++, k += stride) {
        const start = offsets[k]!;
        const end = offsets[k + 1]!;
        if (start === end) {
          values[row] = NaN;
          continue;
        }
        const ms = end < 0 ? NaN : parseDateAt(text, start, end);
        if (Number.isNaN(ms)) return row;
        values[row] = ms;
      }
      b.chunks.push(values);
      return -1;
    }
    case 'string':
      b.chunks.push(textCodes(b.dictionary!, text, offsets, k, stride, rows));
      return -1;
  }
}

/** An inferred column becomes text from row `first` on; with `again`, rows before it are read again. */
function toText(b: Builder, first: number, again: boolean): void {
  b.type = 'string';
  b.chunks = [];
  b.dictionary = new TextDictionary();
  b.start = first;
  b.again = again ? { dictionary: new TextDictionary(), chunks: [] } : undefined;
}

/** Dictionary codes of a column's cells in one chunk (-1 for an empty cell). */
function textCodes(
  dictionary: TextDictionary,
  text: string,
  offsets: Int32Array,
  k: number,
  stride: number,
  rows: number,
): Int32Array {
  const codes = new Int32Array(rows);
  for (let row = 0; row < rows; row++, k += stride) {
    const start = offsets[k]!;
    const end = offsets[k + 1]!;
    if (start === end) codes[row] = -1;
    else if (end < 0) codes[row] = dictionary.codeOf(cellText(text, start, end));
    else codes[row] = dictionary.codeAt(text, start, end);
  }
  return codes;
}

/** One column from its chunks: rows before b.start are null, or the codes read again. */
function assemble(b: Builder, rowCount: number): Column {
  switch (b.type ?? 'string') {
    case 'number':
    case 'date': {
      const values = joined(new Float64Array(rowCount), b.chunks, b.start);
      values.fill(NaN, 0, b.start);
      return { type: b.type === 'date' ? 'date' : 'number', values };
    }
    case 'boolean': {
      const values = joined(new Uint8Array(rowCount), b.chunks, b.start);
      values.fill(BOOL_NULL, 0, b.start);
      return { type: 'boolean', values };
    }
    case 'string': {
      const codes = joined(new Int32Array(rowCount), b.chunks, b.start);
      if (!b.again) {
        codes.fill(-1, 0, b.start);
        return { type: 'string', codes, dictionary: (b.dictionary ?? new TextDictionary()).values };
      }
      // The rows read again keep their codes; a later text gets the code it has among them,
      // or the next one: codes follow the order texts first appear in, as from the start.
      const { dictionary, chunks } = b.again;
      const later = b.dictionary!.values;
      const recode = new Int32Array(later.length);
      for (let code = 0; code < later.length; code++) recode[code] = dictionary.codeOf(later[code]!);
      for (let row = b.start; row < rowCount; row++) {
        const code = codes[row]!;
        if (code >= 0) codes[row] = recode[code]!;
      }
      joined(codes, chunks, 0);
      return { type: 'string', codes, dictionary: dictionary.values };
    }
  }
}

/** `chunks` copied one after another into `into` from row `at`. */
function joined<T extends Values>(into: T, chunks: readonly Values[], at: number): T {
  for (const chunk of chunks) {
    into.set(chunk, at);
    at += chunk.length;
  }
  return into;
}

/** The text of a non-empty cell, unescaping doubled quotes where the scan marked them. */
function cellText(text: string, start: number, end: number): string {
  return end < 0 ? text.slice(start, ~end).replace(/""/g, '"') : text.slice(start, end);
}
