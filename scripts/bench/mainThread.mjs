// The longest stretch the main thread is blocked while a KPI file over a large source is
// checked and evaluated, as the extension host does it (the vscode-free part of the extension:
// src/extension/worker/offThread.ts with dist/worker.js): before (everything on the main
// thread, as `kpi-lens eval` does) and after (the file read and the KPIs computed in the
// worker). Blocks are measured by a 1 ms timer's lateness and perf_hooks' event-loop delay.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { core } from '../core.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { analyze } = core('checks/analysis');
const { DataCache } = core('data/load');
const { evaluateAnalysis } = core('evaluation/evaluate');
const { OffThread } = await import(path.join(root, 'out', 'src', 'extension', 'worker', 'offThread.js')).then(
  (m) => m.default ?? m,
);

/** Runs `job` (async) while probing the event loop; the longest block in ms. */
async function longestBlock(job) {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  let last = performance.now();
  let worst = 0;
  const probe = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 1);
  // Let the probe start before the job.
  await new Promise((r) => setTimeout(r, 20));
  const t0 = performance.now();
  const value = await job();
  const total = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 20));
  clearInterval(probe);
  histogram.disable();
  return { blockMs: Math.max(worst, histogram.max / 1e6), totalMs: total, value };
}

export async function benchMainThread(kpiFile) {
  const text = readFileSync(kpiFile, 'utf8');
  const base = { filePath: kpiFile, workspaceRoot: path.dirname(kpiFile) };
  const before = await longestBlock(async () => {
    const analysis = analyze(text, { ...base, loader: new DataCache() });
    return evaluateAnalysis(analysis);
  });
  const after = await longestBlock(async () => {
    let loaded;
    const arrived = new Promise((r) => (loaded = r));
    const offThread = new OffThread({ workerFile: path.join(root, 'dist', 'worker.js'), onLoaded: () => loaded() });
    // What the extension does: check the file at once (the large source is read in the
    // worker meanwhile), compute the KPIs in the worker, check again once the data arrived.
    analyze(text, { ...base, loader: offThread });
    const results = offThread.evaluate('file', text, base);
    await arrived;
    const analysis = analyze(text, { ...base, loader: offThread });
    const value = await results;
    offThread.dispose();
    return { value, columns: [...analysis.sources.values()].map((s) => s.status) };
  });
  const same = JSON.stringify(after.value.value) === JSON.stringify(before.value);
  return {
    before: { blockMs: before.blockMs, totalMs: before.totalMs },
    after: { blockMs: after.blockMs, totalMs: after.totalMs },
    sameResults: same,
    sources: after.value.columns,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchMainThread(process.argv[2])));
}
