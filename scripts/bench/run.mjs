// npm run bench: whole-process timings with peak memory, against DuckDB as a peer.
//   1. kpi-lens check on a generated 1,000-KPI file
//   2. kpi-lens eval of seven monthly CX KPIs over a generated 1,000,000-row survey CSV
//   3. the same seven KPIs in DuckDB SQL over the same CSV (a separate process), for the ratio
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDir, generateKpiFile, generateSurvey } from './generate.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = ensureDir(path.join(root, 'bench', 'generated'));
const cli = path.join(root, 'dist', 'cli.js');
const runs = Number(process.env.BENCH_RUNS ?? 3);
if (!existsSync(cli)) {
  console.error('dist/cli.js is missing: run npm run build first');
  process.exit(2);
}

function measure(label, args, cwd) {
  const times = [];
  const peaks = [];
  const peakFile = path.join(os.tmpdir(), `kpi-lens-peak-${process.pid}`);
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['--require', path.join(root, 'scripts', 'bench', 'peak.cjs'), ...args], {
      cwd,
      env: { ...process.env, KPI_LENS_BENCH_PEAK_FILE: peakFile, NO_COLOR: '1' },
      maxBuffer: 1 << 28,
    });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0 && r.status !== 1) {
      console.error(`${label} failed (exit ${r.status}):\n${r.stderr}`);
      process.exit(1);
    }
    times.push(ms);
    peaks.push(Number(readFileSync(peakFile, 'utf8')) / 1024);
    rmSync(peakFile, { force: true });
  }
  times.sort((a, b) => a - b);
  const result = { label, medianMs: times[Math.floor(times.length / 2)], minMs: times[0], peakMb: Math.max(...peaks) };
  console.log(`${label.padEnd(58)} median ${(result.medianMs / 1000).toFixed(2)} s  (min ${(result.minMs / 1000).toFixed(2)} s)  peak ${result.peakMb.toFixed(0)} MB`);
  return result;
}

console.log(`KPI Lens benchmark: ${runs} runs each, whole processes, node ${process.version}, ${os.cpus().length} cores\n`);
const kpiFile = generateKpiFile(dir);
const { yaml } = await generateSurvey(dir);
const check = measure('kpi-lens check, 1,000 KPIs', [cli, 'check', path.basename(kpiFile), '--format', 'json'], dir);
const evaluation = measure('kpi-lens eval, 7 monthly KPIs x 1,000,000 rows', [cli, 'eval', path.basename(yaml), '--format', 'json'], dir);

const duckdbScript = path.join(root, 'scripts', 'bench', 'duckdb-peer.cjs');
let peer;
try {
  require_resolve('@duckdb/node-api');
  peer = measure('DuckDB SQL (peer), same 7 KPIs x 1,000,000 rows', [duckdbScript, path.join(dir, 'survey-1m.csv')], dir);
} catch {
  console.log('DuckDB (@duckdb/node-api) not installed: no peer figure');
}
if (peer) {
  console.log(`\nratio eval / DuckDB: time ${(evaluation.medianMs / peer.medianMs).toFixed(2)}x, peak memory ${(evaluation.peakMb / peer.peakMb).toFixed(2)}x`);
}
console.log(`check per KPI: ${(check.medianMs / 1000).toFixed(2)} ms`);

function require_resolve(name) {
  const r = spawnSync(process.execPath, ['-e', `require.resolve(${JSON.stringify(name)})`], { cwd: root });
  if (r.status !== 0) throw new Error('missing');
}
