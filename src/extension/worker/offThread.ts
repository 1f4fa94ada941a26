// The main thread's side of the analysis worker (worker.ts): a data loader that reads small
// files at once and large ones in the worker, and the evaluation of every KPI there. No
// vscode here, so that scripts (npm run bench) drive exactly what the extension runs.
import { Worker } from 'node:worker_threads';
import { cacheKey, DataCache, isFileStamp, statFile, type FileStamp } from '../../core/data/load';
import type { LoadResult, ParseOptions } from '../../core/data/result';
import type { DataLoader } from '../../core/data/sources';
import type { KpiResult } from '../../core/evaluation/evaluate';
import { CANCEL_SLOTS, type WorkerAnalysisOptions, type WorkerReply, type WorkerRequest } from './protocol';

/**
 * Data files up to this size are read on the main thread: a 1 MB CSV parses in about 20 ms
 * (npm run bench), less than the round trip through the worker would cost in latency.
 */
export const INLINE_BYTES = 1024 * 1024;

/** KPIs are computed on the main thread while their sources hold fewer rows than this in all. */
export const INLINE_ROWS = 20_000;

export interface OffThreadOptions {
  /** The worker's script (dist/worker.js). */
  workerFile: string;
  /** Called when a file read in the worker has arrived: analyse again what reads it. */
  onLoaded?: (absPath: string) => void;
  inlineBytes?: number;
}

interface Received {
  stamp: FileStamp | undefined;
  result: LoadResult;
}

/** Reads data files (large ones in a worker thread) and computes KPIs there. */
export class OffThread implements DataLoader {
  readonly inline = new DataCache();
  private worker: Worker | undefined;
  private readonly cancel = new Int32Array(new SharedArrayBuffer(CANCEL_SLOTS * 4));
  private readonly slots = new Map<string, number>();
  private readonly received = new Map<string, Received>();
  private readonly loading = new Set<string>();
  private readonly waiting = new Map<number, (reply: WorkerReply) => void>();
  private readonly steps = new Map<number, (done: number, total: number, id: string) => void>();
  private nextId = 1;
  private nextJob = 1;
  private readonly inlineBytes: number;
  /** The worker failed: everything is read and computed here from then on. */
  private broken = false;

  constructor(private readonly options: OffThreadOptions) {
    this.inlineBytes = options.inlineBytes ?? INLINE_BYTES;
  }

  pending(absPath: string, options: ParseOptions): boolean {
    if (this.broken) return false;
    const stamp = statFile(absPath, options.fileName);
    if (!isFileStamp(stamp) || stamp.size <= this.inlineBytes) return false;
    const key = cacheKey(absPath, options);
    const got = this.received.get(key);
    if (got && sameStamp(got.stamp, stamp)) return false;
    if (!this.loading.has(key)) this.startLoad(key, absPath, options);
    return true;
  }

  load(absPath: string, options: ParseOptions): LoadResult {
    const got = this.received.get(cacheKey(absPath, options));
    if (got) {
      const stamp = statFile(absPath, options.fileName);
      if (isFileStamp(stamp) && sameStamp(got.stamp, stamp)) return got.result;
    }
    return this.inline.load(absPath, options);
  }

  /**
   * Every KPI of `text` computed in the worker; undefined when a newer job for the same
   * document (`key`) replaced this one, or `cancel()` stopped it, before it finished.
   */
  async evaluate(
    key: string,
    text: string,
    options: WorkerAnalysisOptions,
    onStep?: (done: number, total: number, id: string) => void,
  ): Promise<KpiResult[] | undefined> {
    const slot = this.slotOf(key);
    const job = this.nextJob++;
    Atomics.store(this.cancel, slot, job);
    const reply = await this.request((id) => {
      if (onStep) this.steps.set(id, onStep);
      return { type: 'evaluate', id, job, slot, key, text, options };
    });
    if (reply.type === 'results') return reply.results;
    if (reply.type === 'failed') throw new Error(reply.message);
    return undefined;
  }

  /** Stops the document's running job (between two KPIs). */
  cancelJobs(key: string): void {
    const slot = this.slots.get(key);
    if (slot !== undefined) Atomics.store(this.cancel, slot, 0);
  }

  /**
   * Makes the worker forget its analyses, of one document or (no key) of all: the next is
   * made afresh, its data read again where it changed. (Files are re-read by their stamp.)
   */
  forget(key?: string): void {
    if (this.worker) this.worker.postMessage({ type: 'forget', key } satisfies WorkerRequest);
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
    for (const resolve of this.waiting.values()) resolve({ type: 'cancelled', id: 0 });
    this.waiting.clear();
  }

  private slotOf(key: string): number {
    let slot = this.slots.get(key);
    if (slot === undefined) this.slots.set(key, (slot = this.slots.size % CANCEL_SLOTS));
    return slot;
  }

  private startLoad(key: string, absPath: string, options: ParseOptions): void {
    this.loading.add(key);
    void this.request((id) => ({ type: 'load', id, absPath, options })).then((reply) => {
      this.loading.delete(key);
      if (reply.type === 'loaded') this.received.set(key, { stamp: reply.stamp, result: reply.result });
      else this.broken = true;
      this.options.onLoaded?.(absPath);
    });
  }

  private request(make: (id: number) => WorkerRequest): Promise<WorkerReply> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      const worker = this.ensureWorker();
      // Referenced while it owes replies, so that a script awaiting them is kept alive.
      worker.ref();
      worker.postMessage(make(id));
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.options.workerFile, { workerData: { cancel: this.cancel.buffer } });
    worker.on('message', (reply: WorkerReply | { type: 'forgotten' }) => {
      if (reply.type === 'forgotten') return;
      if (reply.type === 'step') {
        this.steps.get(reply.id)?.(reply.done, reply.total, reply.kpi);
        return;
      }
      this.steps.delete(reply.id);
      const resolve = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0) worker.unref();
      resolve?.(reply);
    });
    const fail = (message: string): void => {
      if (this.worker === worker) this.worker = undefined;
      this.broken = true;
      for (const [id, resolve] of this.waiting) resolve({ type: 'failed', id, message });
      this.waiting.clear();
    };
    worker.on('error', (error) => fail(`the analysis worker failed: ${error.message}`));
    worker.on('exit', () => fail('the analysis worker stopped'));
    this.worker = worker;
    return worker;
  }
}

function sameStamp(a: FileStamp | undefined, b: FileStamp): boolean {
  return a !== undefined && a.mtimeMs === b.mtimeMs && a.size === b.size;
}
