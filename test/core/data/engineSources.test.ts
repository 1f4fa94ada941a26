import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../../src/core/checks/analysis';
import { engineSourceOf, isEngineProblem, needsEngine } from '../../../src/core/data/engineSources';
import { DataCache } from '../../../src/core/data/load';
import { loadKpiFile } from '../../../src/core/yaml/loadKpiFile';
import { fixture } from '../../paths';

function model(text: string) {
  return loadKpiFile(text).model;
}

const FILE = `version: 1
connections:
  wh:
    type: postgres
    host: db.example.com
    database: analytics
    user: reader
    password_env: WH_PASSWORD
  lake:
    type: duckdb
    path: lake.duckdb
sources:
  orders: { connection: wh, table: analytics.orders }
  events: { path: "data/*.parquet" }
  up: { path: "../elsewhere/*.parquet" }
  sneaky: { path: "data/*/../../../x.parquet" }
  plain: { path: data/a.csv }
  lake_table: { connection: lake, table: t }
`;

test('which sources need an engine: a connection, Parquet, a glob; every file with --engine duckdb', () => {
  const m = model(FILE);
  const by = (name: string) => m.sources.find((s) => s.name === name)!;
  assert.equal(needsEngine(by('orders')), true);
  assert.equal(needsEngine(by('events')), true);
  assert.equal(needsEngine(by('plain')), false);
  assert.equal(needsEngine(by('plain'), 'duckdb'), true);
});

test('what an engine reads: the postgres target with its defaults, a DuckDB database file and glob resolved in the workspace', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-lens-es-'));
  try {
    const m = model(FILE);
    const access = { baseDir: root, workspaceRoot: root, allowOutside: false };
    const spec = (name: string) =>
      engineSourceOf(
        m,
        m.sources.find((s) => s.name === name)!,
        access,
      );
    assert.deepEqual(spec('orders'), {
      source: 'orders',
      engine: 'postgres',
      connection: 'wh',
      postgres: {
        host: 'db.example.com',
        port: 5432,
        database: 'analytics',
        user: 'reader',
        sslmode: 'require',
        passwordEnv: 'WH_PASSWORD',
      },
      read: { kind: 'table', table: 'analytics.orders' },
    });
    const real = fs.realpathSync(root);
    assert.deepEqual(spec('events'), {
      source: 'events',
      engine: 'duckdb',
      read: { kind: 'file', path: path.join(real, 'data', '*.parquet'), format: 'parquet' },
    });
    assert.deepEqual(spec('lake_table'), {
      source: 'lake_table',
      engine: 'duckdb',
      connection: 'lake',
      database: path.join(real, 'lake.duckdb'),
      read: { kind: 'table', table: 't' },
    });
    const up = spec('up');
    assert.ok(isEngineProblem(up) && up.outside, 'a glob whose folder leaves the workspace');
    // `..` after a wildcard is resolved away before the folder is checked (and before DuckDB reads it).
    const sneaky = spec('sneaky');
    assert.ok(isEngineProblem(sneaky) && sneaky.outside, 'a `..` after a wildcard leaves too');
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('without an engine (the editor), a database source is one plain finding at its connection; the rest is checked as before', () => {
  const file = fixture('engines', 'shapes.kpis.yaml');
  const text = fs.readFileSync(file, 'utf8');
  const analysis = analyze(text, { filePath: file, loader: new DataCache() });
  const unreadable = analysis.findings.filter((f) => f.rule === 'source-unreadable');
  const d = unreadable.find((f) => f.message.startsWith('Source "d"'))!;
  assert.equal(text.slice(d.range.start, d.range.end), 'warehouse');
  assert.equal(
    d.message,
    'Source "d" cannot be read: it is read through PostgreSQL, which only the kpi-lens command line runs (with pg installed). KPIs that use it are not computed.',
  );
  assert.equal(analysis.sources.get('d')!.status, 'unreadable');
});

test('the shape of connections and database sources, in plain words at the key', () => {
  const file = fixture('engines', 'shapes.kpis.yaml');
  const text = fs.readFileSync(file, 'utf8');
  const schema = analyze(text, { filePath: file }).findings.filter((f) => f.rule === 'schema');
  const at = (needle: string) => {
    const f = schema.find((s) => text.slice(s.range.start, s.range.end) === needle);
    assert.ok(f, `no schema finding at "${needle}": ${JSON.stringify(schema.map((s) => s.message))}`);
    return f.message;
  };
  assert.match(at('password'), /^Connection "warehouse" has "password": a password never goes in the KPI file\./);
  assert.equal(
    at('host'),
    'Connection "lake" is duckdb, so "host" does not apply: a duckdb connection is a database file (path) or none. Remove host.',
  );
  assert.equal(
    at('query'),
    'Source "d" has both "table" and "query": a source reads a table or a query, not both. Remove one.',
  );
  assert.ok(
    schema.some((s) => s.message === 'Source "c" needs a path (a data file), or a connection with a table or a query.'),
  );
  assert.ok(
    schema.some(
      (s) =>
        s.message ===
        'Source "b" reads a table or query but names no connection: add "connection:" with a name under connections:.',
    ),
  );
  // No fix turns "password" into "password_env": the secret would become a variable's name.
  assert.ok(schema.every((s) => !s.fixes?.length || !text.slice(s.range.start, s.range.end).includes('password')));
});
