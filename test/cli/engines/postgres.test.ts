// PostgreSQL as an engine of the CLI, against a real server: the one scripts/postgres.sh
// starts (`scripts/postgres.sh run -- npm run test:unit`; .ci/run does it). Without one the
// tests are skipped with the reason printed, except under CI=true, where they fail.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { test } from 'node:test';
import { DataCache } from '../../../src/core/data/load';
import { formatOf } from '../../../src/core/data/sources';
import { loadKpiFile } from '../../../src/core/yaml/loadKpiFile';
import { fixture, repoRoot } from '../../paths';
import {
  assertCloseDeep,
  assertSameKpis,
  breakdownEval,
  edgeCsv,
  edgeKpis,
  evalJson,
  SOME_BREAKDOWN_KPIS,
  workspace,
} from './kit';
import { connectionYaml, createTable, server, withClient, type PgServer } from './pgKit';

/** The samples' KPI file with every source a table of `pg` (the tables loaded from the sample files). */
async function samplesOnPostgres(pg: PgServer, dir: string): Promise<string> {
  const text = fs.readFileSync(path.join(repoRoot, 'samples', 'kpis.yaml'), 'utf8');
  const model = loadKpiFile(text).model;
  const cache = new DataCache();
  let out = text;
  await withClient(pg, async (client) => {
    // From the last source to the first, so that the ranges of those before stay valid.
    for (const source of [...model.sources].reverse()) {
      const file = path.join(repoRoot, 'samples', source.path!.value);
      const loaded = cache.load(file, {
        format: formatOf(source),
        columns: new Map(source.columns.map((c) => [c.name, c.type.value])),
      });
      assert.ok(loaded.ok);
      await createTable(client, `sample_${source.name}`, loaded.table);
      out =
        out.slice(0, source.path!.range.start - 6) +
        `connection: pg\n    table: sample_${source.name}` +
        out.slice(source.path!.range.end);
    }
  });
  out = out
    .replace(/^\s+format: jsonl.*\n/m, '')
    .replace(/^sources:\n/m, `connections:\n${connectionYaml(pg)}sources:\n`);
  fs.writeFileSync(path.join(dir, 'kpis.yaml'), out);
  return out;
}

test('samples: the same KPI file gives the same numbers from PostgreSQL, DuckDB and the in-memory engine', async (t) => {
  const pg = server(t);
  if (!pg) return;
  const dir = workspace(t, {});
  await samplesOnPostgres(pg, dir);
  const env = { KPI_TEST_PG_PASSWORD: pg.password };
  const memory = evalJson(path.join(repoRoot, 'samples'), ['kpis.yaml']);
  const duckdb = evalJson(path.join(repoRoot, 'samples'), ['kpis.yaml', '--engine', 'duckdb']);
  const postgres = evalJson(dir, [], env);
  assert.equal(
    postgres.diagnostics.filter((d) => d.severity === 'error').length,
    0,
    JSON.stringify(postgres.diagnostics),
  );
  assertSameKpis(postgres.kpis, memory.kpis, 'postgres');
  assertSameKpis(duckdb.kpis, memory.kpis, 'duckdb');
});

test('generated data with nulls, gaps and edge dates: PostgreSQL and the in-memory engine agree', async (t) => {
  const pg = server(t);
  if (!pg) return;
  const dir = workspace(t, {
    'memory.kpis.yaml': `version: 1\nsources:\n  events:\n    path: data/events.csv\n    time: at\nkpis:${edgeKpis('events')}`,
    'kpis.yaml': `version: 1\nconnections:\n${connectionYaml(pg)}sources:\n  events:\n    connection: pg\n    table: edge_events\n    time: at\nkpis:${edgeKpis('events')}`,
    'data/events.csv': edgeCsv(),
  });
  const loaded = new DataCache().load(path.join(dir, 'data', 'events.csv'), { format: 'csv' });
  assert.ok(loaded.ok);
  await withClient(pg, (client) => createTable(client, 'edge_events', loaded.table));
  const memory = evalJson(dir, ['memory.kpis.yaml']);
  const postgres = evalJson(dir, ['kpis.yaml'], { KPI_TEST_PG_PASSWORD: pg.password });
  assertSameKpis(postgres.kpis, memory.kpis, 'edge data');
});

test('breakdowns from PostgreSQL equal the in-memory ones (text, numbers, booleans, dates, nulls, the fold)', async (t) => {
  const pg = server(t);
  if (!pg) return;
  const kpis = fs.readFileSync(fixture('breakdown', 'sql.kpis.yaml'), 'utf8');
  const dir = workspace(t, {
    'memory.kpis.yaml': kpis,
    'kpis.yaml': kpis.replace(
      'sources:\n  tickets:\n    path: data/tickets.csv\n',
      `connections:\n${connectionYaml(pg)}sources:\n  tickets:\n    connection: pg\n    table: breakdown_tickets\n`,
    ),
    'data/tickets.csv': fs.readFileSync(fixture('breakdown', 'data', 'tickets.csv'), 'utf8'),
  });
  const loaded = new DataCache().load(path.join(dir, 'data', 'tickets.csv'), { format: 'csv' });
  assert.ok(loaded.ok);
  await withClient(pg, (client) => createTable(client, 'breakdown_tickets', loaded.table));
  const by = ['--by', 'tier', '--by', 'signup', '--by', 'regoin'];
  const memory = breakdownEval(dir, ['memory.kpis.yaml', ...SOME_BREAKDOWN_KPIS, ...by]);
  const postgres = breakdownEval(dir, ['kpis.yaml', ...SOME_BREAKDOWN_KPIS, ...by], {
    KPI_TEST_PG_PASSWORD: pg.password,
  });
  assert.ok(postgres.report.kpis.every((k) => Object.keys(k.breakdowns ?? {}).length > 0));
  assertCloseDeep(postgres.report.kpis, memory.report.kpis, 'kpis');
  assert.match(postgres.stderr, /--by regoin: source "tickets" has no column "regoin"/);
});

/** A port on 127.0.0.1 where nothing listens. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

test('a wrong password, a server that is down, a missing table: each a finding at the source, and the rest still computes', async (t) => {
  const pg = server(t);
  if (!pg) return;
  const down = await closedPort();
  await withClient(pg, async (client) => {
    await client.query('DROP TABLE IF EXISTS present');
    await client.query('CREATE TABLE present (x double precision)');
    await client.query('INSERT INTO present VALUES (1), (2), (3)');
  });
  const dir = workspace(t, {
    'kpis.yaml': `version: 1
connections:
${connectionYaml(pg)}${connectionYaml(pg, { passwordEnv: 'KPI_TEST_WRONG' }).replace('  pg:', '  wrong:')}${connectionYaml(pg, { port: down }).replace('  pg:', '  down:')}sources:
  present:
    connection: pg
    table: present
  missing:
    connection: pg
    table: no_such_table
  refused:
    connection: wrong
    table: present
  unreachable:
    connection: down
    table: present
  local:
    path: data.csv
kpis:
  - id: rows_local
    name: Local rows
    source: local
    formula: count()
  - id: present_rows
    name: Present rows
    source: present
    formula: sum(x)
  - id: missing_rows
    name: Missing rows
    source: missing
    formula: sum(x)
  - id: refused_rows
    name: Refused rows
    source: refused
    formula: sum(x)
  - id: unreachable_rows
    name: Unreachable rows
    source: unreachable
    formula: sum(x)
`,
    'data.csv': 'x\n1\n2\n',
  });
  const r = evalJson(dir, [], { KPI_TEST_PG_PASSWORD: pg.password, KPI_TEST_WRONG: 'not-the-password' });
  const value = (id: string): number | null => r.kpis.find((k) => k.id === id)!.value;
  assert.equal(value('rows_local'), 2);
  assert.equal(value('present_rows'), 6);
  assert.equal(value('missing_rows'), null);
  assert.equal(value('refused_rows'), null);
  assert.equal(value('unreachable_rows'), null);
  const unreadable = r.diagnostics.filter((d) => d.rule === 'source-unreadable');
  const text = fs.readFileSync(path.join(dir, 'kpis.yaml'), 'utf8').split('\n');
  const at = (d: { line: number; column: number }): string => text[d.line - 1]!.slice(d.column - 1);
  assert.equal(unreadable.length, 3, JSON.stringify(r.diagnostics));
  const [missing, refused, unreachable] = unreadable;
  assert.equal(at(missing!), 'no_such_table');
  assert.match(
    missing!.message,
    /^Source "missing" cannot be read: PostgreSQL says: relation "no_such_table" does not exist\./,
  );
  assert.equal(at(refused!), 'wrong');
  assert.match(refused!.message, /refused the password of user/);
  assert.equal(at(unreachable!), 'down');
  assert.match(unreachable!.message, new RegExp(`nothing answers there \\(is the server running\\?\\)`));
  assert.equal(r.status, 1);
});

test('the password never comes from the file: an unset password_env variable is a finding at the connection', async (t) => {
  const pg = server(t);
  if (!pg) return;
  const dir = workspace(t, {
    'kpis.yaml':
      `version: 1\nconnections:\n${connectionYaml(pg, { passwordEnv: 'KPI_TEST_UNSET' })}` +
      'sources:\n  present:\n    connection: pg\n    table: present\n' +
      'kpis:\n  - id: n\n    name: N\n    source: present\n    formula: count()\n',
  });
  const r = evalJson(dir, [], { KPI_TEST_UNSET: undefined });
  const finding = r.diagnostics.find((d) => d.rule === 'source-unreadable')!;
  assert.equal(
    finding.message,
    'Source "present" cannot be read: the environment variable KPI_TEST_UNSET, which holds the password of connection "pg", is not set. KPIs that use it are not computed.',
  );
});
