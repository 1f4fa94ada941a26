// DuckDB as an engine at the edges: a DOUBLE column holding NaN and ±infinity gives the numbers
// and breakdowns the in-memory engine gives on the same values in a CSV file (NaN is null
// there, infinities written 1e999); overflowing sums, products and roundings agree too; and a
// breakdown whose query fails says why instead of vanishing.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { runCli } from '../run';
import { assertCloseDeep, breakdownEval, evalJson, workspace } from './kit';
import {
  edgeCsv,
  edgeKpiFile,
  edgeTableSql,
  HUGE_KPIS,
  HUGE_ROWS,
  NONFINITE_KPIS,
  NONFINITE_ROWS,
} from './edgeNumbers';

async function duckdbFile(file: string, statements: readonly string[]): Promise<void> {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  for (const statement of statements) await connection.run(statement);
  connection.closeSync();
  instance.closeSync();
}

const LAKE = 'connections:\n  lake:\n    type: duckdb\n    path: data/lake.duckdb\n';
const TABLE = '    connection: lake\n    table: t\n';

test('a DuckDB DOUBLE column with NaN and infinities: values and breakdowns as in memory (NaN is null)', async (t) => {
  const dir = workspace(t, {
    'memory.kpis.yaml': edgeKpiFile(NONFINITE_KPIS),
    'kpis.yaml': edgeKpiFile(NONFINITE_KPIS, TABLE, LAKE),
    'data/t.csv': edgeCsv(NONFINITE_ROWS),
  });
  await duckdbFile(path.join(dir, 'data', 'lake.duckdb'), edgeTableSql('t', NONFINITE_ROWS, 'DOUBLE'));
  const memory = breakdownEval(dir, ['memory.kpis.yaml']);
  const engine = breakdownEval(dir, ['kpis.yaml']);
  const onCsv = breakdownEval(dir, ['memory.kpis.yaml', '--engine', 'duckdb']);
  // By hand: (null) holds the two NaN rows and the null one; Infinity and -Infinity are groups of their own.
  const n = memory.report.kpis.find((k) => k.id === 'n')!;
  assert.deepEqual(
    n.breakdowns!.x!.map((g) => [g.group, g.kind]),
    [
      ['(null)', 'null'],
      ['2', 'value'],
      ['-Infinity', 'value'],
      ['1', 'value'],
      ['5', 'value'],
      ['Infinity', 'value'],
    ],
  );
  assertCloseDeep(engine.report.kpis, memory.report.kpis, 'DuckDB table');
  assertCloseDeep(onCsv.report.kpis, memory.report.kpis, 'CSV through DuckDB');
});

test('overflow and underflow through DuckDB: sums, products, quotients and round(x, d) as in memory', (t) => {
  const dir = workspace(t, { 'kpis.yaml': edgeKpiFile(HUGE_KPIS), 'data/t.csv': edgeCsv(HUGE_ROWS) });
  const memory = breakdownEval(dir, ['kpis.yaml']);
  const engine = breakdownEval(dir, ['kpis.yaml', '--engine', 'duckdb']);
  // By hand: x·100 overflows, so round(1e308, 2) is 1e308; 1/(1e308·10) is 0; a's sum overflows (null).
  const values = evalJson(dir, ['kpis.yaml']).kpis;
  const value = (id: string): number | null => values.find((k) => k.id === id)!.value;
  assert.equal(value('r2'), 1e308);
  assert.equal(value('r400'), 1e308);
  assert.equal(value('rminus'), 0);
  assert.equal(value('inverse'), 0);
  assert.equal(value('under'), 0);
  assert.equal(value('s'), null);
  assertCloseDeep(engine.report.kpis, memory.report.kpis, 'DuckDB');
});

test('a breakdown whose query fails on DuckDB says why, in JSON and in the table; the KPI still computes', async (t) => {
  const kpis = '  - id: n\n    name: Rows\n    source: t\n    formula: count()\n    breakdown: [tags, g]\n';
  const dir = workspace(t, {
    'kpis.yaml': `version: 1\n${LAKE}sources:\n  t:\n${TABLE}kpis:\n${kpis}`,
    'data/.keep': '',
  });
  // A LIST column is text to KPI Lens: its rows count per value, but comparing it with a text fails.
  await duckdbFile(path.join(dir, 'data', 'lake.duckdb'), [
    "CREATE TABLE t AS SELECT * FROM (VALUES ([1, 2], 'a'), ([3], 'b'), ([1, 2], 'a')) v(tags, g)",
  ]);
  const json = runCli(dir, ['eval', '--format', 'json', '--today', '2026-12-01']);
  const report = JSON.parse(json.stdout) as {
    kpis: {
      id: string;
      value: number;
      breakdowns: Record<string, unknown[]>;
      breakdown_failures?: Record<string, string>;
    }[];
  };
  const n = report.kpis[0]!;
  assert.equal(n.value, 3);
  assert.deepEqual(Object.keys(n.breakdowns), ['g']);
  assert.match(n.breakdown_failures?.tags ?? '', /^its engine failed: DuckDB says: Conversion Error: .*INTEGER\[\]/);
  const table = runCli(dir, ['eval', '--today', '2026-12-01']);
  assert.match(table.stdout, /^n: not broken down by tags: its engine failed: DuckDB says: Conversion Error/m);
  assert.equal(table.status, json.status);
});
