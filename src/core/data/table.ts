import type { ColumnType } from '../model/kpiFile';

/** Numbers; NaN marks null (no data value is ever NaN). */
export interface NumberColumn {
  type: 'number';
  values: Float64Array;
}

/** Dates and date-times as epoch milliseconds, UTC; NaN marks null. */
export interface DateColumn {
  type: 'date';
  values: Float64Array;
}

export const BOOL_FALSE = 0;
export const BOOL_TRUE = 1;
export const BOOL_NULL = 2;

/** Booleans as BOOL_FALSE / BOOL_TRUE / BOOL_NULL. */
export interface BooleanColumn {
  type: 'boolean';
  values: Uint8Array;
}

/**
 * Text, dictionary-encoded: each row holds the index of its value in `dictionary` (-1 for
 * null). Category columns (channel, region) and ids repeat: an Int32Array per column and
 * one string per distinct value cost far less memory than a string per row, and equality,
 * `in` and count_distinct compare integers.
 */
export interface StringColumn {
  type: 'string';
  codes: Int32Array;
  dictionary: readonly string[];
}

/** A string column's value at a row. */
export function stringAt(column: StringColumn, row: number): string | null {
  const code = column.codes[row]!;
  return code < 0 ? null : column.dictionary[code]!;
}

/** A string column of these values, in row order. */
export function stringColumnOf(values: readonly (string | null)[]): StringColumn {
  const builder = new StringColumnBuilder(values.length);
  values.forEach((v, row) => {
    if (v !== null) builder.set(row, v);
  });
  return builder.build();
}

/** Builds a StringColumn row by row (rows not set stay null). */
export class StringColumnBuilder {
  readonly codes: Int32Array;
  private readonly dictionary: string[] = [];
  private readonly index = new Map<string, number>();

  constructor(rowCount: number) {
    this.codes = new Int32Array(rowCount).fill(-1);
  }

  set(row: number, value: string): void {
    let code = this.index.get(value);
    if (code === undefined) {
      code = this.dictionary.length;
      this.dictionary.push(value);
      this.index.set(value, code);
    }
    this.codes[row] = code;
  }

  build(): StringColumn {
    return { type: 'string', codes: this.codes, dictionary: this.dictionary };
  }
}

export type Column = NumberColumn | DateColumn | BooleanColumn | StringColumn;

/** A source's rows, held column-wise. */
export interface Table {
  rowCount: number;
  /** Columns in file order. */
  columns: Map<string, Column>;
}

export function columnTypes(table: Table): Map<string, ColumnType> {
  const types = new Map<string, ColumnType>();
  for (const [name, column] of table.columns) types.set(name, column.type);
  return types;
}
