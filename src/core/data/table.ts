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

export interface StringColumn {
  type: 'string';
  values: (string | null)[];
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
