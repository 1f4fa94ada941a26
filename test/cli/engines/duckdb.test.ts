// DuckDB as an engine of the CLI, end to end: the built CLI on real files in a workspace on
// disk (CSV, Parquet written by DuckDB, a DuckDB database file), compared with the in-memory
// engine value by value.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { repoRoot } from '../../paths';
import { runCli } from '../run';
import { assertSameKpis, edgeCsv, edgeKpis, evalJson, workspace } from './kit';

const HEADER = 'version: 1\n';

/** Runs statements in a DuckDB database (a file, or in memory) and closes it. */
async function duckdb(database: string, ...statements: string[]): Promise<void> {
  const instance = await DuckDBInstance.create(database);
  const connection = await instance.connect();
  try {
    for (const sql of statements) await connection.run(sql);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

test('samples: --engine duckdb gives the numbers of the in-memory engine', () => {
  const dir = path.join(repoRoot, 'samples');
  const memory = evalJson(dir, ['kpis.yaml']);
  const engine = evalJson(dir, ['kpis.yaml', '--engine', 'duckdb']);
  assert.equal(memory.kpis.length, 14);
  assert.ok(memory.kpis.every((k) => k.value !== null));
  assertSameKpis(engine.kpis, memory.kpis, 'samples');
  assert.deepEqual(engine.diagnostics, memory.diagnostics);
});

test('generated data with nulls, gaps and edge dates: --engine duckdb and memory agree, every grain', (t) => {
  const dir = workspace(t, {
    'kpis.yaml': `${HEADER}sources:\n  events:\n    path: data/events.csv\n    time: at\nkpis:${edgeKpis('events')}`,
    'data/events.csv': edgeCsv(),
  });
  const memory = evalJson(dir);
  const engine = evalJson(dir, ['--engine', 'duckdb']);
  assert.equal(memory.kpis.length, 8);
  assert.ok(
    memory.kpis.every((k) => k.value !== null),
    JSON.stringify(memory.kpis),
  );
  // The gap: no month 2023-05 in the series; ISO week 53 of 2020 is there.
  assert.ok(!memory.kpis.find((k) => k.id === 'revenue')!.series!.some((s) => s.period === '2023-05'));
  assert.ok(memory.kpis.find((k) => k.id === 'events')!.series!.some((s) => s.period === '2020-W53'));
  assertSameKpis(engine.kpis, memory.kpis, 'edge data');
});

test('Parquet files by a glob are read through DuckDB and give the numbers of the same rows as CSV', async (t) => {
  const dir = workspace(t, {
    'kpis.yaml': `${HEADER}sources:\n  events:\n    path: data/parts/*.parquet\n    time: at\nkpis:${edgeKpis('events')}`,
    'csv.kpis.yaml': `${HEADER}sources:\n  events:\n    path: data/events.csv\n    time: at\nkpis:${edgeKpis('events')}`,
    'data/events.csv': edgeCsv(),
  });
  const csv = path.join(dir, 'data', 'events.csv').replace(/'/g, "''");
  const parts = path.join(dir, 'data', 'parts');
  fs.mkdirSync(parts, { recursive: true });
  await duckdb(
    ':memory:',
    `CREATE TABLE e AS SELECT * FROM read_csv('${csv}')`,
    `COPY (SELECT * FROM e WHERE year("at") < 2023) TO '${parts}/early.parquet' (FORMAT parquet)`,
    `COPY (SELECT * FROM e WHERE year("at") >= 2023) TO '${parts}/late.parquet' (FORMAT parquet)`,
  );
  const fromCsv = evalJson(dir, ['csv.kpis.yaml']);
  const fromParquet = evalJson(dir, ['kpis.yaml']);
  assert.ok(
    fromParquet.kpis.every((k) => k.value !== null),
    JSON.stringify(fromParquet.diagnostics),
  );
  assertSameKpis(fromParquet.kpis, fromCsv.kpis, 'parquet');
});

test('a DuckDB database file: a table and a query compute; a missing table is a finding at its value, and the rest still computes', async (t) => {
  const dir = workspace(t, {
    'kpis.yaml': `${HEADER}connections:
  lake:
    type: duckdb
    path: data/lake.duckdb
sources:
  events:
    connection: lake
    table: events
    time: at
  chat:
    connection: lake
    query: select * from events where channel = 'chat'
  gone:
    connection: lake
    table: no_such_table
  events_csv:
    path: data/events.csv
    time: at
kpis:
  - id: revenue
    name: Revenue
    source: events
    formula: sum(amount)
    grain: month
  - id: revenue_csv
    name: Revenue (CSV)
    source: events_csv
    formula: sum(amount)
    grain: month
  - id: chat_revenue
    name: Chat revenue
    source: chat
    formula: sum(amount)
  - id: chat_revenue_csv
    name: Chat revenue (CSV)
    source: events_csv
    filter: channel == "chat"
    formula: sum(amount)
  - id: lost
    name: Lost
    source: gone
    formula: count()
`,
    'data/events.csv': edgeCsv(),
  });
  const csv = path.join(dir, 'data', 'events.csv').replace(/'/g, "''");
  await duckdb(path.join(dir, 'data', 'lake.duckdb'), `CREATE TABLE events AS SELECT * FROM read_csv('${csv}')`);
  const r = evalJson(dir);
  const byId = new Map(r.kpis.map((k) => [k.id, k]));
  assert.equal(r.status, 1, 'the missing table is an error');
  assertSameKpis([byId.get('revenue')!], [{ ...byId.get('revenue_csv')!, id: 'revenue' }], 'table');
  assert.ok(byId.get('chat_revenue')!.value! > 0);
  assertSameKpis([byId.get('chat_revenue')!], [{ ...byId.get('chat_revenue_csv')!, id: 'chat_revenue' }], 'query');
  assert.equal(byId.get('lost')!.value, null);
  const missing = r.diagnostics.filter((d) => d.rule === 'source-unreadable');
  assert.equal(missing.length, 1);
  assert.equal(missing[0]!.line, 16, 'at the table value');
  assert.equal(missing[0]!.column, 12);
  assert.equal(
    missing[0]!.message,
    'Source "gone" cannot be read: the table "no_such_table" does not exist in the DuckDB database. KPIs that use it are not computed.',
  );
});

test('columns come from the engine: unknown-column and type-mismatch on a database table, with did-you-mean', async (t) => {
  const dir = workspace(t, {
    'kpis.yaml': `${HEADER}connections:
  lake:
    type: duckdb
    path: lake.duckdb
sources:
  events:
    connection: lake
    table: events
    time: channel
kpis:
  - id: revenue
    name: Revenue
    source: events
    formula: sum(amout)
`,
  });
  await duckdb(
    path.join(dir, 'lake.duckdb'),
    `CREATE TABLE events ("at" TIMESTAMP, amount DOUBLE, channel VARCHAR)`,
    `INSERT INTO events VALUES ('2026-01-01 10:00:00', 5, 'web')`,
  );
  const r = runCli(dir, ['check', '--format', 'json']);
  const diagnostics = (JSON.parse(r.stdout) as { diagnostics: { rule: string; message: string; line: number }[] })
    .diagnostics;
  const unknown = diagnostics.find((d) => d.rule === 'unknown-column')!;
  assert.equal(unknown.message, 'The source has no column amout. Did you mean amount?');
  const time = diagnostics.find((d) => d.rule === 'type-mismatch')!;
  assert.equal(time.line, 10);
  assert.match(time.message, /holds string values, not dates/);
});

test('a connection that does not exist: a finding at the value with did-you-mean; a query may not read outside the workspace', (t) => {
  const dir = workspace(t, {
    'kpis.yaml': `${HEADER}connections:
  warehouse:
    type: duckdb
sources:
  orders:
    connection: warehose
    table: orders
  secrets:
    connection: warehouse
    query: select * from read_csv('/etc/passwd')
  fine:
    path: data.csv
kpis:
  - id: rows
    name: Rows
    source: fine
    formula: count()
`,
    'data.csv': 'x\n1\n2\n',
  });
  const r = evalJson(dir);
  const findings = r.diagnostics.filter((d) => d.rule === 'source-unreadable');
  assert.equal(findings.length, 2, JSON.stringify(r.diagnostics));
  assert.equal(findings[0]!.line, 7);
  assert.equal(findings[0]!.column, 17);
  assert.match(
    findings[0]!.message,
    /names the connection "warehose", which is not under connections:.*Did you mean "warehouse"\?/,
  );
  assert.equal(findings[1]!.line, 11);
  assert.match(
    findings[1]!.message,
    /Source "secrets" cannot be read: DuckDB may read files only inside the workspace/,
  );
  assert.equal(r.kpis[0]!.value, 2);
});

test('--engine duckdb types a column from every row, as the in-memory engine does: a text id after 30,000 numbers', (t) => {
  const lines = ['id,v'];
  for (let i = 1; i <= 30_000; i++) lines.push(`${i},1`);
  lines.push('x30001,2');
  const dir = workspace(t, {
    'kpis.yaml': `${HEADER}sources:
  d:
    path: d.csv
kpis:
  - id: total
    name: Total
    source: d
    formula: sum(v)
  - id: ids
    name: Ids
    source: d
    formula: count_distinct(id)
`,
    'd.csv': lines.join('\n') + '\n',
  });
  const memory = evalJson(dir);
  const engine = evalJson(dir, ['--engine', 'duckdb']);
  assert.deepEqual(
    memory.kpis.map((k) => k.value),
    [30_002, 30_001],
  );
  assertSameKpis(engine.kpis, memory.kpis, 'late text');
});
