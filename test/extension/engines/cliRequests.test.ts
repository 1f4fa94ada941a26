// The editor's requests to the kpi-lens command line, against the built CLI (dist/cli.js)
// with its real DuckDB driver, and against stand-in scripts for CLIs that misbehave.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { ENGINE_PROTOCOL, type EngineRequest } from '../../../src/core/data/engineProtocol';
import type { EngineSource } from '../../../src/core/data/engineSources';
import { engineValuesFromJson } from '../../../src/core/evaluation/engineValues';
import { askCli } from '../../../src/extension/engines/cliRequests';
import { repoRoot } from '../../paths';

const CLI = path.join(repoRoot, 'dist', 'cli.js');
const FIXTURE = path.join(repoRoot, 'test', 'integration', 'workspace', 'engines', 'duckdb.kpis.yaml');

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-lens-ask-')));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function querySource(query: string): EngineSource {
  return { source: 's', engine: 'duckdb', read: { kind: 'query', query } };
}

function describe(root: string, specs: EngineSource[]): EngineRequest {
  return {
    protocol: ENGINE_PROTOCOL,
    request: 'describe',
    workspaceRoot: root,
    allowOutside: false,
    passwords: {},
    specs,
  };
}

/** A stand-in command line: a script that does what `body` says. */
function script(dir: string, body: string): string {
  const file = path.join(dir, 'cli.js');
  fs.writeFileSync(file, body);
  return file;
}

test('describe: the columns and types DuckDB gives a query, in order', async (t) => {
  const root = tempDir(t);
  const answer = await askCli(
    CLI,
    describe(root, [querySource("select 1.5 as amount, 'EU' as region, true as paid, date '2026-01-02' as at")]),
    { cwd: root },
  );
  assert.ok('infos' in answer, JSON.stringify(answer));
  assert.deepEqual(answer.infos, [
    {
      ok: true,
      columns: [
        { name: 'amount', type: 'number' },
        { name: 'region', type: 'string' },
        { name: 'paid', type: 'boolean' },
        { name: 'at', type: 'date' },
      ],
    },
  ]);
});

test("describe: DuckDB reads files only inside the request's workspace folder", async (t) => {
  const root = tempDir(t);
  const outside = tempDir(t);
  fs.writeFileSync(path.join(outside, 'o.csv'), 'a\n1\n');
  fs.writeFileSync(path.join(root, 'i.csv'), 'a\n1\n');
  const answer = await askCli(
    CLI,
    describe(root, [
      querySource(`select * from read_csv('${path.join(outside, 'o.csv')}')`),
      querySource(`select * from read_csv('${path.join(root, 'i.csv')}')`),
    ]),
    { cwd: root },
  );
  assert.ok('infos' in answer);
  assert.equal(answer.infos[0]!.ok, false, JSON.stringify(answer.infos[0]));
  assert.deepEqual(answer.infos[1], { ok: true, columns: [{ name: 'a', type: 'number' }] });
});

test('evaluate: the values of the KPIs on engine sources, for the text as sent (saved or not)', async () => {
  const root = path.dirname(FIXTURE);
  // The editor's text, not the file's: the chats KPI counts emails here.
  const text = fs.readFileSync(FIXTURE, 'utf8').replace('count(channel == "chat")', 'count(channel == "email")');
  const answer = await askCli(
    CLI,
    {
      protocol: ENGINE_PROTOCOL,
      request: 'evaluate',
      file: FIXTURE,
      text,
      workspaceRoot: root,
      allowOutside: false,
      passwords: {},
    },
    { cwd: root },
  );
  assert.ok('values' in answer, JSON.stringify(answer));
  const found = engineValuesFromJson(answer.values);
  // By hand: January (4 + 2) / 2 = 3, February 5; one email.
  assert.deepEqual(
    found.values.get('avg_csat')?.series?.map((p) => [p.period, p.value]),
    [
      ['2026-01', 3],
      ['2026-02', 5],
    ],
  );
  assert.equal(found.values.get('chats')?.value, 1);
  assert.equal(found.values.has('chat_share'), false, 'derived KPIs are the editor’s to compute');
  assert.match(found.failures.get('typo') ?? '', /formula/);
});

test('a request that is not one: exit 2 and a JSON error, which askCli reports', async (t) => {
  const root = tempDir(t);
  const run = spawnSync(process.execPath, [CLI, 'engines'], { input: '{"protocol": 9}', encoding: 'utf8' });
  assert.equal(run.status, 2);
  assert.match(JSON.parse(run.stdout).error, /speaks protocol 9; this kpi-lens speaks 1/);
  const bad = { ...describe(root, []), specs: [{ source: 1 }] } as unknown as EngineRequest;
  await assert.rejects(askCli(CLI, bad, { cwd: root }), /refused the request: a describe request needs specs/);
});

test('an older CLI, a newer protocol, a crash, silence, a cancel: each a plain reason', async (t) => {
  const dir = tempDir(t);
  const request = describe(dir, []);
  const old = script(
    dir,
    'process.stderr.write(\'kpi-lens: unknown command "engines" (try check, eval or sql)\\n\'); process.exit(2);',
  );
  await assert.rejects(
    askCli(old, request, { cwd: dir }),
    /too old to answer the editor \(it has no `engines` command\): update it/,
  );
  const newer = script(dir, "process.stdout.write(JSON.stringify({ protocol: 2, version: '9.0.0', infos: [] }));");
  await assert.rejects(askCli(newer, request, { cwd: dir }), /speaks protocol 2 and this extension 1/);
  const crash = script(dir, "throw new Error('boom');");
  await assert.rejects(
    askCli(crash, request, { cwd: dir }),
    /the kpi-lens command line failed \(exit 1\): Error: boom/,
  );
  const silent = script(dir, 'setTimeout(() => {}, 60_000);');
  await assert.rejects(askCli(silent, request, { cwd: dir, timeoutMs: 300 }), /did not answer within 0.3 s/);
  const controller = new AbortController();
  const asked = askCli(silent, request, { cwd: dir, signal: controller.signal });
  controller.abort();
  await assert.rejects(asked, /cancelled/);
});

test("PostgreSQL: the editor's stored password, sent in the request, comes before password_env", async (t) => {
  const env = process.env;
  if (!env.KPI_LENS_TEST_PGPORT) {
    const why = 'no PostgreSQL server: run the tests through scripts/postgres.sh run -- npm run test:unit';
    if (env.CI === 'true') throw new Error(`CI=true but ${why}`);
    t.skip(why);
    return;
  }
  const root = tempDir(t);
  const target = {
    host: env.KPI_LENS_TEST_PGHOST ?? '127.0.0.1',
    port: Number(env.KPI_LENS_TEST_PGPORT),
    database: env.KPI_LENS_TEST_PGDATABASE ?? '',
    user: env.KPI_LENS_TEST_PGUSER ?? '',
    sslmode: 'disable' as const,
    passwordEnv: 'KPI_LENS_NO_SUCH_VARIABLE',
  };
  const spec: EngineSource = {
    source: 'orders',
    engine: 'postgres',
    connection: 'pg',
    postgres: target,
    read: { kind: 'query', query: 'select 1.5::float8 as amount' },
  };
  const without = await askCli(CLI, describe(root, [spec]), { cwd: root });
  assert.ok('infos' in without);
  assert.equal(without.infos[0]!.ok, false);
  assert.match(JSON.stringify(without.infos[0]), /KPI_LENS_NO_SUCH_VARIABLE/);
  const key = `postgres://${target.user}@${target.host}:${target.port}/${target.database}`;
  const withPassword = await askCli(
    CLI,
    { ...describe(root, [spec]), passwords: { [key]: env.KPI_LENS_TEST_PGPASSWORD ?? '' } },
    { cwd: root },
  );
  assert.ok('infos' in withPassword);
  assert.deepEqual(withPassword.infos, [{ ok: true, columns: [{ name: 'amount', type: 'number' }] }]);
  const wrong = await askCli(
    CLI,
    { ...describe(root, [spec]), passwords: { [key]: 'not-the-password' } },
    { cwd: root },
  );
  assert.ok('infos' in wrong);
  assert.match(JSON.stringify(wrong.infos[0]), /refused the password/);
});
