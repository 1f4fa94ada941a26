// The extension host's analysis worker (bundled as dist/worker.js): reads large data files and
// computes KPIs off the main thread, so that no keystroke, hover or other extension waits
// behind them. The same core as everywhere else: results are those of `kpi-lens eval`.
import { parentPort, workerData } from 'node:worker_threads';
import { analyze, type Analysis } from '../../core/checks/analysis';
import { reanalyze } from '../../core/checks/incremental';
import { DataCache, statFile, isFileStamp } from '../../core/data/load';
import { shareTable } from '../../core/data/sharedTable';
import { EvaluationCache, evaluationSteps } from '../../core/evaluation/evaluate';
import type { WorkerReply, WorkerRequest } from './protocol';

const port = parentPort!;
const cancel = new Int32Array((workerData as { cancel: SharedArrayBuffer }).cancel);
const data = new DataCache();
const values = new EvaluationCache();
const analyses = new Map<string, Analysis>();

port.on('message', (request: WorkerRequest) => {
  port.postMessage(handle(request));
});

function handle(request: WorkerRequest): WorkerReply | { type: 'forgotten' } {
  switch (request.type) {
    case 'load': {
      const before = statFile(request.absPath, request.options.fileName);
      const result = data.load(request.absPath, request.options);
      if (result.ok) shareTable(result.table);
      return { type: 'loaded', id: request.id, stamp: isFileStamp(before) ? before : undefined, result };
    }
    case 'evaluate': {
      const current = (): boolean => Atomics.load(cancel, request.slot) === request.job;
      if (!current()) return { type: 'cancelled', id: request.id };
      try {
        const options = { ...request.options, loader: data };
        const previous = analyses.get(request.key);
        const analysis = previous ? reanalyze(previous, request.text, options) : analyze(request.text, options);
        analyses.set(request.key, analysis);
        // A KPI at a time: stop once a newer job took the document's cell, and say how far it got.
        const steps = evaluationSteps(analysis, { cache: values });
        for (;;) {
          if (!current()) return { type: 'cancelled', id: request.id };
          const step = steps.next();
          if (step.done) return { type: 'results', id: request.id, results: step.value };
          const { done, total, result } = step.value;
          port.postMessage({ type: 'step', id: request.id, done, total, kpi: result.id } satisfies WorkerReply);
        }
      } catch (error) {
        return { type: 'failed', id: request.id, message: (error as Error).message };
      }
    }
    case 'forget':
      if (request.key === undefined) analyses.clear();
      else analyses.delete(request.key);
      return { type: 'forgotten' };
  }
}
