/**
 * Random tables for the differential target, as rows of plain values (for the reference)
 * and as the product's column-wise Table built from the same values: nulls, repeated
 * values, dates at year and ISO-week edges and leap days, date-times with times of day.
 */
import { daysFromCivil, MS_PER_DAY, parseDateTime } from '../../src/core/data/dates';
import { BOOL_FALSE, BOOL_NULL, BOOL_TRUE, stringColumnOf, type Column, type Table } from '../../src/core/data/table';
import type { ColumnType } from '../../src/core/model/kpiFile';
import { between, chance, pick, weighted, type Next } from './choose';
import { DATE_LITERALS, STRING_VALUES, type ColumnSpec } from './formulaGen';
import { RDate, type RefRow, type RefTable, type RValue } from './referenceInterpreter';

export interface GeneratedTable {
  columns: ColumnSpec[];
  ref: RefTable;
  table: Table;
  /** The time column's name. */
  time: string;
}

/** Days where periods turn: year ends, ISO week-year edges (2020-W53, 2026-W53), leap days. */
const EDGE_DAYS = [
  [2020, 12, 31],
  [2021, 1, 3],
  [2021, 1, 4],
  [2024, 2, 29],
  [2024, 12, 29],
  [2024, 12, 30],
  [2025, 1, 1],
  [2025, 3, 31],
  [2025, 4, 1],
  [2026, 12, 31],
  [2027, 1, 3],
  [2027, 1, 4],
  [2000, 2, 29],
  [1999, 12, 31],
  [99, 12, 31],
] as const;

function randomInstant(next: Next): number {
  const [y, m, d] = chance(next, 0.5)
    ? pick(next, EDGE_DAYS)
    : [between(next, 2024, 2026), between(next, 1, 12), between(next, 1, 28)];
  const day = daysFromCivil(y, m, d) * MS_PER_DAY;
  return weighted(next, [
    [3, () => day],
    [1, () => day + between(next, 0, 86_399) * 1000],
    [0.3, () => day + MS_PER_DAY - 1],
  ] as const)();
}

function randomValue(next: Next, type: ColumnType, nulls: number): RValue {
  if (chance(next, nulls)) return null;
  switch (type) {
    case 'number':
      return weighted(next, [
        [4, () => between(next, -3, 12)],
        [2, () => between(next, -1000, 1000) / 8],
        [1, () => pick(next, [0, -0, 0.1, 0.2, 0.5, 1.5, 2.5, -2.5, 2.675, 1e15, 1e-9, 2 ** 53 + 2])],
      ] as const)();
    case 'string':
      return pick(next, [...STRING_VALUES, '\ud800x', '\ue000']);
    case 'boolean':
      return chance(next, 0.5);
    case 'date':
      return new RDate(chance(next, 0.2) ? parseDateTime(pick(next, DATE_LITERALS))! : randomInstant(next));
  }
}

function columnOf(type: ColumnType, values: RValue[]): Column {
  switch (type) {
    case 'number':
      return { type, values: Float64Array.from(values, (v) => (v === null ? NaN : (v as number))) };
    case 'date':
      return { type, values: Float64Array.from(values, (v) => (v === null ? NaN : (v as RDate).ms)) };
    case 'boolean':
      return { type, values: Uint8Array.from(values, (v) => (v === null ? BOOL_NULL : v ? BOOL_TRUE : BOOL_FALSE)) };
    case 'string':
      return stringColumnOf(values.map((v) => v as string | null));
  }
}

export function randomTable(next: Next): GeneratedTable {
  const columns: ColumnSpec[] = [
    { name: 'n1', type: 'number' },
    { name: 'n2', type: 'number' },
    { name: 'odd n', type: 'number' },
    { name: 's1', type: 'string' },
    { name: 'b1', type: 'boolean' },
    { name: 'd1', type: 'date' },
  ];
  // Usually a date column; sometimes text, of which only the values that read as dates count.
  const textTime = chance(next, 0.15);
  const time = 't';
  columns.push({ name: time, type: textTime ? 'string' : 'date' });
  const rowCount = weighted(next, [
    [1, () => 0],
    [3, () => between(next, 1, 8)],
    [3, () => between(next, 9, 40)],
    [0.5, () => between(next, 41, 200)],
  ] as const)();
  const nulls = pick(next, [0, 0.1, 0.3, 0.9]);
  const rows: Record<string, RValue>[] = [];
  for (let r = 0; r < rowCount; r++) {
    const row: Record<string, RValue> = {};
    for (const c of columns) {
      if (c.name === time && textTime) {
        const v = randomValue(next, 'date', 0.1);
        row[c.name] = v === null ? pick(next, [null, 'soon', '2025-02-30']) : new Date((v as RDate).ms).toISOString();
      } else row[c.name] = randomValue(next, c.type, c.name === time ? Math.min(nulls, 0.2) : nulls);
    }
    rows.push(row);
  }
  return tableFromRows(columns, rows, time);
}

/** The reference's rows and the product's Table of the same values. */
export function tableFromRows(columns: ColumnSpec[], rows: RefRow[], time: string): GeneratedTable {
  const table: Table = { rowCount: rows.length, columns: new Map() };
  for (const c of columns)
    table.columns.set(
      c.name,
      columnOf(
        c.type,
        rows.map((row) => row[c.name] ?? null),
      ),
    );
  const types = new Map(columns.map((c) => [c.name, c.type]));
  return { columns, ref: { types, rows }, table, time };
}

/** A row as one line of JSON (dates as `{"ms": …}`), and back: how a failing case's table is written and shrunk. */
export function rowToJson(row: RefRow): string {
  return JSON.stringify(row);
}

export function rowFromJson(line: string, columns: readonly ColumnSpec[]): RefRow {
  const raw = JSON.parse(line) as Record<string, unknown>;
  const row: Record<string, RValue> = {};
  for (const c of columns) {
    const v = raw[c.name];
    row[c.name] = v !== null && typeof v === 'object' && 'ms' in v ? new RDate(Number(v.ms)) : ((v ?? null) as RValue);
  }
  return row;
}
