// The KPIs of in-memory sources computed on worker threads (sourcedInParallel.ts): every
// value must be, bit for bit, the value this thread computes, and the results evaluated
// with them those evaluated without. Real KPI files and csv files on disk, real threads.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze, type Analysis } from '../../../src/core/checks/analysis';
import { DataCache } from '../../../src/core/data/load';
import { evaluateAnalysis, evaluationSteps, type KpiResult } from '../../../src/core/evaluation/evaluate';
import { sourcedValuesInParallel } from '../../../src/core/evaluation/sourcedInParallel';
import { repoRoot } from '../../paths';
import { folderWith } from '../data/onDisk';

const WORKER = path.join(repoRoot, 'out', 'src', 'core', 'evaluation', 'sourcedWorker.js');

function analyzeFile(filePath: string): Analysis {
  const text = fs.readFileSync(filePath, 'utf8');
  return analyze(text, {
    filePath,
    workspaceRoot: path.dirname(filePath),
    today: '2026-01-15',
    loader: new DataCache(),
  });
}

function evaluatedWith(analysis: Analysis, ahead: Map<unknown, unknown>): KpiResult[] {
  const steps = evaluationSteps(analysis, {
    sourcedValue: (kpi) => {
      const value = ahead.get(kpi);
      return value ? { value: value as never } : undefined;
    },
  });
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Sourced KPIs with a readable source: the ones a thread computes. */
function sourcedCount(analysis: Analysis): number {
  return analysis.model.kpis.filter(
    (k) =>
      k.source &&
      analysis.sources.get(k.source.value)?.status === 'ok' &&
      analysis.formulas.get(k.index)?.formula?.expr,
  ).length;
}

async function assertSameOnThreads(analysis: Analysis): Promise<void> {
  const alone = evaluateAnalysis(analysis);
  for (const threads of [2, 3, 5]) {
    const ahead = await sourcedValuesInParallel(analysis, { script: WORKER, threads, minRows: 0 });
    assert.equal(ahead.size, sourcedCount(analysis), `${threads} threads: every sourced KPI computed ahead`);
    assert.deepStrictEqual(evaluatedWith(analysis, ahead), alone, `${threads} threads`);
  }
}

test('the samples: every sourced KPI computed on 2, 3 and 5 threads gives the results of one', async () => {
  const analysis = analyzeFile(path.join(repoRoot, 'samples', 'kpis.yaml'));
  assert.ok(sourcedCount(analysis) >= 10);
  await assertSameOnThreads(analysis);
});

test('edge cases on threads: nulls, filters, where, percentiles, distinct counts, division by zero, empty periods, -0', async (t) => {
  const rows = ['day,channel,score,secs,ok,customer'];
  for (let i = 0; i < 400; i++) {
    const month = (i % 12) + 1;
    if (month === 5) continue; // an empty period
    const score = i % 9 === 0 ? '' : String(i % 11);
    const secs = i % 13 === 0 ? '' : i % 17 === 0 ? '-0' : String((i * 37) % 900);
    rows.push(
      `2025-${String(month).padStart(2, '0')}-1${i % 9},${['chat', 'web', ''][i % 3]},${score},${secs},${i % 4 !== 0},c${i % 23}`,
    );
  }
  const kpis = [
    'pct(score >= 9) - pct(score <= 6)',
    'avg(secs) / 60',
    'median(secs where channel == "chat")',
    'percentile(secs, 90)',
    'count_distinct(customer)',
    'sum(secs) / count(score > 20)',
    'min(secs)',
    'max(score) - min(score)',
    'pct(ok)',
    'count(channel == null)',
  ];
  const yaml = [
    'version: 1',
    'goals:\n  - { id: g, title: G }',
    'sources:\n  d: { path: d.csv, time: day }',
    'kpis:',
    ...kpis.map(
      (f, i) =>
        `  - { id: k${i}, name: K${i}, goals: [g], source: d, formula: '${f}', grain: month${i === 3 ? ', filter: \'channel != "web"\'' : ''} }`,
    ),
    '  - { id: total, name: Total, goals: [g], source: d, formula: count() }',
    '  - { id: derived, name: Derived, goals: [g], formula: k1 * 2, grain: month }',
  ].join('\n');
  const dir = folderWith(t, { 'd.csv': rows.join('\n') + '\n', 'kpis.yaml': yaml + '\n' });
  const analysis = analyzeFile(path.join(dir, 'kpis.yaml'));
  assert.equal(sourcedCount(analysis), kpis.length + 1);
  await assertSameOnThreads(analysis);
});

test('a worker script that is not there: nothing computed ahead, so the evaluation computes it all', async () => {
  const analysis = analyzeFile(path.join(repoRoot, 'samples', 'kpis.yaml'));
  const ahead = await sourcedValuesInParallel(analysis, {
    script: path.join(repoRoot, 'missing.js'),
    threads: 3,
    minRows: 0,
  });
  assert.equal(ahead.size, 0);
  const few = await sourcedValuesInParallel(analysis, { script: WORKER, threads: 3 });
  assert.equal(few.size, 0, 'the samples are too few rows to be worth a thread');
});
