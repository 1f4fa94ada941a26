// The re-check after a one-line edit in the middle of the 1,000-KPI file, in process, through
// what the extension calls for a new document version (reanalyze, from the previous version's
// analysis; src/extension/analyses.ts), next to a full analyze() of the same text; then the
// evaluation of every KPI after the edit, with the extension's EvaluationCache.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { core } from '../core.mjs';

const { analyze } = core('checks/analysis');
const { reanalyze } = core('checks/incremental');
const { DataCache } = core('data/load');
const { EvaluationCache, evaluateAnalysis } = core('evaluation/evaluate');

function stats(times) {
  const sorted = times.slice().sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95), min: sorted[0] };
}

/** Times `edits` one-line edits (a KPI's name in the middle of the file, typed and taken back). */
export function benchRecheck(kpiFile, edits = 100) {
  const text = readFileSync(kpiFile, 'utf8');
  const options = { filePath: kpiFile, workspaceRoot: path.dirname(kpiFile), loader: new DataCache() };
  const count = (text.match(/\n {2}- id: kpi_/g) ?? []).length;
  const line = `    name: KPI number ${Math.floor(count / 2)}\n`;
  const at = text.indexOf(line) + line.length - 1;
  if (at < line.length) throw new Error('the middle KPI was not found');
  const full = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    analyze(text, options);
    full.push(performance.now() - t0);
  }
  let analysis = analyze(text, options);
  const values = new EvaluationCache();
  evaluateAnalysis(analysis, { cache: values });
  const recheck = [];
  const evaluation = [];
  let incremental = 0;
  for (let i = 0; i < edits; i++) {
    const edited = i % 2 === 0 ? `${text.slice(0, at)}x${text.slice(at)}` : text;
    const doc = analysis.loaded.doc;
    const t0 = performance.now();
    const next = reanalyze(analysis, edited, options);
    const t1 = performance.now();
    evaluateAnalysis(next, { cache: values });
    evaluation.push(performance.now() - t1);
    recheck.push(t1 - t0);
    if (next.loaded.doc === doc) incremental++;
    analysis = next;
  }
  return { full: stats(full), recheck: stats(recheck), evaluation: stats(evaluation), incremental, edits };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(benchRecheck(process.argv[2], Number(process.argv[3] ?? 100))));
}
