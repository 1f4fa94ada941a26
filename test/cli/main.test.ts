// `kpi-lens check` as a process (SPEC 6): exit codes, FILE arguments, --help, --version.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fixture, repoRoot } from '../paths';
import { CLI, runCli, show } from './run';

const TODAY = ['--today', '2026-01-15'];

test('exit 0 for a clean file; the summary says so', () => {
  const r = runCli('clean', ['check', ...TODAY]);
  assert.equal(r.status, 0, show(r));
  assert.equal(r.stdout, '✔ no problems\n');
  assert.equal(r.stderr, '');
});

test('FILE defaults to ./kpis.yaml', () => {
  const withFile = runCli('warnings', ['check', 'kpis.yaml', ...TODAY]);
  const without = runCli('warnings', ['check', ...TODAY]);
  assert.equal(without.status, 0, show(without));
  assert.equal(without.stdout, withFile.stdout);
  assert.match(without.stdout, /^kpis\.yaml:13:9: warning: /m);
});

test('exit 0 with warnings only; exit 1 with an error', () => {
  const warnings = runCli('warnings', ['check', ...TODAY]);
  assert.equal(warnings.status, 0, show(warnings));
  const errors = runCli('errors', ['check', ...TODAY]);
  assert.equal(errors.status, 1, show(errors));
  assert.match(errors.stdout, /error: .*\[unknown-goal\]/);
});

test('exit 1 when there are more warnings than --max-warnings N', () => {
  // the warnings fixture has exactly 2 warnings
  for (const [n, code] of [
    ['0', 1],
    ['1', 1],
    ['2', 0],
    ['10', 0],
  ] as const) {
    const r = runCli('warnings', ['check', '--max-warnings', n, ...TODAY]);
    assert.equal(r.status, code, `--max-warnings ${n}\n${show(r)}`);
  }
  const eq = runCli('warnings', ['check', '--max-warnings=1', '--format', 'json', ...TODAY]);
  assert.equal(eq.status, 1, show(eq));
  assert.doesNotThrow(() => JSON.parse(eq.stdout), 'json output stays one document');
});

test('exit 1 for a warning raised to error by the rules map', () => {
  const r = runCli('raised', ['check', ...TODAY]);
  assert.equal(r.status, 1, show(r));
  assert.match(r.stdout, /^kpis\.yaml:13:9: error: KPI "aht" is linked to no goal.* \[no-goal\]$/m);
});

test('infos never change the exit code', () => {
  // the clean file becomes full of infos when every target is past due
  const r = runCli('clean', ['check', '--today', '2100-01-01']);
  assert.equal(r.status, 0, show(r));
  assert.match(r.stdout, /info: .*\[target-past-due\]/);
  assert.match(r.stdout, /0 errors, 0 warnings, 3 infos/);
});

test('several FILE arguments: every file is checked, the worst decides the exit code', () => {
  const r = runCli('multi', ['check', 'sub/team.kpis.yaml', 'kpis.yaml', ...TODAY]);
  assert.equal(r.status, 1, show(r));
  const lines = r.stdout.trimEnd().split('\n');
  assert.ok(
    lines.some((l) => l.startsWith('sub/team.kpis.yaml:13:9: warning: ')),
    show(r),
  );
  assert.ok(
    lines.some((l) => l.startsWith('kpis.yaml:10:13: error: ')),
    show(r),
  );
  assert.match(lines[lines.length - 1]!, /4 problems \(1 error, 3 warnings, 0 infos\)/);
  const clean = runCli('.', ['check', 'clean/kpis.yaml', 'warnings/kpis.yaml', ...TODAY]);
  assert.equal(clean.status, 0, show(clean));
  assert.match(clean.stdout, /^warnings\/kpis\.yaml:13:9: /m);
});

test('exit 2 for a bad flag, a bad --format, a bad --today, a bad --max-warnings', () => {
  const bad: string[][] = [
    ['check', '--nope'],
    ['check', '--format', 'xml'],
    ['check', '--format'],
    ['check', '--today', '2026-02-30'],
    ['check', '--today', '2026-1-5'],
    ['check', '--today', 'yesterday'],
    ['check', '--max-warnings', '-1'],
    ['check', '--max-warnings', 'many'],
    ['check', '--kpi', 'nps'],
    ['frobnicate'],
  ];
  for (const args of bad) {
    const r = runCli('clean', args);
    assert.equal(r.status, 2, `${args.join(' ')}\n${show(r)}`);
    assert.equal(r.stdout, '', `${args.join(' ')}: nothing on stdout`);
    assert.match(r.stderr, /^kpi-lens: /, `${args.join(' ')}: a message on stderr`);
    assert.ok(!/\n\s+at /.test(r.stderr), `${args.join(' ')}: no stack trace`);
  }
  assert.match(runCli('clean', ['check', '--format', 'xml']).stderr, /text, json, sarif, github/);
  assert.match(runCli('clean', ['check', '--today', '2026-02-30']).stderr, /YYYY-MM-DD/);
  // A negative number gets the option's own message, not the argument parser's "ambiguous".
  assert.match(
    runCli('clean', ['check', '--max-warnings', '-1']).stderr,
    /^kpi-lens: --max-warnings needs a whole number of 0 or more, got "-1"/,
  );
});

test('--max-warnings counts in words: "1 warning", "2 warnings"', () => {
  assert.match(
    runCli('warnings', ['check', '--max-warnings', '1', ...TODAY]).stderr,
    /^kpi-lens: 2 warnings, more than --max-warnings 1$/m,
  );
  const one = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-cli-'));
  fs.writeFileSync(
    path.join(one, 'kpis.yaml'),
    'version: 1\ngoals: [{ id: g, title: G }, { id: h, title: H }]\nkpis: [{ id: k, name: K, goals: [g], formula: "1" }]\n',
  );
  const r = runCli(one, ['check', '--max-warnings', '0', ...TODAY]);
  assert.equal(r.status, 1, show(r));
  assert.match(r.stderr, /^kpi-lens: 1 warning, more than --max-warnings 0$/m);
});

test('a valid --today is accepted, including a leap day', () => {
  const r = runCli('clean', ['check', '--today', '2028-02-29']);
  assert.equal(r.status, 0, show(r));
});

test('exit 2 for a missing FILE, a folder, or no ./kpis.yaml', () => {
  const missing = runCli('clean', ['check', 'nope.kpis.yaml']);
  assert.equal(missing.status, 2, show(missing));
  assert.match(missing.stderr, /nope\.kpis\.yaml/);
  const folder = runCli('clean', ['check', 'data']);
  assert.equal(folder.status, 2, show(folder));
  const noDefault = runCli('.', ['check']);
  assert.equal(noDefault.status, 2, show(noDefault));
  assert.match(noDefault.stderr, /kpis\.yaml/);
  // one unreadable FILE among good ones is still exit 2
  const mixed = runCli('clean', ['check', 'kpis.yaml', 'nope.kpis.yaml']);
  assert.equal(mixed.status, 2, show(mixed));
});

/** Who can be denied a file: this user, or, for root (as CI runs), the unprivileged nobody. */
const isRoot = process.getuid?.() === 0;

test('an unreadable FILE (no permission) is exit 2, with the reason and no stack trace', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-lens-perm-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.chmodSync(dir, 0o755); // the folder may be entered, the file may not be read
  fs.writeFileSync(path.join(dir, 'kpis.yaml'), 'version: 1\n', { mode: 0o000 });
  // Root reads any file, so as root the CLI runs as nobody, from a copy of the self-contained
  // bundle in that folder (the checkout may be in a folder nobody cannot enter).
  let unprivileged: { uid: number; gid: number; cli: string } | undefined;
  if (isRoot) {
    const cli = path.join(dir, 'cli.js');
    fs.copyFileSync(CLI, cli);
    fs.chmodSync(cli, 0o755);
    unprivileged = { uid: 65534, gid: 65534, cli };
  }
  // The version check proves the CLI starts as that user, so the exit 2 below is about the file.
  assert.equal(runCli(dir, ['--version'], {}, unprivileged).status, 0, 'the CLI starts as this user');
  const r = runCli(dir, ['check'], {}, unprivileged);
  assert.equal(r.status, 2, show(r));
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^kpi-lens: cannot read kpis\.yaml \(EACCES\)/);
  assert.ok(!/\n\s+at /.test(r.stderr), 'no stack trace');
});

test(
  'a FILE that cannot be read even by root (/proc/self/mem) is exit 2',
  { skip: process.platform !== 'linux' && 'Linux only' },
  () => {
    const r = runCli('clean', ['check', '/proc/self/mem']);
    assert.equal(r.status, 2, show(r));
    assert.match(r.stderr, /^kpi-lens: cannot read \/proc\/self\/mem \(E[A-Z]+\)/);
  },
);

test('data problems are findings, not exit 2: a missing data file is exit 1', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-lens-data-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(
    path.join(dir, 'kpis.yaml'),
    'version: 1\ngoals:\n  - id: g\n    title: G\nsources:\n  s:\n    path: gone.csv\nkpis:\n  - id: k\n    name: K\n    goals: [g]\n    source: s\n    formula: count()\n',
  );
  const r = runCli(dir, ['check', ...TODAY]);
  assert.equal(r.status, 1, show(r));
  assert.match(r.stdout, /^kpis\.yaml:7:11: error: .*gone\.csv.*\[source-unreadable\]$/m);
});

test('a broken KPI file is findings (exit 1), not exit 2', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-lens-broken-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  for (const text of ['', 'version: 1\nkpis: [\n', '\u0000\u0001garbage']) {
    fs.writeFileSync(path.join(dir, 'kpis.yaml'), text);
    const r = runCli(dir, ['check']);
    assert.equal(r.status, 1, `${JSON.stringify(text)}\n${show(r)}`);
    assert.match(r.stdout, /error/);
  }
});

test('source-outside-workspace: the workspace is the current directory when the file is inside it', () => {
  // from ws/, ../data.csv leaves the workspace
  const inWs = runCli('outside/ws', ['check', ...TODAY]);
  assert.equal(inWs.status, 1, show(inWs));
  assert.match(inWs.stdout, /^kpis\.yaml:9:11: error: .*\[source-outside-workspace\]$/m);
  // --allow-outside lifts it
  const allowed = runCli('outside/ws', ['check', '--allow-outside', ...TODAY]);
  assert.equal(allowed.status, 0, show(allowed));
  // from outside/, the same file is inside the current directory, and so is ../data.csv
  const fromParent = runCli('outside', ['check', 'ws/kpis.yaml', ...TODAY]);
  assert.equal(fromParent.status, 0, show(fromParent));
  // from a folder the file is not in, the workspace is the file's folder
  const elsewhere = runCli('clean', ['check', '../outside/ws/kpis.yaml', ...TODAY]);
  assert.equal(elsewhere.status, 1, show(elsewhere));
  assert.match(elsewhere.stdout, /source-outside-workspace/);
});

test('--help and --version', () => {
  const version = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string })
    .version;
  for (const flag of ['--version', '-v']) {
    const r = runCli('clean', [flag]);
    assert.equal(r.status, 0, show(r));
    assert.equal(r.stdout, `${version}\n`);
  }
  for (const args of [['--help'], ['-h'], ['check', '--help'], ['help']]) {
    const r = runCli('clean', args);
    assert.equal(r.status, 0, `${args.join(' ')}\n${show(r)}`);
    assert.match(r.stdout, /kpi-lens check \[FILE/);
    for (const word of [
      '--format',
      '--max-warnings',
      '--today',
      '--allow-outside',
      'text|json|sarif|github',
      'Exit codes',
    ]) {
      assert.ok(r.stdout.includes(word), `help mentions ${word}`);
    }
  }
});

test('kpi-lens with no arguments prints the help on stderr and exits 2 (SPEC 8.9)', () => {
  const r = runCli('clean', []);
  assert.equal(r.status, 2, show(r));
  assert.equal(r.stdout, '', 'nothing on stdout: a script piping it gets no help text as data');
  assert.match(r.stderr, /kpi-lens check \[FILE/);
  assert.match(r.stderr, /Exit codes/);
});

test('dist/cli.js is the package bin and runs with a shebang', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    bin: Record<string, string>;
  };
  assert.equal(path.normalize(pkg.bin['kpi-lens']!), path.normalize('dist/cli.js'));
  assert.ok(fs.readFileSync(path.join(repoRoot, 'dist', 'cli.js'), 'utf8').startsWith('#!/usr/bin/env node\n'));
  assert.ok(fs.existsSync(fixture('cli', 'clean', 'kpis.yaml')));
});

test('a KPI file saved in another encoding (Latin-1) is an error at its first unreadable character, and the rest is still checked', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-cli-latin1-'));
  fs.writeFileSync(
    path.join(dir, 'kpis.yaml'),
    Buffer.from(
      'version: 1\ngoals: [{ id: g, title: "Kunden gl\u00fccklich" }, { id: h, title: H }]\nkpis: [{ id: k, name: K, goals: [g], formula: "1" }]\n',
      'latin1',
    ),
  );
  const r = runCli(dir, ['check', '--format', 'json', ...TODAY]);
  assert.equal(r.status, 1, show(r));
  const { diagnostics } = JSON.parse(r.stdout) as {
    diagnostics: { rule: string; line: number; column: number; message: string }[];
  };
  const encoding = diagnostics.find((d) => d.rule === 'yaml-syntax')!;
  assert.deepEqual([encoding.line, encoding.column], [2, 35]); // the ü of "glücklich"
  assert.match(encoding.message, /not saved as UTF-8/);
  assert.ok(
    diagnostics.some((d) => d.rule === 'goal-without-kpi'),
    'the other checks still run',
  );
  // The same file in UTF-8 has no such error.
  fs.writeFileSync(
    path.join(dir, 'kpis.yaml'),
    'version: 1\ngoals: [{ id: g, title: "Kunden gl\u00fccklich" }, { id: h, title: H }]\nkpis: [{ id: k, name: K, goals: [g], formula: "1" }]\n',
  );
  assert.ok(!runCli(dir, ['check', ...TODAY]).stdout.includes('UTF-8'));
});
