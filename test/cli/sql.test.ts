// `kpi-lens sql` as a process: the SQL on stdout (runnable by DuckDB from the working
// directory), findings on stderr, exit codes as for eval.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { DuckDBInstance } from '@duckdb/node-api';
import { repoRoot } from '../paths';
import { runCli, show } from './run';

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
