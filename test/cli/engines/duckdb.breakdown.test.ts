// Breakdowns through DuckDB as an engine of the CLI, end to end: `eval --engine duckdb --by`
// on test/fixtures/breakdown and on a DuckDB database file holding the same rows in native
// types, compared with the in-memory engine group by group (values 1e-9 relative).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { fixture } from '../../paths';
import { assertCloseDeep, breakdownEval, SOME_BREAKDOWN_KPIS, workspace } from './kit';

const BY = ['--by', 'region', '--by', 'regoin', '--by', 'vip', '--by', 'ts'];

test('eval --engine duckdb --by: the breakdowns and the note on a missing column are those in memory', () => {
  const dir = fixture('breakdown');
  const memory = breakdownEval(dir, ['sql.kpis.yaml', ...SOME_BREAKDOWN_KPIS, ...BY]);
  const engine = breakdownEval(dir, ['sql.kpis.yaml', '--engine', 'duckdb', ...SOME_BREAKDOWN_KPIS, ...BY]);
  assertCloseDeep(engine.report, memory.report, 'report');
  assert.equal(engine.stderr, memory.stderr);
  assert.match(
    memory.stderr,
    /--by regoin: source "tickets" has no column "regoin", so KPIs "tickets", .* Did you mean "region"\?/,
  );
  const kinds = memory.report.kpis.flatMap((k) =>
    Object.values(k.breakdowns ?? {}).flatMap((b) => b.map((g) => g.kind)),
  );
  assert.ok(kinds.includes('null') && kinds.includes('other'));
});

test('a DuckDB table in native types (DATE, TIMESTAMP, BOOLEAN, BIGINT) breaks down as its CSV does in memory', async (t) => {
  const kpis = fs.readFileSync(fixture('breakdown', 'sql.kpis.yaml'), 'utf8');
  const dir = workspace(t, {
    'kpis.yaml': kpis.replace(
      'sources:\n  tickets:\n    path: data/tickets.csv\n',
      'connections:\n  lake:\n    type: duckdb\n    path: data/lake.duckdb\nsources:\n  tickets:\n    connection: lake\n    table: tickets\n',
    ),
    'csv.kpis.yaml': kpis,
    'data/tickets.csv': fs.readFileSync(fixture('breakdown', 'data', 'tickets.csv'), 'utf8'),
  });
  const csv = path.join(dir, 'data', 'tickets.csv').replace(/'/g, "''");
  const instance = await DuckDBInstance.create(path.join(dir, 'data', 'lake.duckdb'));
  const connection = await instance.connect();
  await connection.run(`CREATE TABLE tickets AS SELECT * FROM read_csv('${csv}')`);
  connection.closeSync();
  instance.closeSync();
  const memory = breakdownEval(dir, ['csv.kpis.yaml', ...SOME_BREAKDOWN_KPIS, '--by', 'signup', '--by', 'tier']);
  const engine = breakdownEval(dir, ['kpis.yaml', ...SOME_BREAKDOWN_KPIS, '--by', 'signup', '--by', 'tier']);
  assert.ok(engine.report.kpis.every((k) => Object.keys(k.breakdowns ?? {}).length > 0));
  assertCloseDeep(engine.report.kpis, memory.report.kpis, 'kpis');
});
