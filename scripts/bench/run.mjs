// npm run bench: whole-process timings with peak memory, side by side with the peers the
// speed issue names, in one run:
//   1. kpi-lens check of a generated 1,000-KPI file, and Red Hat's yaml-language-server
//      validating the same file with our schema (yls-peer.cjs: start, open, diagnostics, exit)
//   2. kpi-lens eval of seven monthly CX KPIs over generated 1,000,000- and 5,000,000-row
//      survey CSVs, and the same seven KPIs as one DuckDB SQL query (duckdb-peer.cjs)
//   3. in process, as the extension does it: the re-check after a one-line edit in the middle
//      of the 1,000-KPI file (recheck.mjs), and the main thread's longest block while the
//      1,000,000-row file is checked and evaluated, before and after the worker (mainThread.mjs)
// BENCH_RUNS (default 5) sets the runs per figure (the processes compared run alternately); BENCH_5M=0 leaves out the 5M-row file.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDir, generateKpiFile, generateSurvey } from './generate.mjs';
import { benchRecheck } from './recheck.mjs';
import { benchMainThread } from './mainThread.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = ensureDir(path.join(root, 'bench', 'generated'));
const cli = path.join(root, 'dist', 'cli.js');
const runs = Number(process.env.BENCH_RUNS ?? 5);
if (!existsSync(cli)) {
  console.error('dist/cli.js is missing: run npm run build first');
  process.exit(2);
}

/** One run of a whole process: wall time and peak memory. */
function runOnce(label, args, cwd, env) {
  const peakFile = path.join(os.tmpdir(), `kpi-lens-peak-${process.pid}`);
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', path.join(root, 'scripts', 'bench', 'peak.cjs'), ...args], {
    cwd,
    env: { ...process.env, ...env, KPI_LENS_BENCH_PEAK_FILE: peakFile, NO_COLOR: '1' },
    maxBuffer: 1 << 28,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) {
    console.error(`${label} failed (exit ${r.status}):\n${r.stderr}`);
    process.exit(1);
  }
  const peak = Number(readFileSync(peakFile, 'utf8')) / 1024;
  rmSync(peakFile, { force: true });
  return { ms, peak };
}

/**
 * The processes run alternately, one run of each in turn, `runs` times: a slow spell of
 * the machine then falls on all of them, not on one. Medians per process.
 */
function measure(...entries) {
  const samples = entries.map(() => ({ times: [], peaks: [] }));
  for (let i = 0; i < runs; i++) {
    entries.forEach(({ label, args, cwd, env }, k) => {
      const { ms, peak } = runOnce(label, args, cwd, env ?? {});
      samples[k].times.push(ms);
      samples[k].peaks.push(peak);
    });
  }
  return entries.map(({ label }, k) => {
    const times = samples[k].times.sort((a, b) => a - b);
    const result = { label, medianMs: times[Math.floor(times.length / 2)], minMs: times[0], peakMb: Math.max(...samples[k].peaks) };
    console.log(`${label.padEnd(58)} median ${(result.medianMs / 1000).toFixed(2)} s  (min ${(result.minMs / 1000).toFixed(2)} s)  peak ${result.peakMb.toFixed(0)} MB`);
    return result;
  });
}

console.log(`KPI Lens benchmark: ${runs} runs each, whole processes, node ${process.version}, ${os.cpus().length} cores\n`);
const kpiFile = generateKpiFile(dir);
const [check, yls] = measure(
  { label: 'kpi-lens check, 1,000 KPIs', args: [cli, 'check', path.basename(kpiFile), '--format', 'json'], cwd: dir },
  {
    label: 'yaml-language-server (peer), same file and schema',
    args: [path.join(root, 'scripts', 'bench', 'yls-peer.cjs'), kpiFile, path.join(root, 'schemas', 'kpis.schema.json')],
    cwd: dir,
  },
);
const sizes = process.env.BENCH_5M === '0' ? [1_000_000] : [1_000_000, 5_000_000];
const hasDuckdb = (() => {
  try {
    require_resolve('@duckdb/node-api');
    return true;
  } catch {
    console.log('DuckDB (@duckdb/node-api) not installed: no peer figure');
    return false;
  }
})();
const evals = [];
for (const rows of sizes) {
  const { file, yaml } = await generateSurvey(dir, rows);
  const label = rows.toLocaleString('en-US');
  const evalArgs = [cli, 'eval', path.basename(yaml), '--format', 'json'];
  const [evaluation, oneThread, peer] = measure(
    { label: `kpi-lens eval, 7 monthly KPIs x ${label} rows`, args: evalArgs, cwd: dir },
    { label: `  the same on one thread (KPI_LENS_THREADS=1)`, args: evalArgs, cwd: dir, env: { KPI_LENS_THREADS: '1' } },
    ...(hasDuckdb
      ? [{ label: `DuckDB SQL (peer), same 7 KPIs x ${label} rows`, args: [path.join(root, 'scripts', 'bench', 'duckdb-peer.cjs'), file], cwd: dir }]
      : []),
  );
  evals.push({ label, evaluation, oneThread, peer });
}

console.log('\nratios (target in brackets):');
console.log(`  check / yaml-language-server: time ${(check.medianMs / yls.medianMs).toFixed(2)}x [<= 0.5]`);
for (const { label, evaluation, oneThread, peer } of evals) {
  if (!peer) continue;
  console.log(
    `  eval / DuckDB, ${label} rows: time ${(evaluation.medianMs / peer.medianMs).toFixed(2)}x [<= 1.3], ` +
      `peak memory ${(evaluation.peakMb / peer.peakMb).toFixed(2)}x [<= 1.5]` +
      ` (one thread: ${(oneThread.medianMs / peer.medianMs).toFixed(2)}x, ${(oneThread.peakMb / peer.peakMb).toFixed(2)}x)`,
  );
}
if (evals.length > 1) {
  const [small, large] = evals;
  console.log(`  eval 5M / 1M rows: time ${(large.evaluation.medianMs / small.evaluation.medianMs).toFixed(2)}x, peak ${(large.evaluation.peakMb / small.evaluation.peakMb).toFixed(2)}x (linear: 5x)`);
}
console.log(`check per KPI: ${(check.medianMs / 1000).toFixed(2)} ms`);

console.log('\nin process, as the extension host does it:');
const edits = Number(process.env.BENCH_EDITS ?? 100);
const recheck = benchRecheck(kpiFile, edits);
const ms = (v) => `${v.toFixed(1)} ms`;
console.log(
  `  re-check after a one-line edit, 1,000 KPIs: median ${ms(recheck.recheck.median)}, p95 ${ms(recheck.recheck.p95)} ` +
    `(${recheck.incremental}/${recheck.edits} incremental; full analysis median ${ms(recheck.full.median)}) [<= 10 ms]`,
);
console.log(`  evaluation of every KPI after that edit: median ${ms(recheck.evaluation.median)}, p95 ${ms(recheck.evaluation.p95)}`);
const { yaml: yaml1m } = await generateSurvey(dir, 1_000_000);
const block = await benchMainThread(yaml1m);
console.log(
  `  main thread's longest block while 1,000,000 rows are checked and evaluated: ${ms(block.after.blockMs)} with the worker ` +
    `(all on the main thread: ${ms(block.before.blockMs)}) [<= 50 ms]; same results: ${block.sameResults}`,
);
const vsix = path.join(root, 'kpi-lens.vsix');
if (existsSync(vsix)) console.log(`VSIX (npm run package): ${(statSync(vsix).size / 1024).toFixed(0)} KB [<= 1024]`);

function require_resolve(name) {
  const r = spawnSync(process.execPath, ['-e', `require.resolve(${JSON.stringify(name)})`], { cwd: root });
  if (r.status !== 0) throw new Error('missing');
}
