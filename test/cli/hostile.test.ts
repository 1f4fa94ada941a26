// Hostile input through the built CLI as a process (issue 3): each gives a clear finding at
// the right place and the exit code of SPEC 6, within a deadline (a hang fails the test),
// and within a bound on peak memory. The slow ones (100 MB KPI file, 1 GB of real data)
// are measured by scripts/hostile.mjs (npm run hostile) instead.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { repoRoot } from '../paths';
import { CLI } from './run';
import {
  aliasBomb,
  deepFlow,
  deepFormula,
  kpiFileWithFormula,
  kpiFileWithSources,
  writeBigKpiFile,
} from './hostileInputs';

const base = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-lens-hostile-'));
after(() => fs.rmSync(base, { recursive: true, force: true }));
const posix = process.platform !== 'win32';
const root = process.getuid?.() === 0;
const PEAK = path.join(repoRoot, 'scripts', 'bench', 'peak.cjs');
const MB = 1024 * 1024;

interface Outcome {
  status: number | null;
  stdout: string;
  stderr: string;
  peakMb: number;
}

let count = 0;
function workspace(kpis?: string): string {
  const dir = path.join(base, `ws${count++}`);
  fs.mkdirSync(path.join(dir, 'data'), { recursive: true });
  if (kpis !== undefined) fs.writeFileSync(path.join(dir, 'kpis.yaml'), kpis);
  return dir;
}

/** `node dist/cli.js …args` in `cwd`; fails the test if it has not ended after `seconds`. */
function cli(cwd: string, args: string[], seconds = 30): Outcome {
  const peakFile = path.join(base, `peak-${count++}`);
  const r = spawnSync(process.execPath, ['--require', PEAK, CLI, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: seconds * 1000,
    env: { ...process.env, NO_COLOR: '1', KPI_LENS_BENCH_PEAK_FILE: peakFile },
  });
  assert.equal(r.error, undefined, `kpi-lens ${args.join(' ')} had not ended after ${seconds} s: it hangs`);
  assert.doesNotMatch(r.stderr, /internal error|RangeError|out of memory/, r.stderr);
  const peakMb = Number(fs.readFileSync(peakFile, 'utf8')) / 1024;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, peakMb };
}

interface JsonDiagnostic {
  rule: string;
  severity: string;
  message: string;
  line: number;
  column: number;
}

function diagnostics(o: Outcome): JsonDiagnostic[] {
  return (JSON.parse(o.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics;
}

/** The line:column (1-based) of the first occurrence of `needle` in the workspace's kpis.yaml. */
function at(cwd: string, needle: string): { line: number; column: number } {
  const text = fs.readFileSync(path.join(cwd, 'kpis.yaml'), 'utf8');
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, needle);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/** check --format json on a workspace whose one source is `sourcePath`: its finding for that source. */
function sourceFinding(cwd: string, sourcePath: string, extra: string[] = []): JsonDiagnostic {
  const o = cli(cwd, ['check', '--format', 'json', ...extra]);
  assert.equal(o.status, 1, o.stdout + o.stderr);
  const found = diagnostics(o).filter((d) => d.rule.startsWith('source-'));
  assert.equal(found.length, 1, JSON.stringify(diagnostics(o)));
  assert.equal(found[0]!.severity, 'error');
  const where = at(cwd, JSON.stringify(sourcePath));
  assert.deepEqual({ line: found[0]!.line, column: found[0]!.column }, where, 'at the source path');
  assert.ok(o.peakMb < 500, `peak ${o.peakMb} MB`);
  return found[0]!;
}

test('a source leaving the workspace by .., by an absolute path or by a symbolic link: source-outside-workspace, not read', () => {
  const secret = path.join(base, 'secret.csv');
  fs.writeFileSync(secret, 'a\n1\n');
  for (const p of ['../secret.csv', 'data/../../secret.csv', secret]) {
    const f = sourceFinding(workspace(kpiFileWithSources({ s: p })), p);
    assert.equal(f.rule, 'source-outside-workspace');
    assert.match(f.message, /lies outside the workspace folder, so KPI Lens does not read it/);
  }
  if (!posix) return;
  const cwd = workspace(kpiFileWithSources({ s: 'data/link.csv' }));
  fs.symlinkSync(secret, path.join(cwd, 'data', 'link.csv'));
  assert.equal(sourceFinding(cwd, 'data/link.csv').rule, 'source-outside-workspace');
  // A link to a folder outside, with the file below it.
  const linked = workspace(kpiFileWithSources({ s: 'data/out/secret.csv' }));
  fs.symlinkSync(base, path.join(linked, 'data', 'out'));
  assert.equal(sourceFinding(linked, 'data/out/secret.csv').rule, 'source-outside-workspace');
});

test('a data file that is a folder: source-unreadable in plain words at the path', () => {
  const cwd = workspace(kpiFileWithSources({ s: 'data/dir.csv' }));
  fs.mkdirSync(path.join(cwd, 'data', 'dir.csv'));
  const f = sourceFinding(cwd, 'data/dir.csv');
  assert.equal(f.rule, 'source-unreadable');
  assert.match(f.message, /cannot open data\/dir\.csv: it is a folder, not a file/);
});

test('a data file that is a FIFO: source-unreadable at once (reading it would wait forever)', { skip: !posix }, () => {
  const cwd = workspace(kpiFileWithSources({ s: 'data/pipe.csv' }));
  spawnSync('mkfifo', [path.join(cwd, 'data', 'pipe.csv')]);
  const f = sourceFinding(cwd, 'data/pipe.csv');
  assert.equal(f.rule, 'source-unreadable');
  assert.match(f.message, /cannot open data\/pipe\.csv: it is a named pipe \(FIFO\), not a regular file/);
  const o = cli(cwd, ['eval', '--format', 'json']);
  assert.equal(o.status, 1);
});

test('a data file that is a device (/dev/zero never ends, /dev/random): source-unreadable', { skip: !posix }, () => {
  for (const device of ['/dev/zero', '/dev/random', '/dev/null']) {
    if (!fs.existsSync(device)) continue;
    // Outside the workspace, so only with --allow-outside; without it, not even looked at.
    const cwd = workspace(kpiFileWithSources({ s: device }));
    assert.equal(sourceFinding(cwd, device).rule, 'source-outside-workspace');
    const f = sourceFinding(cwd, device, ['--allow-outside']);
    assert.equal(f.rule, 'source-unreadable');
    assert.match(f.message, new RegExp(`cannot open ${device}: it is a device, not a regular file`));
  }
});

test(
  'a device node inside the workspace, or a link to /dev/zero allowed out: source-unreadable',
  { skip: !posix },
  () => {
    const cwd = workspace(kpiFileWithSources({ s: 'data/zero.csv' }));
    fs.symlinkSync('/dev/zero', path.join(cwd, 'data', 'zero.csv'));
    assert.equal(sourceFinding(cwd, 'data/zero.csv', ['--allow-outside']).rule, 'source-unreadable');
    if (!root) return; // mknod needs root
    const dev = workspace(kpiFileWithSources({ s: 'data/dev.csv' }));
    const made = spawnSync('mknod', [path.join(dev, 'data', 'dev.csv'), 'c', '1', '5']); // /dev/zero's numbers
    if (made.status !== 0) return;
    const f = sourceFinding(dev, 'data/dev.csv');
    assert.equal(f.rule, 'source-unreadable');
    assert.match(f.message, /it is a device, not a regular file/);
  },
);

test('a 1 GB data file is refused by size, naming its size and the limit, without reading it', () => {
  const cwd = workspace(kpiFileWithSources({ s: 'data/big.csv' }));
  // Sparse: 1 GB by its size, nothing on disk. The size alone decides, before any read.
  fs.writeFileSync(path.join(cwd, 'data', 'big.csv'), 'at,value\n');
  fs.truncateSync(path.join(cwd, 'data', 'big.csv'), 1024 * MB);
  const f = sourceFinding(cwd, 'data/big.csv');
  assert.equal(f.rule, 'source-unreadable');
  assert.match(f.message, /cannot open data\/big\.csv: it is 1024 MB, more than the 512 MB a data file may have/);
});

test('a KPI file that is a FIFO, a device or a folder: exit 2 with a message, not a hang', () => {
  const cwd = workspace();
  const cases: [string, RegExp][] = [['data', /data is a folder, not a KPI file/]];
  if (posix) {
    spawnSync('mkfifo', [path.join(cwd, 'pipe.yaml')]);
    cases.push(['pipe.yaml', /cannot read pipe\.yaml: it is a named pipe \(FIFO\), not a regular file/]);
    for (const d of ['/dev/zero', '/dev/random']) {
      if (fs.existsSync(d)) cases.push([d, new RegExp(`cannot read ${d}: it is a device, not a regular file`)]);
    }
  }
  for (const [file, message] of cases) {
    for (const command of ['check', 'eval']) {
      const o = cli(cwd, [command, file]);
      assert.equal(o.status, 2, `${command} ${file}: ${o.stderr}`);
      assert.match(o.stderr, message);
      assert.equal(o.stdout, '');
    }
  }
});

test('a KPI file above 16 MB: exit 2 naming its size and the limit, at once', () => {
  const cwd = workspace();
  fs.writeFileSync(path.join(cwd, 'kpis.yaml'), 'version: 1\n');
  fs.truncateSync(path.join(cwd, 'kpis.yaml'), 100 * MB); // sparse
  const o = cli(cwd, ['check'], 20);
  assert.equal(o.status, 2, o.stderr);
  assert.match(o.stderr, /cannot read kpis\.yaml: it is 100 MB, more than the 16 MB a KPI file may have/);
  assert.ok(o.peakMb < 200, `peak ${o.peakMb} MB: the file was not read`);
});

test('a 10 MB KPI file is checked: findings, exit 1, bounded time and memory', { timeout: 10 * 60_000 }, () => {
  const cwd = workspace();
  writeBigKpiFile(cwd, 10 * MB);
  const o = cli(cwd, ['check', '--format', 'json'], 300);
  assert.equal(o.status, 1, o.stderr);
  const rules = new Set(diagnostics(o).map((d) => d.rule));
  for (const rule of ['no-goal', 'unknown-goal']) assert.ok(rules.has(rule), `${rule} among ${[...rules].join(', ')}`);
  assert.ok(o.peakMb < 3000, `peak ${o.peakMb} MB`);
});

test('a YAML alias bomb: one yaml-syntax error at an alias, exit 1, promptly', () => {
  for (const [levels, width] of [
    [10, 10],
    [30, 30],
  ] as const) {
    const cwd = workspace(aliasBomb(levels, width));
    const o = cli(cwd, ['check', '--format', 'json']);
    assert.equal(o.status, 1);
    const f = diagnostics(o).filter((d) => d.rule === 'yaml-syntax');
    assert.equal(f.length, 1, JSON.stringify(diagnostics(o)));
    assert.match(f[0]!.message, /aliases expand too far/);
    assert.equal(f[0]!.line, 3, 'at the first alias');
    assert.ok(o.peakMb < 500, `peak ${o.peakMb} MB`);
  }
});

test('YAML nested 10,000 deep: a plain yaml-syntax finding, exit 1', () => {
  const o = cli(workspace(deepFlow(10_000)), ['check', '--format', 'json']);
  assert.equal(o.status, 1);
  const f = diagnostics(o);
  assert.equal(f.length, 1, JSON.stringify(f));
  assert.equal(f[0]!.rule, 'yaml-syntax');
  assert.match(f[0]!.message, /^The file nests more than 100 levels deep/);
});

test('a formula nested 5,000 deep (parentheses, calls, minus signs): formula-syntax "nests more than", exit 1', () => {
  for (const shape of ['parens', 'calls', 'unary'] as const) {
    for (const command of ['check', 'eval']) {
      const cwd = workspace(kpiFileWithFormula(deepFormula(5_000, shape)));
      const o = cli(cwd, [command, '--format', 'json']);
      assert.equal(o.status, 1, `${shape} ${command}: ${o.stderr}`);
      const f = diagnostics(o).filter((d) => d.rule === 'formula-syntax');
      assert.equal(f.length, 1, JSON.stringify(diagnostics(o)));
      assert.match(f[0]!.message, /^The formula nests more than 200 levels deep: simplify it\.$/);
      assert.equal(f[0]!.line, at(cwd, 'formula:').line, 'on the formula line');
    }
  }
  // Just under the limit it is computed.
  const o = cli(workspace(kpiFileWithFormula(deepFormula(150, 'parens'))), ['eval', '--format', 'json']);
  assert.equal(o.status, 0, o.stdout);
  const kpis = (JSON.parse(o.stdout) as { kpis: { value: number }[] }).kpis;
  assert.equal(kpis[0]!.value, 1);
});
