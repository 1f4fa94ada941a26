// npm run hostile: each hostile input of issue 3, generated at run time under the system's
// temporary folder (the large ones are never committed), run through the built CLI as a
// child process; prints its exit code, the finding it gave, wall time and peak memory.
// Peak RSS comes from /usr/bin/time -v when present, else from scripts/bench/peak.cjs.
// A run that has not finished after HOSTILE_TIMEOUT_S seconds (default 300) is a hang.
// Usage: node scripts/hostile.mjs [name-filter]   (HOSTILE_SKIP_BIG=1 skips the 1 GB case)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist', 'cli.js');
const inputsModule = path.join(root, 'out', 'test', 'cli', 'hostileInputs.js');
for (const needed of [cli, inputsModule]) {
  if (!fs.existsSync(needed)) {
    console.error(`${path.relative(root, needed)} is missing: run npm run build first`);
    process.exit(2);
  }
}
const inputs = createRequire(import.meta.url)(inputsModule);
const timeoutS = Number(process.env.HOSTILE_TIMEOUT_S ?? 300);
const filter = process.argv[2];
const hasTime = fs.existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-v', 'true']).status === 0;
const posix = process.platform !== 'win32';
const MB = 1024 * 1024;

const base = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-lens-hostile-'));
process.on('exit', () => fs.rmSync(base, { recursive: true, force: true }));
let n = 0;
function workspace() {
  const dir = path.join(base, `ws${n++}`);
  fs.mkdirSync(path.join(dir, 'data'), { recursive: true });
  return dir;
}
function write(dir, name, text) {
  fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

/** Each case: a name, what it sets up (cwd and CLI arguments), and the rule or message to look for. */
const cases = [
  {
    name: 'YAML alias bomb (10 levels x 10)',
    setup: () => ({ cwd: write(workspace(), 'kpis.yaml', inputs.aliasBomb(10, 10)), args: ['check'] }),
    expect: /yaml-syntax/,
  },
  {
    name: 'YAML alias bomb (30 levels x 30)',
    setup: () => ({ cwd: write(workspace(), 'kpis.yaml', inputs.aliasBomb(30, 30)), args: ['check'] }),
    expect: /yaml-syntax/,
  },
  {
    name: 'flow lists nested 10,000 deep',
    setup: () => ({ cwd: write(workspace(), 'kpis.yaml', inputs.deepFlow(10_000)), args: ['check'] }),
    expect: /nests more than/,
  },
  {
    name: 'block mappings nested 3,000 deep (4.5 MB)',
    setup: () => ({ cwd: write(workspace(), 'kpis.yaml', inputs.deepBlock(3_000)), args: ['check'] }),
    expect: /nests more than/,
  },
  {
    // 10,000 levels of block indentation take 50 MB of spaces: refused by size first.
    name: 'block mappings nested 10,000 deep (50 MB)',
    setup: () => ({ cwd: write(workspace(), 'kpis.yaml', inputs.deepBlock(10_000)), args: ['check'] }),
    expect: /more than the 16 MB a KPI file may have/,
  },
  {
    name: '10 MB KPI file (check)',
    setup: () => {
      const cwd = workspace();
      inputs.writeBigKpiFile(cwd, 10 * MB);
      return { cwd, args: ['check', '--format', 'json'] };
    },
    expect: /"summary"/,
  },
  {
    name: '10 MB KPI file (eval)',
    setup: () => {
      const cwd = workspace();
      inputs.writeBigKpiFile(cwd, 10 * MB);
      return { cwd, args: ['eval', '--format', 'json'] };
    },
    expect: /"kpis"/,
  },
  {
    name: '100 MB KPI file (check)',
    setup: () => {
      const cwd = workspace();
      inputs.writeBigKpiFile(cwd, 100 * MB);
      return { cwd, args: ['check', '--format', 'json'] };
    },
    expect: /more than the 16 MB a KPI file may have/,
  },
  {
    name: '1 GB data file',
    big: true,
    setup: () => {
      const cwd = workspace();
      inputs.writeBigCsv(path.join(cwd, 'data', 'big.csv'), 1024 * MB);
      return { cwd: write(cwd, 'kpis.yaml', inputs.kpiFileWithSources({ big: 'data/big.csv' })), args: ['check'] };
    },
    expect: /source-unreadable/,
  },
  {
    name: '100 MB data file (eval)',
    setup: () => {
      const cwd = workspace();
      inputs.writeBigCsv(path.join(cwd, 'data', 'big.csv'), 100 * MB);
      return { cwd: write(cwd, 'kpis.yaml', inputs.kpiFileWithSources({ big: 'data/big.csv' })), args: ['eval'] };
    },
    expect: /k_big/,
  },
  ...[5_000, 100_000].flatMap((depth) =>
    ['parens', 'calls', 'unary'].map((shape) => ({
      name: `formula nested ${depth.toLocaleString('en')} deep (${shape})`,
      setup: () => ({
        cwd: write(workspace(), 'kpis.yaml', inputs.kpiFileWithFormula(inputs.deepFormula(depth, shape))),
        args: ['eval'],
      }),
      expect: /nests more than/,
    })),
  ),
  {
    name: 'source path leaving by ..',
    setup: () => {
      const cwd = workspace();
      fs.writeFileSync(path.join(base, 'outside.csv'), 'a\n1\n');
      return { cwd: write(cwd, 'kpis.yaml', inputs.kpiFileWithSources({ up: '../outside.csv' })), args: ['check'] };
    },
    expect: /source-outside-workspace/,
  },
  {
    name: 'source path absolute',
    setup: () => ({
      cwd: write(workspace(), 'kpis.yaml', inputs.kpiFileWithSources({ abs: path.join(base, 'outside.csv') })),
      args: ['check'],
    }),
    expect: /source-outside-workspace/,
  },
  {
    name: 'source path a symbolic link out',
    posix: true,
    setup: () => {
      const cwd = workspace();
      fs.symlinkSync('/etc/passwd', path.join(cwd, 'data', 'link.csv'));
      return { cwd: write(cwd, 'kpis.yaml', inputs.kpiFileWithSources({ link: 'data/link.csv' })), args: ['check'] };
    },
    expect: /source-outside-workspace/,
  },
  {
    name: 'data file a directory',
    setup: () => {
      const cwd = workspace();
      fs.mkdirSync(path.join(cwd, 'data', 'dir.csv'));
      return { cwd: write(cwd, 'kpis.yaml', inputs.kpiFileWithSources({ dir: 'data/dir.csv' })), args: ['check'] };
    },
    expect: /folder, not a file.*source-unreadable/,
  },
  {
    name: 'data file a FIFO',
    posix: true,
    setup: () => {
      const cwd = workspace();
      spawnSync('mkfifo', [path.join(cwd, 'data', 'fifo.csv')]);
      return { cwd: write(cwd, 'kpis.yaml', inputs.kpiFileWithSources({ fifo: 'data/fifo.csv' })), args: ['check'] };
    },
    expect: /named pipe.*source-unreadable/,
  },
  ...['/dev/zero', '/dev/random'].map((device) => ({
    name: `data file ${device} (--allow-outside)`,
    posix: true,
    setup: () => ({
      cwd: write(workspace(), 'kpis.yaml', inputs.kpiFileWithSources({ dev: device })),
      args: ['check', '--allow-outside'],
    }),
    expect: /device.*source-unreadable/,
  })),
  {
    name: 'KPI file a FIFO',
    posix: true,
    setup: () => {
      const cwd = workspace();
      spawnSync('mkfifo', [path.join(cwd, 'kpis.yaml')]);
      return { cwd, args: ['check'] };
    },
    expect: /named pipe/,
  },
  {
    name: 'KPI file /dev/zero',
    posix: true,
    setup: () => ({ cwd: workspace(), args: ['check', '/dev/zero'] }),
    expect: /device/,
  },
];

function run(cwd, args) {
  const peakFile = path.join(base, `peak-${n++}`);
  const command = hasTime
    ? ['/usr/bin/time', ['-v', process.execPath, cli, ...args]]
    : [process.execPath, ['--require', path.join(root, 'scripts', 'bench', 'peak.cjs'), cli, ...args]];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(command[0], command[1], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', KPI_LENS_BENCH_PEAK_FILE: peakFile },
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    timeout: timeoutS * 1000,
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  let peakMb;
  let stderr = r.stderr ?? '';
  let status = r.status;
  if (hasTime) {
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
    peakMb = m ? Number(m[1]) / 1024 : undefined;
    const exit = /Exit status: (\d+)/.exec(stderr);
    if (exit) status = Number(exit[1]);
    stderr = stderr.slice(0, Math.max(0, stderr.lastIndexOf('\tCommand being timed:')));
  } else if (fs.existsSync(peakFile)) {
    peakMb = Number(fs.readFileSync(peakFile, 'utf8')) / 1024;
  }
  return { status, hung: r.error?.code === 'ETIMEDOUT', out: `${r.stdout ?? ''}\n${stderr}`, seconds, peakMb };
}

/** The first line of the output that matches, shortened: the finding a user would read. */
function findingOf(out, expect) {
  const line = out.split('\n').find((l) => expect.test(l)) ?? '';
  return line.length > 110 ? line.slice(0, 107) + '...' : line;
}

console.log(
  `KPI Lens hostile inputs: node ${process.version}, ${os.platform()} ${os.arch()}, ${os.cpus().length} cores, ` +
    `peak RSS by ${hasTime ? '/usr/bin/time -v' : 'process.resourceUsage()'}, timeout ${timeoutS} s\n`,
);
console.log('| input | exit | finding | wall | peak RSS |');
console.log('| --- | --- | --- | --- | --- |');
let failures = 0;
for (const c of cases) {
  if (filter && !c.name.includes(filter)) continue;
  if (c.posix && !posix) continue;
  if (c.big && process.env.HOSTILE_SKIP_BIG) continue;
  const { cwd, args } = c.setup();
  const r = run(cwd, args);
  const finding = findingOf(r.out, c.expect);
  const crashed = /internal error|RangeError|heap out of memory/.test(r.out);
  const ok = !r.hung && !crashed && (r.status === 0 || r.status === 1 || r.status === 2) && finding !== '';
  if (!ok) failures++;
  const exit = r.hung ? 'HANG' : String(r.status);
  const peak = r.peakMb === undefined ? '?' : `${r.peakMb.toFixed(0)} MB`;
  console.log(
    `| ${c.name} | ${exit} | ${(finding || 'NO FINDING').replace(/\|/g, '\\|')} | ${r.seconds.toFixed(2)} s | ${peak} |`,
  );
  fs.rmSync(cwd, { recursive: true, force: true });
}
if (failures > 0) {
  console.error(`\n${failures} input(s) hung, crashed or gave no clear finding`);
  process.exitCode = 1;
}
