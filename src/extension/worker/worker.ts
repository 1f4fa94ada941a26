// The extension host's analysis worker (bundled as dist/worker.js): reads large data files and
// computes KPIs off the main thread, so that no keystroke, hover or other extension waits
// behind them. The same core as everywhere else: results are those of `kpi-lens eval`.
import { parentPort, workerData } from 'node:worker_threads';
import { analyze, type Analysis } from '../../core/checks/analysis';
import { reanalyze } from '../../core/checks/incremental';
import { DataCache, statFile, isFileStamp } from '../../core/data/load';
import type { Column, Table } from '../../core/data/table';
import { EvaluationCache, evaluationSteps } from '../../core/evaluation/evaluate';
import type { WorkerReply, WorkerRequest } from './protocol';

const port = parentPort!;
const cancel = new Int32Array((workerData as { cancel: SharedArrayBuffer }).cancel);
const data = new DataCache();
const values = new EvaluationCache();
const analyses = new Map<string, Analysis>();
/** Tables whose arrays already live in shared memory (each is moved there once). */
const shared = new WeakSet<Table>();

port.on('message', (request: WorkerRequest) => {
  port.postMessage(handle(request));
});

function handle(request: WorkerRequest): WorkerReply | { type: 'forgotten' } {
  switch (request.type) {
    case 'load': {
      const before = statFile(request.absPath, request.options.fileName);
      const result = data.load(request.absPath, request.options);
      if (result.ok) share(result.table);
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

/**
 * Moves a table's arrays into shared memory, in place: posting it to the main thread then
 * copies no rows (the main thread receives views of the same memory), and the worker keeps
 * using the same table. Tables are read-only once parsed.
 */
function share(table: Table): void {
  if (shared.has(table)) return;
  for (const column of table.columns.values()) shareColumn(column);
  shared.add(table);
}

function shareColumn(column: Column): void {
  if (column.type === 'string') column.codes = copyShared(column.codes, Int32Array);
  else if (column.type === 'boolean') column.values = copyShared(column.values, Uint8Array);
  else column.values = copyShared(column.values, Float64Array);
}

function copyShared<T extends Float64Array | Int32Array | Uint8Array>(
  array: T,
  Kind: { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number },
): T {
  const copy = new Kind(new SharedArrayBuffer(array.length * Kind.BYTES_PER_ELEMENT));
  copy.set(array);
  return copy;
}
