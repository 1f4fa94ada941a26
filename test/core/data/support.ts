import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { ColumnType } from '../../../src/core/model/kpiFile';
import { parseTable } from '../../../src/core/data/parseTable';
import type { DataError, ParseOptions } from '../../../src/core/data/result';
import { BOOL_NULL, BOOL_TRUE, stringAt, type Column, type Table } from '../../../src/core/data/table';
import { fixture } from '../../paths';

export function fixtureText(name: string): string {
  return fs.readFileSync(fixture('data', name), 'utf8');
}

function formatOf(name: string): ParseOptions['format'] {
  if (name.endsWith('.jsonl')) return 'jsonl';
  if (name.endsWith('.json')) return 'json';
  return 'csv';
}

export interface Extra {
  delimiter?: string;
  columns?: Record<string, ColumnType>;
}

function options(name: string, extra: Extra): ParseOptions {
  const result: ParseOptions = { format: formatOf(name), fileName: `data/${name}` };
  if (extra.delimiter !== undefined) result.delimiter = extra.delimiter;
  if (extra.columns) result.columns = new Map(Object.entries(extra.columns));
  return result;
}

/** A fixture parsed as a table; fails the test when it is not one. */
export function loadTable(name: string, extra: Extra = {}): Table {
  const result = parseTable(fixtureText(name), options(name, extra));
  if (!result.ok) assert.fail(`expected ${name} to load, got: ${result.error.message}`);
  return result.table;
}

/** A fixture that must fail to parse: its error. */
export function loadError(name: string, extra: Extra = {}): DataError {
  const result = parseTable(fixtureText(name), options(name, extra));
  if (result.ok) assert.fail(`expected ${name} to fail, but it loaded ${result.table.rowCount} rows`);
  return result.error;
}

export type Plain = number | string | boolean | null;

/** A column's values as plain JS values (null for null; dates as epoch ms). */
export function plain(column: Column | undefined): Plain[] {
  assert.ok(column, 'column exists');
  switch (column.type) {
    case 'number':
    case 'date':
      return Array.from(column.values, (v) => (Number.isNaN(v) ? null : v));
    case 'boolean':
      return Array.from(column.values, (v) => (v === BOOL_NULL ? null : v === BOOL_TRUE));
    case 'string':
      return Array.from(column.codes, (_, row) => stringAt(column, row));
  }
}

/** Name → type of every column, in order. */
export function typesOf(table: Table): [string, ColumnType][] {
  return [...table.columns].map(([name, column]) => [name, column.type]);
}

export function col(table: Table, name: string): Plain[] {
  return plain(table.columns.get(name));
}
