// npm run bench:engines: kpi-lens eval of the seven monthly CX KPIs of npm run bench over
// the generated 1,000,000- and 5,000,000-row survey CSVs, on the in-memory engine and
// through DuckDB (--engine duckdb), whole processes with peak memory; the two reports
// must agree (1e-9 relative). BENCH_RUNS (default 3) sets the runs per figure; BENCH_5M=0
// leaves out the 5M-row file. Needs @duckdb/node-api (an optional dependency).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDir, generateSurvey } from './generate.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = ensureDir(path.join(root, 'bench', 'generated'));
const cli = path.join(root, 'dist', 'cli.js');
const runs = Number(process.env.BENCH_RUNS ?? 3);
if (!existsSync(cli)) {
  console.error('dist/cli.js is missing: run npm run build first');
  process.exit(2);
}

function measure(label, args) {
  const times = [];
  const peaks = [];
  let stdout = '';
  const peakFile = path.join(os.tmpdir(), `kpi-lens-peak-${process.pid}`);
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['--require', path.join(root, 'scripts', 'bench', 'peak.cjs'), ...args], {
      cwd: dir,
      env: { ...process.env, KPI_LENS_BENCH_PEAK_FILE: peakFile, NO_COLOR: '1' },
      maxBuffer: 1 << 28,
      encoding: 'utf8',
    });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.status !== 0 && r.status !== 1) {
      console.error(`${label} failed (exit ${r.status}):\n${r.stderr}`);
      process.exit(1);
    }
    stdout = r.stdout;
    peaks.push(Number(readFileSync(peakFile, 'utf8')) / 1024);
    rmSync(peakFile, { force: true });
  }
  times.sort((a, b) => a - b);
  const result = { medianMs: times[Math.floor(times.length / 2)], minMs: times[0], peakMb: Math.max(...peaks), stdout };
  console.log(
    `${label.padEnd(52)} median ${(result.medianMs / 1000).toFixed(2)} s  (min ${(result.minMs / 1000).toFixed(2)} s)  peak ${result.peakMb.toFixed(0)} MB`,
  );
  return result;
}

function sameNumbers(a, b) {
  const close = (x, y) => (x === null || y === null ? x === y : Math.abs(x - y) <= 1e-9 * Math.max(1e-6, Math.abs(x), Math.abs(y)));
  const ka = JSON.parse(a).kpis;
  const kb = JSON.parse(b).kpis;
  return ka.every((k, i) => close(k.value, kb[i].value) && k.series.every((s, j) => close(s.value, kb[i].series[j]?.value ?? null)));
}

console.log(`KPI Lens engines: ${runs} runs each, whole processes, node ${process.version}, ${os.cpus().length} cores\n`);
const sizes = process.env.BENCH_5M === '0' ? [1_000_000] : [1_000_000, 5_000_000];
for (const rows of sizes) {
  const { yaml } = await generateSurvey(dir, rows);
  const label = rows.toLocaleString('en-US');
  const args = [cli, 'eval', path.basename(yaml), '--format', 'json', '--today', '2026-12-01'];
  const memory = measure(`eval --engine memory, 7 KPIs x ${label} rows`, args);
  const duckdb = measure(`eval --engine duckdb, 7 KPIs x ${label} rows`, [...args, '--engine', 'duckdb']);
  console.log(
    `  duckdb / memory: time ${(duckdb.medianMs / memory.medianMs).toFixed(2)}x, peak memory ${(duckdb.peakMb / memory.peakMb).toFixed(2)}x; ` +
      `same numbers: ${sameNumbers(memory.stdout, duckdb.stdout) ? 'yes' : 'NO'}`,
  );
}
