import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KpiResult } from '../../core/evaluation/evaluate';
import type { KpiLens } from '../extension';
import { isKpiFile } from '../kpiFiles';
import type { AlignmentNode, AlignmentProvider } from '../views/alignmentTree';
import type { KpiDocuments } from '../views/kpiDocuments';
import type { ResultsPanel } from '../views/resultsPanel';
import type { StatusBar } from '../views/statusBar';

/** What the commands work with: the extension's state and its views. Exposed as `lens.ui` for tests. */
export interface Ui {
  lens: KpiLens;
  documents: KpiDocuments;
  results: ResultsPanel;
  alignment: AlignmentProvider;
  alignmentView: vscode.TreeView<AlignmentNode>;
  statusBar: StatusBar;
}

/**
 * The KPI document a command works on: `target` (a URI or a string) when given, else the
 * file the views show. Undefined, after telling the user, when there is none.
 */
export async function kpiDocumentFor(ui: Ui, target?: vscode.Uri | string): Promise<vscode.TextDocument | undefined> {
  if (target) {
    const uri = typeof target === 'string' ? vscode.Uri.parse(target) : target;
    const document = await vscode.workspace.openTextDocument(uri);
    if (isKpiFile(document, ui.lens.settings())) return document;
    void vscode.window.showWarningMessage(
      `${path.basename(uri.path)} is not a KPI file (kpis.yaml, *.kpis.yaml or a kpiLens.files pattern).`,
    );
    return undefined;
  }
  const document = ui.documents.current();
  if (!document)
    void vscode.window.showInformationMessage(
      'Open a KPI file (kpis.yaml or *.kpis.yaml) first, or create one with "KPI: New KPI File".',
    );
  return document;
}

/**
 * Every KPI's result for `document` (the cached ones when there are): computed a KPI at a
 * time with a progress notification that can cancel it. Undefined when cancelled.
 */
export async function resultsWithProgress(ui: Ui, document: vscode.TextDocument): Promise<KpiResult[] | undefined> {
  const analyses = ui.lens.analyses;
  if (analyses.hasResults(document)) return analyses.results(document);
  const name = path.basename(document.uri.path);
  const results = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `KPI Lens: computing the KPIs of ${name}`,
      cancellable: true,
    },
    (progress, token) =>
      analyses.resultsStepwise(document, token, (done, total, id) =>
        progress.report({ increment: 100 / total, message: `${id} (${done}/${total})` }),
      ),
  );
  if (!results) void vscode.window.showInformationMessage(`KPI Lens: computing the KPIs of ${name} was cancelled.`);
  return results;
}
