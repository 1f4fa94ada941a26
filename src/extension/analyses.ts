import * as path from 'node:path';
import * as vscode from 'vscode';
import { analyze, type Analysis } from '../core/checks/analysis';
import { EvaluationCache, evaluateAnalysis, evaluationSteps, type KpiResult } from '../core/evaluation/evaluate';
import { DataCache } from '../core/data/load';
import type { Settings } from './settings';

/**
 * One analysis per document version, shared by diagnostics, quick fixes and every
 * later provider. Data files are cached by path and modification time in DataCache.
 */
export class Analyses implements vscode.Disposable {
  private readonly cache = new Map<string, { version: number; analysis: Analysis; results?: KpiResult[] }>();
  private readonly loader = new DataCache();
  private readonly values = new EvaluationCache();
  private readonly changed = new vscode.EventEmitter<vscode.Uri | undefined>();
  /**
   * Fires when a document's analysis was computed anew (its text changed, or its data
   * after invalidate), with its URI; with undefined when every result was forgotten.
   */
  readonly onDidChange = this.changed.event;

  constructor(private settings: () => Settings) {}

  get(document: vscode.TextDocument): Analysis {
    const key = document.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === document.version) return hit.analysis;
    const analysis = this.compute(document);
    this.cache.set(key, { version: document.version, analysis });
    this.changed.fire(document.uri);
    return analysis;
  }

  /**
   * Every KPI computed on its data, once per document version (what `kpi-lens eval`
   * computes); unchanged KPIs reuse their values from earlier versions.
   */
  results(document: vscode.TextDocument): KpiResult[] {
    const analysis = this.get(document);
    const entry = this.cache.get(document.uri.toString())!;
    entry.results ??= evaluateAnalysis(analysis, undefined, this.values);
    return entry.results;
  }

  /** Whether results() would answer from the cache (nothing to compute for this version). */
  hasResults(document: vscode.TextDocument): boolean {
    const hit = this.cache.get(document.uri.toString());
    return hit !== undefined && hit.version === document.version && hit.results !== undefined;
  }

  /**
   * The same results as results(), computed a KPI at a time with a pause for the event
   * loop in between, so that progress shows and `token` can stop it (then undefined).
   */
  async resultsStepwise(
    document: vscode.TextDocument,
    token?: vscode.CancellationToken,
    onStep?: (done: number, total: number, id: string) => void,
  ): Promise<KpiResult[] | undefined> {
    const analysis = this.get(document);
    const entry = this.cache.get(document.uri.toString())!;
    if (entry.results) return entry.results;
    const steps = evaluationSteps(analysis, undefined, this.values);
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
    if (document) this.cache.delete(document.uri.toString());
    else this.cache.clear();
    this.changed.fire(document?.uri);
  }

  dispose(): void {
    this.cache.clear();
    this.changed.dispose();
  }

  private compute(document: vscode.TextDocument): Analysis {
    const filePath = document.uri.scheme === 'untitled' ? undefined : document.uri.fsPath;
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    return analyze(document.getText(), {
      filePath,
      workspaceRoot: folder?.uri.fsPath ?? (filePath ? path.dirname(filePath) : undefined),
      allowOutside: this.settings().allowSourcesOutsideWorkspace,
      loader: this.loader,
    });
  }
}
