import * as assert from 'node:assert/strict';
import { DataCache } from '../../../src/core/data/load';
import { columnTypes, type Table } from '../../../src/core/data/table';
import type { ColumnType, Grain } from '../../../src/core/model/kpiFile';
import {
  analyzeFormula,
  evaluateSourced,
  type CheckedFormula,
  type Expr,
  type KpiValue,
} from '../../../src/core/formula';
import { fixture } from '../../paths';

const cache = new DataCache();

/** A CSV fixture of test/fixtures/formula, loaded by the real data loader. */
export function loadFixture(name: string, columns?: Record<string, ColumnType>): Table {
  const result = cache.load(fixture('formula', name), {
    format: 'csv',
    fileName: name,
    ...(columns ? { columns: new Map(Object.entries(columns)) } : {}),
  });
  if (!result.ok) assert.fail(`${name} did not load: ${result.error.message}`);
  return result.table;
}

export function checkSourced(
  text: string,
  table: Table | ReadonlyMap<string, ColumnType> | undefined,
  role: 'formula' | 'filter' = 'formula',
): CheckedFormula {
  const columns = table === undefined ? undefined : table instanceof Map ? table : columnTypes(table as Table);
  return analyzeFormula(text, { mode: 'sourced', role, columns });
}

/** Checks formula (and filter), fails on any diagnostic, and evaluates. */
export function run(
  table: Table,
  formula: string,
  options: { filter?: string; grain?: Grain; time?: string } = {},
): KpiValue {
  const f = checkSourced(formula, table);
  assert.deepEqual(f.diagnostics, [], `diagnostics of ${formula}`);
  const filter = options.filter === undefined ? undefined : checkSourced(options.filter, table, 'filter');
  if (filter) assert.deepEqual(filter.diagnostics, [], `diagnostics of filter ${options.filter}`);
  const grouping = options.grain ? { time: options.time ?? 'created_at', grain: options.grain } : undefined;
  return evaluateSourced(f, filter, table, grouping);
}

/** The value of a formula without grain. */
export function valueOf(table: Table, formula: string, filter?: string): number | null {
  return run(table, formula, filter === undefined ? {} : { filter }).value;
}

/** Asserts numbers equal within a relative 1e-12 (or exactly for null). */
export function near(actual: number | null, expected: number | null, message?: string): void {
  if (expected === null || actual === null) {
    assert.equal(actual, expected, message);
    return;
  }
  const tolerance = 1e-12 * Math.max(1, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= tolerance, `${message ?? ''}: expected ${expected}, got ${actual}`);
}

/** A tree in fully parenthesised form, for parser tests. */
export function show(e: Expr): string {
  switch (e.kind) {
    case 'number':
      return String(e.value);
    case 'string':
      return JSON.stringify(e.value);
    case 'boolean':
      return String(e.value);
    case 'null':
      return 'null';
    case 'identifier':
      return e.quoted ? `\`${e.name}\`` : e.name;
    case 'unary':
      return `(${e.op === 'not' ? 'not ' : '-'}${show(e.operand)})`;
    case 'binary':
      return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case 'in':
      return `(${show(e.value)} ${e.negated ? 'not in' : 'in'} [${e.items.map(show).join(', ')}])`;
    case 'call':
      return `${e.name}(${e.args.map(show).join(', ')}${e.where ? ` where ${show(e.where.predicate)}` : ''})`;
  }
}
