/**
 * Typed columns from the cell offsets the csv scan recorded. Each cell is the pair
 * (start, end) at offsets[2 * (row * ncols + col)]: start === end is an empty cell (null);
 * a negative end (~end) marks a quoted cell holding doubled quotes, to be unescaped.
 */
import type { ColumnType } from '../model/kpiFile';
import { parseDateAt } from './dates';
import { booleanAt, isNumberAt, parseNumberAt, typeOf } from './infer';
import { expected, fail, showValue, type LoadResult } from './result';
import { BOOL_NULL, type Column, type StringColumn, type Table } from './table';

export interface ScannedCsv {
  text: string;
  file: string | undefined;
  names: string[];
  /** Declared type per column, or undefined to use the inferred one. */
  types: (ColumnType | undefined)[];
  /** Candidate types per column (infer.ts) from the scan. */
  may: Int32Array;
  offsets: Int32Array;
  rowCount: number;
}

/** The first bad cell of a column: its row (0-based). */
interface Bad {
  row: number;
}

export function buildColumns(scan: ScannedCsv): LoadResult {
  const { names, rowCount } = scan;
  const columns = new Map<string, Column>();
  // The earliest bad cell over all columns: rows after it need not be checked.
  let first: { row: number; col: number } | undefined;
  for (let col = 0; col < names.length; col++) {
    const declared = scan.types[col];
    const limit = first ? first.row : rowCount;
    const type = declared ?? typeOf(scan.may[col]!);
    const bad: Bad = { row: -1 };
    let column = convert(scan, col, type, declared !== undefined, limit, bad);
    if (bad.row >= 0) {
      if (declared) {
        first = { row: bad.row, col };
        continue;
      }
      // An inferred date column with an impossible date (2025-02-30) is a string column.
      column = convert(scan, col, 'string', false, limit, bad);
    }
    columns.set(names[col]!, column);
  }
  if (first) {
    const { row, col } = first;
    const k = 2 * (row * names.length + col);
    const value = cellText(scan.text, scan.offsets[k]!, scan.offsets[k + 1]!);
    return fail(
      scan.file,
      { unit: 'row', record: row + 1, column: names[col]!, line: lineAt(scan.text, scan.offsets[k]!) },
      `${showValue(value)} is not ${expected(scan.types[col]!)}`,
    );
  }
  const table: Table = { rowCount, columns };
  return { ok: true, table };
}

/**
 * One column as `type`. With `strict` (a declared type) or for dates, a cell that does
 * not fit sets bad.row and stops the conversion; the column returned is then unusable.
 */
function convert(scan: ScannedCsv, col: number, type: ColumnType, strict: boolean, limit: number, bad: Bad): Column {
  const { text, offsets, rowCount } = scan;
  const stride = scan.names.length * 2;
  let k = col * 2;
  switch (type) {
    case 'number': {
      const values = new Float64Array(rowCount);
      for (let row = 0; row < limit; row++, k += stride) {
        const start = offsets[k]!;
        const end = offsets[k + 1]!;
        if (start === end) values[row] = NaN;
        else if (end < 0 || (strict && !isNumberAt(text, start, end))) {
          bad.row = row;
          break;
        } else values[row] = parseNumberAt(text, start, end);
      }
      return { type, values };
    }
    case 'boolean': {
      const values = new Uint8Array(rowCount);
      for (let row = 0; row < limit; row++, k += stride) {
        const start = offsets[k]!;
        const end = offsets[k + 1]!;
        const b = start === end ? BOOL_NULL : end < 0 ? -1 : booleanAt(text, start, end);
        if (b < 0) {
          bad.row = row;
          break;
        }
        values[row] = b;
      }
      return { type, values };
    }
    case 'date': {
      const values = new Float64Array(rowCount);
      for (let row = 0; row < limit; row++, k += stride) {
        const start = offsets[k]!;
        const end = offsets[k + 1]!;
        if (start === end) {
          values[row] = NaN;
          continue;
        }
        const ms = end < 0 ? NaN : parseDateAt(text, start, end);
        if (Number.isNaN(ms)) {
          bad.row = row;
          break;
        }
        values[row] = ms;
      }
      return { type, values };
    }
    case 'string':
      return strings(text, offsets, k, stride, limit);
  }
}

/** Cells longer than this are not looked up by their characters (they are rarely repeated). */
const SHORT_CELL = 24;

/**
 * A string column, dictionary-encoded. A short cell is looked up in a hash of its characters
 * before any string is made, so a value repeated a million times (`chat`) is sliced once.
 */
function strings(text: string, offsets: Int32Array, k: number, stride: number, rowCount: number): StringColumn {
  const codes = new Int32Array(rowCount).fill(-1);
  const dictionary: string[] = [];
  // Short cells: hash of the characters → codes with that hash (collisions compared by text).
  const byHash = new Map<number, number[]>();
  // Long or escaped cells: by their text.
  const byText = new Map<string, number>();
  const add = (value: string): number => {
    dictionary.push(value);
    return dictionary.length - 1;
  };
  for (let row = 0; row < rowCount; row++, k += stride) {
    const start = offsets[k]!;
    const end = offsets[k + 1]!;
    const length = end - start;
    if (length === 0) continue;
    if (end < 0 || length > SHORT_CELL) {
      const value = cellText(text, start, end);
      let code = byText.get(value);
      if (code === undefined) byText.set(value, (code = add(value)));
      codes[row] = code;
      continue;
    }
    let hash = length;
    for (let i = start; i < end; i++) hash = (hash * 31 + text.charCodeAt(i)) | 0;
    const candidates = byHash.get(hash);
    let code = -1;
    if (candidates) {
      for (const candidate of candidates) {
        const known = dictionary[candidate]!;
        if (known.length === length && text.startsWith(known, start)) {
          code = candidate;
          break;
        }
      }
    }
    if (code < 0) {
      const value = text.slice(start, end);
      // A short text may already be known as a long one's twin only through byText: keep one code per text.
      code = byText.get(value) ?? add(value);
      byText.set(value, code);
      if (candidates) candidates.push(code);
      else byHash.set(hash, [code]);
    }
    codes[row] = code;
  }
  return { type: 'string', codes, dictionary };
}

/** The text of a non-empty cell, unescaping doubled quotes where the scan marked them. */
function cellText(text: string, start: number, end: number): string {
  return end < 0 ? text.slice(start, ~end).replace(/""/g, '"') : text.slice(start, end);
}

/** 1-based line of a text offset (a line ends at LF, CRLF or a lone CR). */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line++;
  }
  return line;
}
