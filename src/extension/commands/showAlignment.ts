import * as vscode from 'vscode';
import { VIEWS } from './ids';
import type { Ui } from './ui';

/** `kpiLens.showAlignment`: opens the explorer on the alignment view. False when no KPI file is open. */
export async function showAlignment(ui: Ui): Promise<boolean> {
  if (!ui.documents.current()) {
    void vscode.window.showInformationMessage(
      'Open a KPI file (kpis.yaml or *.kpis.yaml) to see how its KPIs line up with its goals.',
    );
    return false;
  }
  await vscode.commands.executeCommand(`${VIEWS.alignment}.focus`);
  return true;
}
