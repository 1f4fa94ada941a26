// Breakdowns through DuckDB as an engine of the CLI, end to end: `eval --engine duckdb --by`
// on test/fixtures/breakdown and on a DuckDB database file holding the same rows in native
// types, compared with the in-memory engine group by group (values 1e-9 relative).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { fixture } from '../../paths';
import { runCli } from '../run';
import { workspace } from './kit';

/** Equal, numbers within 1e-9 relative (absolute near 0). */
function assertClose(actual: unknown, expected: unknown, at: string): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const scale = Math.max(Math.abs(expected), Math.abs(actual), 1e-6);
    assert.ok(Math.abs(actual - expected) <= 1e-9 * scale, `${at}: ${actual} vs ${expected}`);
  } else if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${at}: not a list`);
    assert.equal(actual.length, expected.length, `${at}: length`);
    expected.forEach((e, i) => assertClose(actual[i], e, `${at}[${i}]`));
  } else if (expected !== null && typeof expected === 'object') {
    assert.ok(actual !== null && typeof actual === 'object', `${at}: not an object`);
    assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), `${at}: keys`);
    for (const [k, e] of Object.entries(expected)) assertClose((actual as Record<string, unknown>)[k], e, `${at}.${k}`);
  } else assert.equal(actual, expected, at);
}

interface Report {
  /** Breakdowns as the JSON report has them: column → groups. */
  kpis: { id: string; breakdowns?: Record<string, { group: string; kind: string }[]> }[];
}

function evalRun(dir: string, args: string[]): { report: Report; stderr: string } {
  const r = runCli(dir, ['eval', '--format', 'json', '--today', '2026-12-01', ...args]);
  assert.ok(r.stdout.trim().startsWith('{'), `no JSON report (exit ${r.status}): ${r.stderr}`);
  return { report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
}

const BY = ['--by', 'region', '--by', 'regoin', '--by', 'vip', '--by', 'ts'];
/** KPIs of sql.kpis.yaml without a grain and at month and quarter (a daily KPI's groups make a report of megabytes). */
const SOME = ['tickets', 'satisfied_monthly', 'per_ticket_quarterly', 'ratio_month', 'divided_filter'].flatMap((k) => [
  '--kpi',
  k,
]);

test('eval --engine duckdb --by: the breakdowns and the note on a missing column are those in memory', () => {
  const dir = fixture('breakdown');
  const memory = evalRun(dir, ['sql.kpis.yaml', ...SOME, ...BY]);
  const engine = evalRun(dir, ['sql.kpis.yaml', '--engine', 'duckdb', ...SOME, ...BY]);
  assertClose(engine.report, memory.report, 'report');
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
  const memory = evalRun(dir, ['csv.kpis.yaml', ...SOME, '--by', 'signup', '--by', 'tier']);
  const engine = evalRun(dir, ['kpis.yaml', ...SOME, '--by', 'signup', '--by', 'tier']);
  assert.ok(engine.report.kpis.every((k) => Object.keys(k.breakdowns ?? {}).length > 0));
  assertClose(engine.report.kpis, memory.report.kpis, 'kpis');
});
