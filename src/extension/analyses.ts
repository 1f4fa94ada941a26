import * as path from 'node:path';
import * as vscode from 'vscode';
import { analyze, type Analysis } from '../core/checks/analysis';
import { reanalyze } from '../core/checks/incremental';
import { EvaluationCache, evaluateAnalysis, evaluationSteps, type KpiResult } from '../core/evaluation/evaluate';
import { engineHooks } from '../core/evaluation/engineValues';
import { engineSourceKeysIn, type EditorEngines } from './engines/editorEngines';
import type { Settings } from './settings';
import { INLINE_ROWS, OffThread } from './worker/offThread';

interface Entry {
  version: number;
  analysis: Analysis;
  results?: KpiResult[];
  /** The worker's job computing `results`, while it runs. */
  job?: Promise<KpiResult[] | undefined>;
}

/**
 * One analysis per document version, shared by diagnostics, quick fixes and every
 * later provider. Data files are cached by path and modification time; large ones are
 * read, and KPIs over many rows computed, in a worker thread (worker/offThread.ts), so
 * that the extension host's main thread never waits long behind them.
 */
export class Analyses implements vscode.Disposable {
  private readonly cache = new Map<string, Entry>();
  /** Each document's last results from the worker, shown until the current version's arrive. */
  private readonly shown = new Map<string, KpiResult[]>();
  private readonly offThread: OffThread;
  private readonly values = new EvaluationCache();
  private readonly changed = new vscode.EventEmitter<vscode.Uri | undefined>();
  private readonly loaded = new vscode.EventEmitter<ReadonlySet<string> | undefined>();
  /**
   * Fires when a document's analysis was computed anew (its text changed, or its data
   * after invalidate), or its results arrived from the worker, with its URI; with
   * undefined when every result was forgotten.
   */
  readonly onDidChange = this.changed.event;
  /**
   * Fires when data the documents read has arrived: with the keys (URIs) of the documents to
   * check again, their analyses already forgotten (engine sources they read were described),
   * or with undefined for every document (a data file read in the worker, engines refreshed).
   */
  readonly onDidLoadData = this.loaded.event;

  constructor(
    private settings: () => Settings,
    /** Database, Parquet and glob sources, through the kpi-lens command line. */
    readonly engines: EditorEngines,
    workerFile = path.join(__dirname, 'worker.js'),
  ) {
    this.offThread = new OffThread({ workerFile, onLoaded: () => this.loaded.fire(undefined) });
    this.subscriptions.push(engines.onDidDescribe((sources) => this.described(sources)));
  }

  private readonly subscriptions: vscode.Disposable[] = [];

  get(document: vscode.TextDocument): Analysis {
    const key = document.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === document.version) return hit.analysis;
    const analysis = this.compute(document, hit?.analysis);
    this.cache.set(key, { version: document.version, analysis });
    this.changed.fire(document.uri);
    return analysis;
  }

  /**
   * Every KPI computed on its data, once per document version (what `kpi-lens eval`
   * computes); unchanged KPIs reuse their values from earlier versions. Over large data
   * they are computed in the worker: until they arrive (onDidChange fires), this gives
   * the document's previous results, or none.
   */
  results(document: vscode.TextDocument): KpiResult[] {
    const analysis = this.get(document);
    const key = document.uri.toString();
    const entry = this.cache.get(key)!;
    if (entry.results) return entry.results;
    // Sources still being described by the CLI: their results come with the next analysis.
    if (this.engines.pendingIn(analysis)) return this.shown.get(key) ?? [];
    if (usesEngines(analysis)) {
      void this.onEngines(document, entry);
      return this.shown.get(key) ?? [];
    }
    if (offThread(analysis)) {
      void this.inWorker(document, entry);
      return this.shown.get(key) ?? [];
    }
    entry.results = evaluateAnalysis(analysis, { cache: this.values });
    return entry.results;
  }

  /** Whether results() would answer from the cache (nothing to compute for this version). */
  hasResults(document: vscode.TextDocument): boolean {
    const hit = this.cache.get(document.uri.toString());
    return hit !== undefined && hit.version === document.version && hit.results !== undefined;
  }

  /**
   * The same results as results(), computed a KPI at a time with a pause for the event
   * loop in between (or in the worker), so that progress shows and `token` can stop it
   * (then undefined).
   */
  async resultsStepwise(
    document: vscode.TextDocument,
    token?: vscode.CancellationToken,
    onStep?: (done: number, total: number, id: string) => void,
  ): Promise<KpiResult[] | undefined> {
    const analysis = this.get(document);
    const entry = this.cache.get(document.uri.toString())!;
    if (entry.results) return entry.results;
    if (this.engines.pendingIn(analysis)) {
      // Once the CLI has described the sources, the document is analysed again with them
      // (or the user cancelled the wait).
      await new Promise<void>((resolve) => {
        const done = (): void => {
          described.dispose();
          cancelled?.dispose();
          resolve();
        };
        const described = this.engines.onDidDescribe(done);
        const cancelled = token?.onCancellationRequested(done);
      });
      if (token?.isCancellationRequested) return undefined;
      if (this.cache.get(document.uri.toString()) === entry) this.cache.delete(document.uri.toString());
      return this.resultsStepwise(document, token, onStep);
    }
    if (usesEngines(analysis)) {
      const results = await this.onEngines(document, entry);
      if (token?.isCancellationRequested) return undefined;
      // Replaced by a newer request (an edit, a refresh) that the user did not cancel: its results.
      if (!results && this.cache.get(document.uri.toString()) !== entry)
        return this.resultsStepwise(document, token, onStep);
      return results;
    }
    if (offThread(analysis)) {
      // A job of its own (it replaces one results() may have started), whose steps are
      // reported until it is cancelled; a cancelled one gives nothing and keeps nothing.
      const key = document.uri.toString();
      const cancelling = token?.onCancellationRequested(() => this.offThread.cancelJobs(key));
      try {
        const results = await this.offThread.evaluate(
          key,
          analysis.text,
          workerOptions(analysis),
          (done, total, id) => {
            if (!token?.isCancellationRequested) onStep?.(done, total, id);
          },
        );
        if (!results || token?.isCancellationRequested) return undefined;
        if (this.cache.get(key) === entry) this.arrived(document, entry, results);
        return entry.results ?? results;
      } catch {
        // The worker could not compute them: compute them here below.
      } finally {
        cancelling?.dispose();
      }
    }
    const steps = evaluationSteps(analysis, { cache: this.values });
    for (;;) {
      if (token?.isCancellationRequested) return undefined;
      const step = steps.next();
      if (step.done) {
        // Another caller may have finished first, or the text changed meanwhile.
        if (this.cache.get(document.uri.toString()) === entry) entry.results ??= step.value;
        return entry.results ?? step.value;
      }
      onStep?.(step.value.done, step.value.total, step.value.result.id);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Forgets every result, so that changed data or settings are read again. */
  invalidate(document?: vscode.TextDocument): void {
    if (document) {
      const key = document.uri.toString();
      this.cache.delete(key);
      this.shown.delete(key);
      this.offThread.cancelJobs(key);
      this.offThread.forget(key);
      this.engines.cancel(key);
    } else {
      this.cache.clear();
      this.offThread.forget();
    }
    this.changed.fire(document?.uri);
  }

  dispose(): void {
    this.cache.clear();
    this.offThread.dispose();
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
    this.loaded.dispose();
  }

  /** Engine sources were described: only the documents reading one of them are analysed again. */
  private described(sources: ReadonlySet<string> | undefined): void {
    if (!sources) {
      this.loaded.fire(undefined);
      return;
    }
    const documents = new Set<string>();
    for (const [key, entry] of this.cache) {
      for (const source of engineSourceKeysIn(entry.analysis)) {
        if (sources.has(source)) {
          documents.add(key);
          break;
        }
      }
    }
    for (const key of documents) this.cache.delete(key);
    if (documents.size > 0) this.loaded.fire(documents);
  }

  /**
   * The version's results computed in the worker (one job per version; a newer version's
   * job cancels this one, which then gives undefined). Fires onDidChange when they arrive.
   */
  private inWorker(document: vscode.TextDocument, entry: Entry): Promise<KpiResult[] | undefined> {
    const key = document.uri.toString();
    entry.job ??= this.offThread.evaluate(key, entry.analysis.text, workerOptions(entry.analysis)).then(
      (results) => {
        entry.job = undefined;
        if (!results || this.cache.get(key) !== entry) return results;
        this.arrived(document, entry, results);
        return entry.results;
      },
      () => {
        // The worker could not compute them: compute them here rather than show none.
        entry.job = undefined;
        entry.results ??= evaluateAnalysis(entry.analysis, { cache: this.values });
        return entry.results;
      },
    );
    return entry.job;
  }

  /**
   * The version's results with the values of its engine sources from the kpi-lens command
   * line (one request per version whose engine SQL changed; a newer one replaces it).
   */
  private onEngines(document: vscode.TextDocument, entry: Entry): Promise<KpiResult[] | undefined> {
    const key = document.uri.toString();
    entry.job ??= this.engines.evaluate(entry.analysis, key).then(
      (found) => {
        entry.job = undefined;
        if (!found || this.cache.get(key) !== entry) return undefined;
        const hooks = engineHooks(entry.analysis, found);
        this.arrived(document, entry, evaluateAnalysis(entry.analysis, { cache: this.values, ...hooks }));
        return entry.results;
      },
      () => {
        entry.job = undefined;
        return undefined;
      },
    );
    return entry.job;
  }

  /** Results from the worker for the current version: kept, shown, and announced. */
  private arrived(document: vscode.TextDocument, entry: Entry, results: KpiResult[]): void {
    if (entry.results) return;
    entry.results = results;
    this.shown.set(document.uri.toString(), results);
    this.changed.fire(document.uri);
  }

  /**
   * The analysis of the document's text: from the previous version's where there is one
   * (an edit inside one KPI re-reads only that KPI, see reanalyze), else afresh.
   */
  private compute(document: vscode.TextDocument, previous: Analysis | undefined): Analysis {
    const filePath = document.uri.scheme === 'untitled' ? undefined : document.uri.fsPath;
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    const options = {
      filePath,
      workspaceRoot: folder?.uri.fsPath ?? (filePath ? path.dirname(filePath) : undefined),
      allowOutside: this.settings().allowSourcesOutsideWorkspace,
      loader: this.offThread,
    };
    const engines = this.engines.catalog({ workspaceRoot: options.workspaceRoot, allowOutside: options.allowOutside });
    const withEngines = { ...options, engines };
    return previous ? reanalyze(previous, document.getText(), withEngines) : analyze(document.getText(), withEngines);
  }
}

/** Whether some source is read through an engine (the kpi-lens command line computes its KPIs). */
function usesEngines(analysis: Analysis): boolean {
  for (const state of analysis.sources.values()) if (state.status === 'engine') return true;
  return false;
}

/**
 * Whether the KPIs are computed in the worker: a source is still being read there, or the
 * sources hold many rows (computing them here would hold up the main thread).
 */
function offThread(analysis: Analysis): boolean {
  let rows = 0;
  for (const state of analysis.sources.values()) {
    if (state.status === 'not-read') return true;
    if (state.status === 'ok') rows += state.table.rowCount;
  }
  return rows >= INLINE_ROWS;
}

function workerOptions(analysis: Analysis): { filePath?: string; workspaceRoot?: string; allowOutside?: boolean } {
  const { filePath, workspaceRoot, allowOutside } = analysis.options;
  return {
    filePath,
    workspaceRoot,
    allowOutside,
    ...(analysis.options.today ? { today: analysis.options.today } : {}),
  };
}
