import * as vscode from 'vscode';
import { lensesFor } from '../../core/editor';
import { toRange } from '../convert';
import type { KpiLens } from '../extension';
import { isKpiFile } from '../kpiFiles';

/** The command a lens runs, with the KPI id and the document's URI. */
export const EVALUATE_KPI = 'kpiLens.evaluateKpi';
export const REVEAL_KPI = 'kpiLens.revealKpi';

/** A lens above each KPI with its value and status, from cached results (setting kpiLens.codeLens.enabled). */
export class KpiCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly lens: KpiLens) {}

  /** Asks the editor for the lenses again (data or settings changed). */
  refresh(): void {
    this.changed.fire();
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const settings = this.lens.settings();
    if (!settings.codeLensEnabled || !isKpiFile(document, settings)) return [];
    // Clicking opens the KPI's result where the results command exists, else reveals the KPI.
    const command = (await vscode.commands.getCommands(true)).includes(EVALUATE_KPI) ? EVALUATE_KPI : REVEAL_KPI;
    const lenses = lensesFor(this.lens.analyses.get(document), this.lens.analyses.results(document));
    return lenses.map(
      (l) => new vscode.CodeLens(toRange(document, l.range), { title: l.title, tooltip: l.tooltip, command, arguments: [l.kpiId, document.uri] }),
    );
  }

  dispose(): void {
    this.changed.dispose();
  }
}
