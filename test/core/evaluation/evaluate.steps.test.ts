import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../src/core/checks/analysis';
import { DataCache } from '../../../src/core/data/load';
import { EvaluationCancelled, evaluateAnalysis, evaluationSteps } from '../../../src/core/evaluation/evaluate';
import { repoRoot } from '../../paths';

const file = path.join(repoRoot, 'samples', 'kpis.yaml');
const analysis = analyze(fs.readFileSync(file, 'utf8'), {
  filePath: file,
  today: '2026-11-15',
  loader: new DataCache(),
});

test('evaluationSteps yields once per returned KPI, in file order, and returns what evaluateAnalysis returns', () => {
  const steps = evaluationSteps(analysis);
  const seen: string[] = [];
  let step = steps.next();
  while (!step.done) {
    assert.equal(step.value.done, seen.length + 1);
    assert.equal(step.value.total, 14);
    seen.push(step.value.result.id);
    step = steps.next();
  }
  assert.deepEqual(
    seen,
    analysis.model.kpis.map((k) => k.id!.value),
  );
  assert.deepEqual(step.value, evaluateAnalysis(analysis));
});

test('evaluationSteps with `only` steps through those KPIs alone', () => {
  const ids = [...evaluationSteps(analysis, { only: new Set(['clv', 'nps']) })].map((s) => s.result.id);
  assert.deepEqual(ids, ['clv', 'nps']);
});

test('isCancelled is asked before each KPI; true stops the evaluation with EvaluationCancelled', () => {
  let asked = 0;
  assert.throws(() => evaluateAnalysis(analysis, { isCancelled: () => ++asked > 3 }), EvaluationCancelled);
  assert.equal(asked, 4, 'three KPIs computed, stopped before the fourth');
  let calls = 0;
  const all = evaluateAnalysis(analysis, { isCancelled: () => (calls++, false) });
  assert.equal(all.length, 14);
  assert.equal(calls, 15, 'once before each KPI and once before returning');
});
