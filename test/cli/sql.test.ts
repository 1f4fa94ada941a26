// `kpi-lens sql` as a process: the SQL on stdout (runnable by DuckDB from the working
// directory), findings on stderr, exit codes as for eval.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { DuckDBInstance } from '@duckdb/node-api';
import { repoRoot } from '../paths';
import { runCli, show } from './run';
import { workspace } from './engines/kit';

test('sql: DuckDB SQL for every sourced KPI, which DuckDB runs from the working directory', async () => {
  const r = runCli(repoRoot, ['sql', 'samples/kpis.yaml']);
  assert.equal(r.status, 0, show(r));
  assert.match(r.stdout, /^-- KPI Lens \(duckdb\): source "subscriptions", grain month$/m);
  assert.match(r.stdout, /READ_CSV\('samples\/data\/tickets\.csv'/);
  assert.match(r.stdout, /^-- Derived KPIs, computed from the values above \(not in SQL\): clv/m);
  assert.match(r.stderr, /warning: .*\[no-goal\]/);
  const statements = r.stdout.split(/;\n/).filter((s) => /\bSELECT\b/.test(s));
  // Four KPI queries, then the rows per value of each breakdown column of a sourced KPI (aht by channel, …).
  const breakdowns = statements.filter((s) => /^-- KPI Lens .*, breakdown by .*: rows per value$/m.test(s));
  assert.equal(statements.length - breakdowns.length, 4);
  assert.match(
    r.stdout,
    /^-- KPI Lens \(duckdb\): source "tickets", grain \w+, breakdown by channel: rows per value$/m,
  );
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    for (const sql of statements) {
      const rows = (await connection.runAndReadAll(sql)).getRowObjectsJS();
      assert.ok(rows.length > 0, sql.split('\n')[0]);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
});

test('sql --kpi and --dialect: one KPI (and what it uses) in the chosen dialect', () => {
  const r = runCli(repoRoot, ['sql', 'samples/kpis.yaml', '--kpi', 'nps', '--dialect', 'bigquery']);
  assert.equal(r.status, 0, show(r));
  assert.match(r.stdout, /^-- KPI Lens \(bigquery\): source "nps_survey", grain month\n-- {3}nps: kpi_1/m);
  assert.match(r.stdout, /FROM `nps_survey`/);
  assert.doesNotMatch(r.stdout, /tickets/);
});

test('sql: exit 2 for a bad dialect, an unknown KPI, a flag of another command, a missing FILE', () => {
  for (const args of [
    ['sql', 'samples/kpis.yaml', '--dialect', 'oracle'],
    ['sql', 'samples/kpis.yaml', '--kpi', 'nope'],
    ['sql', 'samples/kpis.yaml', '--format', 'json'],
    ['sql', 'missing.yaml'],
  ]) {
    const r = runCli(repoRoot, args);
    assert.equal(r.status, 2, `${args.join(' ')}\n${show(r)}`);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^kpi-lens: /);
  }
});

test('sql: a database source is read from its query (its columns from DuckDB), a file source beside it from its file; DuckDB runs both', async (t) => {
  const dir = workspace(t, {
    'kpis.yaml': `version: 1
connections:
  lake:
    type: duckdb
sources:
  chat:
    connection: lake
    query: select * from read_csv('data/e.csv') where channel = 'chat'
  events:
    path: data/e.csv
    time: at
kpis:
  - id: chat_revenue
    name: Chat revenue
    source: chat
    formula: sum(amount)
  - id: revenue
    name: Revenue
    source: events
    formula: sum(amount)
    grain: month
`,
    'data/e.csv': 'at,amount,channel\n2024-01-03,10,chat\n2024-02-05,5,email\n2024-02-07,,chat\n2024-02-09,2.5,chat\n',
  });
  const r = runCli(dir, ['sql', 'kpis.yaml']);
  assert.equal(r.status, 0, show(r));
  assert.match(r.stdout, /FROM \(select \* from read_csv\('data\/e\.csv'\) where channel = 'chat'\) AS "chat"/);
  assert.match(r.stdout, /READ_CSV\('data\/e\.csv'/);
  assert.doesNotMatch(r.stdout, /Not computed/);
  const statements = r.stdout.split(/;\n/).filter((s) => /\bSELECT\b/.test(s));
  assert.equal(statements.length, 2);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    // DuckDB reads the relative paths from the KPI file's folder, as kpi-lens sql wrote them.
    await connection.run(`SET file_search_path = '${dir.replace(/'/g, "''")}'`);
    const chat = (await connection.runAndReadAll(statements[0]!)).getRowObjectsJS();
    assert.deepEqual(
      chat.map((row) => row['kpi_1']),
      [12.5],
    );
    const monthly = (await connection.runAndReadAll(statements[1]!)).getRowObjectsJS();
    assert.deepEqual(
      monthly.map((row) => [row['period'], row['kpi_1']]),
      [
        ['2024-01', 10],
        ['2024-02', 7.5],
      ],
    );
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
});
