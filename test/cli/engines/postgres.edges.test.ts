// PostgreSQL as an engine at the edges, against the server scripts/postgres.sh starts (skipped
// without one, failing under CI=true): NaN and ±infinity in double precision and numeric
// columns (as in memory), values near ±1.8e308 whose sums, products and roundings overflow
// (PostgreSQL raises its error there: those KPIs fail and say why), and a breakdown whose
// groups query fails, which must say why.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { DataCache } from '../../../src/core/data/load';
import { fixture } from '../../paths';
import { runCli } from '../run';
import { assertCloseDeep, breakdownEval, evalJson, workspace } from './kit';
import { connectionYaml, createTable, server, withClient, type PgServer } from './pgKit';
import {
  edgeCsv,
  edgeKpiFile,
  edgeTableSql,
  HUGE_KPIS,
  HUGE_ROWS,
  NONFINITE_KPIS,
  NONFINITE_ROWS,
  type EdgeRow,
} from './edgeNumbers';

async function createEdgeTable(pg: PgServer, name: string, rows: readonly EdgeRow[], type: string): Promise<void> {
  await withClient(pg, async (client) => {
    for (const statement of edgeTableSql(name, rows, type)) await client.query(statement);
  });
}

const table = (name: string): string => `    connection: pg\n    table: ${name}\n`;

for (const type of ['double precision', 'numeric']) {
  test(`a PostgreSQL ${type} column with NaN and infinities: values and breakdowns as in memory (NaN is null)`, async (t) => {
    const pg = server(t);
    if (!pg) return;
    const name = `edge_nonfinite_${type.replace(' ', '_')}`;
    await createEdgeTable(pg, name, NONFINITE_ROWS, type);
    const dir = workspace(t, {
      'memory.kpis.yaml': edgeKpiFile(NONFINITE_KPIS),
      'kpis.yaml': edgeKpiFile(NONFINITE_KPIS, table(name), `connections:\n${connectionYaml(pg)}`),
      'data/t.csv': edgeCsv(NONFINITE_ROWS),
    });
    const memory = breakdownEval(dir, ['memory.kpis.yaml']);
    const postgres = breakdownEval(dir, ['kpis.yaml'], { KPI_TEST_PG_PASSWORD: pg.password });
    const groups = (r: typeof memory, id: string, column: string): string[] =>
      r.report.kpis.find((k) => k.id === id)!.breakdowns![column]!.map((g) => g.group);
    assert.deepEqual(groups(postgres, 'n', 'x'), ['(null)', '2', '-Infinity', '1', '5', 'Infinity']);
    assertCloseDeep(postgres.report.kpis, memory.report.kpis, type);
  });
}

test('values near 1e308 on PostgreSQL: its query stops with its own error, never a wrong number; those KPIs say why', async (t) => {
  const pg = server(t);
  if (!pg) return;
  await createEdgeTable(pg, 'edge_huge', HUGE_ROWS, 'double precision');
  const dir = workspace(t, {
    'memory.kpis.yaml': edgeKpiFile(HUGE_KPIS),
    'kpis.yaml': edgeKpiFile(HUGE_KPIS, table('edge_huge'), `connections:\n${connectionYaml(pg)}`),
    'data/t.csv': edgeCsv(HUGE_ROWS),
  });
  const memory = evalJson(dir, ['memory.kpis.yaml']).kpis;
  const env = { KPI_TEST_PG_PASSWORD: pg.password };
  const postgres = evalJson(dir, ['kpis.yaml'], env).kpis;
  const printed = runCli(dir, ['eval', 'kpis.yaml'], env).stdout;
  // In memory the overflows are null and the rest computed (by hand: round(1e308, 2) is 1e308).
  assert.equal(memory.find((k) => k.id === 's')!.value, null);
  assert.equal(memory.find((k) => k.id === 'r2')!.value, 1e308);
  // PostgreSQL raises "value out of range" where a double overflows: the query of those KPIs
  // fails, and each says so in PostgreSQL's words (README, "Numbers at the edges").
  assert.equal(postgres.length, memory.length);
  for (const k of postgres) {
    assert.equal(k.value, null, k.id);
    assert.match(
      printed,
      new RegExp(`^${k.id}: not computed: its engine failed: PostgreSQL says: value out of range`, 'm'),
    );
  }
});

test('a breakdown whose groups query fails on PostgreSQL says why; the KPI and the other breakdown still compute', async (t) => {
  const pg = server(t);
  if (!pg) return;
  // A uuid column is text to KPI Lens: its rows count per value, but it takes no COLLATE.
  await withClient(pg, async (client) => {
    await client.query('DROP TABLE IF EXISTS edge_uuid');
    await client.query('CREATE TABLE edge_uuid (id uuid, g text, x double precision)');
    await client.query(
      "INSERT INTO edge_uuid VALUES ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'a', 1), ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12', 'b', 2)",
    );
  });
  const kpis = '  - id: total\n    name: Total\n    source: t\n    formula: sum(x)\n    breakdown: [id, g]\n';
  const dir = workspace(t, {
    'kpis.yaml': `version: 1\nconnections:\n${connectionYaml(pg)}sources:\n  t:\n${table('edge_uuid')}kpis:\n${kpis}`,
  });
  const r = evalJson(dir, [], { KPI_TEST_PG_PASSWORD: pg.password });
  const total = r.kpis[0]! as unknown as {
    value: number;
    breakdowns: Record<string, unknown>;
    breakdown_failures?: Record<string, string>;
  };
  assert.equal(total.value, 3);
  assert.deepEqual(Object.keys(total.breakdowns), ['g']);
  assert.match(
    total.breakdown_failures?.id ?? '',
    /^its engine failed: PostgreSQL says: collations are not supported by type uuid$/,
  );
});

test('every function and operator (test/fixtures/sql) on PostgreSQL gives what the in-memory engine gives', async (t) => {
  const pg = server(t);
  if (!pg) return;
  const kpis = fs.readFileSync(fixture('sql', 'kpis.yaml'), 'utf8');
  const csv = fs.readFileSync(fixture('sql', 'data', 'edge.csv'), 'utf8');
  const dir = workspace(t, {
    'memory.kpis.yaml': kpis,
    'kpis.yaml': kpis.replace(
      'sources:\n  edge:\n    path: data/edge.csv\n',
      `connections:\n${connectionYaml(pg)}sources:\n  edge:\n${table('sql_edge')}`,
    ),
    'data/edge.csv': csv,
  });
  const loaded = new DataCache().load(path.join(dir, 'data', 'edge.csv'), { format: 'csv' });
  assert.ok(loaded.ok);
  await withClient(pg, (client) => createTable(client, 'sql_edge', loaded.table));
  const memory = breakdownEval(dir, ['memory.kpis.yaml']);
  const postgres = breakdownEval(dir, ['kpis.yaml'], { KPI_TEST_PG_PASSWORD: pg.password });
  assert.ok(memory.report.kpis.length > 20);
  assertCloseDeep(postgres.report.kpis, memory.report.kpis, 'kpis');
});
