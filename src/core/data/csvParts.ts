/**
 * The tables of a csv file's parts (consecutive runs of its records, parsed on threads of
 * their own: csvParallel.ts) joined into the table the whole file gives when parsed in one
 * go. Rows follow part after part. A column's type is what one pass would infer: the type
 * of its first value, or text when a later value fits another type (the three inferred
 * types are disjoint: infer.ts). A text column's codes follow the order its texts first
 * appear in the file.
 *
 * A part that typed a column as numbers, booleans or dates while another part found text
 * cannot be turned into text from its values (`1.50` parsed is 1.5): such parts must be
 * read again with that column as text, and are named in `readAgain`.
 */
import type { ColumnType } from '../model/kpiFile';
import { BOOL_NULL, type Column, type Table } from './table';
import { dictionaryOf, TextDictionary } from './textDictionary';

export type JoinedParts = { table: Table } | { readAgain: Map<number, Set<string>> };

export function joinCsvParts(parts: readonly Table[]): JoinedParts {
  const names = [...parts[0]!.columns.keys()];
  const readAgain = new Map<number, Set<string>>();
  const types = new Map<string, ColumnType>();
  for (const name of names) {
    const type = joinedType(parts.map((part) => part.columns.get(name)!));
    types.set(name, type);
    parts.forEach((part, index) => {
      const column = part.columns.get(name)!;
      if (hasValues(column) && column.type !== type) {
        const again = readAgain.get(index) ?? new Set<string>();
        again.add(name);
        readAgain.set(index, again);
      }
    });
  }
  if (readAgain.size > 0) return { readAgain };
  const rowCount = parts.reduce((sum, part) => sum + part.rowCount, 0);
  const columns = new Map<string, Column>();
  for (const name of names) {
    columns.set(
      name,
      joinColumn(
        types.get(name)!,
        parts.map((part) => part.columns.get(name)!),
        rowCount,
      ),
    );
  }
  return { table: { rowCount, columns } };
}

/** False only for a column whose every row is null and which has no type of its own (inferred). */
function hasValues(column: Column): boolean {
  return column.type !== 'string' || column.dictionary.length > 0;
}

/** The parts' common type; text when they differ; text when no part has a value (as one pass gives). */
function joinedType(columns: readonly Column[]): ColumnType {
  let type: ColumnType | undefined;
  for (const column of columns) {
    if (!hasValues(column)) continue;
    if (type === undefined) type = column.type;
    else if (column.type !== type) return 'string';
  }
  return type ?? 'string';
}

function joinColumn(type: ColumnType, columns: readonly Column[], rowCount: number): Column {
  if (type === 'string') return joinText(columns, rowCount);
  const first = columns[0]!;
  // The first part's array has room for every row (csvParallel.ts makes it): the others go after its rows.
  const own = first.type === type ? first.values : undefined;
  const values = own
    ? grownView(own, rowCount)
    : type === 'boolean'
      ? new Uint8Array(rowCount)
      : new Float64Array(rowCount);
  let at = own ? own.length : 0;
  for (const column of own ? columns.slice(1) : columns) {
    const rows = column.type === 'string' ? column.codes.length : column.values.length;
    if (column.type === type) values.set(column.values, at);
    else values.fill(type === 'boolean' ? BOOL_NULL : NaN, at, at + rows); // a part of nulls only
    at += rows;
  }
  return type === 'boolean' ? { type, values: values as Uint8Array } : { type, values: values as Float64Array };
}

/** The array's first `rows` elements over its own buffer when that has room for them; else a copy into a new one. */
function grownView<T extends Float64Array | Uint8Array | Int32Array>(array: T, rows: number): T {
  const Kind = array.constructor as new (buffer: ArrayBufferLike, offset: number, length: number) => T;
  if (array.byteOffset + rows * array.BYTES_PER_ELEMENT <= array.buffer.byteLength) {
    return new Kind(array.buffer, array.byteOffset, rows);
  }
  const copy = new Kind(new ArrayBuffer(rows * array.BYTES_PER_ELEMENT), 0, rows);
  copy.set(array);
  return copy;
}

function joinText(columns: readonly Column[], rowCount: number): Column {
  const first = columns[0]!;
  if (first.type !== 'string') throw new Error('a part typed otherwise must be read again as text');
  // The first part's codes stay as they are: the joined dictionary starts with its texts.
  // Looked up by their characters (textDictionary.ts), as the one-pass parse does: a Map of a
  // million distinct ids cost more than parsing them.
  const codes = grownView(first.codes, rowCount);
  let joined = dictionaryOf(first.dictionary); // the first part's own, parsed on this thread
  if (!joined) {
    joined = new TextDictionary();
    for (const text of first.dictionary) joined.codeOfOwn(text);
  }
  let at = first.codes.length;
  for (const column of columns.slice(1)) {
    if (column.type !== 'string') throw new Error('a part typed otherwise must be read again as text');
    // This part's code → the joined code (a text seen in an earlier part keeps its code there).
    const recode = new Int32Array(column.dictionary.length);
    for (let code = 0; code < recode.length; code++) recode[code] = joined.codeOfOwn(column.dictionary[code]!);
    const part = column.codes;
    for (let row = 0; row < part.length; row++) {
      const code = part[row]!;
      codes[at + row] = code < 0 ? -1 : recode[code]!;
    }
    at += part.length;
  }
  return { type: 'string', codes, dictionary: joined.values };
}
