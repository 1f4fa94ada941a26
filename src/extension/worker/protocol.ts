// The messages between the extension host's main thread and its analysis worker
// (worker.ts): plain data, copied by structured clone; tables' arrays are shared memory.
import type { LoadResult, ParseOptions } from '../../core/data/result';
import type { FileStamp } from '../../core/data/load';
import type { KpiResult } from '../../core/evaluation/evaluate';

/** What an analysis in the worker is computed with (the loader is the worker's own). */
export interface WorkerAnalysisOptions {
  filePath?: string;
  workspaceRoot?: string;
  allowOutside?: boolean;
  today?: string;
}

export type WorkerRequest =
  /** Read a data file; the reply holds the table, its arrays in shared memory. */
  | { type: 'load'; id: number; absPath: string; options: ParseOptions }
  /**
   * Analyse `text` and compute every KPI. `slot` is this document's cell of the shared
   * cancellation array: the job stops between KPIs once the cell no longer holds `job`.
   */
  | {
      type: 'evaluate';
      id: number;
      job: number;
      slot: number;
      key: string;
      text: string;
      options: WorkerAnalysisOptions;
    }
  /** Forget the analyses of a document (closed) or of every document (settings or data changed). */
  | { type: 'forget'; key?: string };

export type WorkerReply =
  | { type: 'loaded'; id: number; stamp: FileStamp | undefined; result: LoadResult }
  | { type: 'results'; id: number; results: KpiResult[] }
  /** Progress of an evaluation: `done` of `total` KPIs, the last one `kpi`. */
  | { type: 'step'; id: number; done: number; total: number; kpi: string }
  | { type: 'cancelled'; id: number }
  | { type: 'failed'; id: number; message: string };

/** Cells of the shared cancellation array (documents share a cell only beyond this many). */
export const CANCEL_SLOTS = 256;
