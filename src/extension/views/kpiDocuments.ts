import * as vscode from 'vscode';
import { CONTEXT_KEYS } from '../commands/ids';
import type { KpiLens } from '../extension';
import { isKpiFile } from '../kpiFiles';

/**
 * Which KPI file the views show: the active editor's when it is one, else the last one
 * that was active and still has a tab, else any KPI file with a tab. Keeps the context
 * keys `kpiLens.kpiFileActive` and `kpiLens.kpiFileOpen` up to date.
 */
export class KpiDocuments implements vscode.Disposable {
  private last: vscode.Uri | undefined;
  private shown: string | undefined;
  private readonly changed = new vscode.EventEmitter<vscode.TextDocument | undefined>();
  /** Fires when current() becomes another document (or none), or active() comes or goes. */
  readonly onDidChangeCurrent = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  private keys = { active: false, open: false };

  constructor(private readonly lens: KpiLens) {
    this.subscriptions = [
      this.changed,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.window.tabGroups.onDidChangeTabs(() => this.update()),
      vscode.workspace.onDidOpenTextDocument(() => this.update()),
      vscode.workspace.onDidCloseTextDocument(() => this.update()),
      lens.onDidChangeSettings(() => this.update()),
    ];
    this.update(true);
  }

  /** The active editor's document, when it is a KPI file. */
  active(): vscode.TextDocument | undefined {
    const document = vscode.window.activeTextEditor?.document;
    return document && isKpiFile(document, this.lens.settings()) ? document : undefined;
  }

  /** The KPI document the views show, or undefined when no KPI file is open. */
  current(): vscode.TextDocument | undefined {
    const active = this.active();
    if (active) return active;
    const open = this.openKpiDocuments();
    return open.find((d) => d.uri.toString() === this.last?.toString()) ?? open[0];
  }

  /** KPI documents that have an editor tab. */
  openKpiDocuments(): vscode.TextDocument[] {
    const tabbed = new Set<string>();
    for (const group of vscode.window.tabGroups.all) {
      for (const tab of group.tabs) if (tab.input instanceof vscode.TabInputText) tabbed.add(tab.input.uri.toString());
    }
    for (const editor of vscode.window.visibleTextEditors) tabbed.add(editor.document.uri.toString());
    const settings = this.lens.settings();
    return vscode.workspace.textDocuments.filter(
      (d) => !d.isClosed && tabbed.has(d.uri.toString()) && isKpiFile(d, settings),
    );
  }

  private update(force = false): void {
    const active = this.active();
    if (active) this.last = active.uri;
    const current = this.current();
    const keys = { active: active !== undefined, open: current !== undefined };
    if (force || keys.active !== this.keys.active)
      void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.kpiFileActive, keys.active);
    if (force || keys.open !== this.keys.open)
      void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.kpiFileOpen, keys.open);
    const activeChanged = keys.active !== this.keys.active;
    this.keys = keys;
    const id = current?.uri.toString();
    if (force || id !== this.shown || activeChanged) {
      this.shown = id;
      this.changed.fire(current);
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
