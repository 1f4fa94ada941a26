/**
 * A table's arrays moved into shared memory, in place: posting the table to another thread
 * then copies no rows (it receives views of the same memory), and this thread keeps using
 * the same table. Tables are read-only once parsed, so sharing them is safe.
 */
import type { Column, Table } from './table';

/** Tables whose arrays already live in shared memory (each is moved there once). */
const shared = new WeakSet<Table>();

export function shareTable(table: Table): void {
  if (shared.has(table)) return;
  for (const column of table.columns.values()) shareColumn(column);
  shared.add(table);
}

function shareColumn(column: Column): void {
  if (column.type === 'string') column.codes = copyShared(column.codes, Int32Array);
  else if (column.type === 'boolean') column.values = copyShared(column.values, Uint8Array);
  else column.values = copyShared(column.values, Float64Array);
}

function copyShared<T extends Float64Array | Int32Array | Uint8Array>(
  array: T,
  Kind: { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number },
): T {
  if (array.buffer instanceof SharedArrayBuffer) return array; // read in parts: already there (csvParallel.ts)
  const copy = new Kind(new SharedArrayBuffer(array.length * Kind.BYTES_PER_ELEMENT));
  copy.set(array);
  return copy;
}
