import * as vscode from 'vscode';
import type { KpiLens } from '../extension';
import { AlignmentProvider } from '../views/alignmentTree';
import { KpiDocuments } from '../views/kpiDocuments';
import { ResultsPanel } from '../views/resultsPanel';
import { StatusBar } from '../views/statusBar';
import { evaluateAll } from './evaluateAll';
import { evaluateKpi, type EvaluateKpiArgs } from './evaluateKpi';
import { exportResults, type ExportArgs } from './exportResults';
import { COMMANDS, VIEWS } from './ids';
import { newFile, type NewFileArgs } from './newFile';
import { revealKpi } from './revealKpi';
import { revealRange } from './revealRange';
import { setBaselineFromData } from './setBaselineFromData';
import { showAlignment } from './showAlignment';
import { showSql, type ShowSqlArgs } from './showSql';
import { setDatabasePassword, type SetPasswordArgs } from './setDatabasePassword';
import type { Ui } from './ui';

declare module '../extension' {
  interface KpiLens {
    /** The commands' views and state, set by registerCommands (tests read the tree and the panel here). */
    ui?: Ui;
  }
}

/**
 * Every command (the "KPI" commands and the internal ones), the results view, the alignment view and the status bar: created,
 * registered into `context.subscriptions`, and exposed as `lens.ui`.
 */
export function registerCommands(context: vscode.ExtensionContext, lens: KpiLens): Ui {
  const documents = new KpiDocuments(lens);
  const results = new ResultsPanel(lens, documents, context.extensionUri);
  const alignment = new AlignmentProvider(lens, documents);
  const alignmentView = vscode.window.createTreeView(VIEWS.alignment, {
    treeDataProvider: alignment,
    showCollapseAll: true,
  });
  alignment.attach(alignmentView);
  const statusBar = new StatusBar(lens, documents);
  const ui: Ui = { lens, documents, results, alignment, alignmentView, statusBar };
  // Every command of the extension, contributed or internal: an id of COMMANDS without its handler does not compile.
  const handlers: { readonly [Name in keyof typeof COMMANDS]: (...args: never[]) => unknown } = {
    evaluateAll: (target?: vscode.Uri | string) => evaluateAll(ui, target),
    evaluateKpi: (args?: EvaluateKpiArgs, uri?: vscode.Uri | string) => evaluateKpi(ui, args, uri),
    showAlignment: () => showAlignment(ui),
    exportResults: (args?: ExportArgs | vscode.Uri) =>
      exportResults(ui, args instanceof vscode.Uri ? { document: args } : args),
    showSql: (args?: ShowSqlArgs | vscode.Uri) => showSql(ui, args instanceof vscode.Uri ? { document: args } : args),
    setDatabasePassword: (args?: SetPasswordArgs | vscode.Uri) =>
      setDatabasePassword(ui, args instanceof vscode.Uri ? { document: args } : args),
    refreshDatabaseSources: () => lens.engines.refresh(),
    newFile: (args?: NewFileArgs | vscode.Uri) => newFile(args instanceof vscode.Uri ? { folder: args } : args),
    revealRange: (uri: vscode.Uri | string, start: number, end: number) => revealRange(uri, start, end),
    revealKpi: (kpiId: string, uri?: vscode.Uri | string) => revealKpi(lens, kpiId, uri),
    setBaselineFromData: (uri: vscode.Uri | string, kpiId: string, period?: string) =>
      setBaselineFromData(lens, uri, kpiId, period),
  };
  context.subscriptions.push(
    documents,
    results,
    alignment,
    alignmentView,
    statusBar,
    ...Object.entries(handlers).map(([name, run]) =>
      vscode.commands.registerCommand(COMMANDS[name as keyof typeof COMMANDS], run),
    ),
    vscode.window.registerWebviewPanelSerializer(VIEWS.results, {
      deserializeWebviewPanel: (panel, state) => results.restore(panel, state),
    }),
  );
  lens.ui = ui;
  return ui;
}
