import * as vscode from 'vscode';
import type { DialectName } from '../core/sql/dialect';
import { isDialectName } from '../core/sql/dialects';

/** The extension's settings, read in one place with their defaults. */
export interface Settings {
  files: string[];
  allowSourcesOutsideWorkspace: boolean;
  debounceMs: number;
  /** kpiLens.codeLens.enabled: a lens with value and status above each KPI. */
  codeLensEnabled: boolean;
  /** kpiLens.preview.maxRows: example values in a column's hover (limits what is shown, never what is counted). */
  previewMaxRows: number;
  /** kpiLens.results.autoRefresh: the results view follows edits of the file and its data. */
  resultsAutoRefresh: boolean;
  /** kpiLens.statusBar.enabled: the status bar summary of the active KPI file. */
  statusBarEnabled: boolean;
  /** kpiLens.sql.dialect: the SQL dialect of KPI: Show SQL. */
  sqlDialect: DialectName;
  /**
   * Whether database, Parquet and glob sources may be read through the kpi-lens command
   * line: never in an untrusted workspace (nothing is sent, no workspace program runs).
   */
  enginesAllowed: boolean;
  /** kpiLens.engines.cliPath: the kpi-lens command line to run them through (machine setting). */
  enginesCliPath: string | undefined;
}

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration('kpiLens', scope);
  const files = c.get<unknown>('files');
  const debounce = c.get<unknown>('validate.debounceMs');
  return {
    files: Array.isArray(files) ? files.filter((f): f is string => typeof f === 'string' && f.trim() !== '') : [],
    // Never read outside the workspace in an untrusted workspace, whatever the setting says.
    allowSourcesOutsideWorkspace: c.get<boolean>('allowSourcesOutsideWorkspace') === true && vscode.workspace.isTrusted,
    debounceMs: typeof debounce === 'number' && debounce >= 0 ? debounce : 250,
    codeLensEnabled: c.get<unknown>('codeLens.enabled') !== false,
    previewMaxRows: maxRows(c.get<unknown>('preview.maxRows')),
    resultsAutoRefresh: c.get<unknown>('results.autoRefresh') !== false,
    statusBarEnabled: c.get<unknown>('statusBar.enabled') !== false,
    sqlDialect: dialect(c.get<unknown>('sql.dialect')),
    enginesAllowed: vscode.workspace.isTrusted,
    enginesCliPath: cliPath(c.get<unknown>('engines.cliPath')),
  };
}

function dialect(value: unknown): DialectName {
  return typeof value === 'string' && isDialectName(value) ? value : 'duckdb';
}

function cliPath(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function maxRows(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.max(0, Math.min(100, Math.floor(value))) : 5;
}

/**
 * The settings as they are now, read again once per change of a `kpiLens.*` setting or of
 * workspace trust (which turns allowSourcesOutsideWorkspace off): the one path every part
 * of the extension follows, in the order it subscribed.
 */
export class SettingsStore implements vscode.Disposable {
  private settings = readSettings();
  private readonly changed = new vscode.EventEmitter<Settings>();
  private readonly subscriptions: vscode.Disposable[];
  /** Fires after the settings were read again. */
  readonly onDidChange = this.changed.event;

  constructor() {
    this.subscriptions = [
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('kpiLens')) this.reread();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.reread()),
    ];
  }

  readonly current = (): Settings => this.settings;

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }

  private reread(): void {
    this.settings = readSettings();
    this.changed.fire(this.settings);
  }
}
