import * as vscode from 'vscode';
import type { Analyses } from './analyses';
import { publish } from './diagnostics';
import { isKpiFile } from './kpiFiles';
import type { Settings } from './settings';

/**
 * Diagnostics as the author types: a KPI file is checked when it opens, and again once
 * typing pauses for `kpiLens.validate.debounceMs` (one timer per document, cleared when it
 * closes, so nothing runs for a closed file and no diagnostics go stale).
 */
export class Validation implements vscode.Disposable {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly analyses: Analyses,
    private readonly diagnostics: vscode.DiagnosticCollection,
    private readonly settings: () => Settings,
  ) {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((document) => this.validate(document)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && isKpiFile(e.document, this.settings())) this.schedule(e.document);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.cancel(document);
        this.diagnostics.delete(document.uri);
        this.analyses.invalidate(document);
      }),
    ];
  }

  /** Checks one document now (or clears its diagnostics when it is not a KPI file). */
  validate(document: vscode.TextDocument): void {
    if (!isKpiFile(document, this.settings())) {
      this.diagnostics.delete(document.uri);
      return;
    }
    publish(this.diagnostics, document, this.analyses.get(document).findings);
  }

  /** Checks waiting for typing to pause (a closed document never has one). */
  get pending(): number {
    return this.timers.size;
  }

  /** Checks the open documents of these keys (URIs) again (their analyses were forgotten). */
  revalidate(documents: ReadonlySet<string>): void {
    for (const document of vscode.workspace.textDocuments)
      if (documents.has(document.uri.toString())) this.validate(document);
  }

  /** Forgets every analysis and checks every open document again (settings or data changed). */
  revalidateAll(): void {
    this.analyses.invalidate();
    for (const document of vscode.workspace.textDocuments) this.validate(document);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const s of this.subscriptions) s.dispose();
  }

  private schedule(document: vscode.TextDocument): void {
    this.cancel(document);
    const key = document.uri.toString();
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        // The document may have closed while we waited.
        if (!document.isClosed) this.validate(document);
      }, this.settings().debounceMs),
    );
  }

  private cancel(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }
}
