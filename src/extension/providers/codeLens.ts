import * as vscode from 'vscode';
import { lensesFor } from '../../core/editor';
import { COMMANDS } from '../commands/ids';
import { toRange } from '../convert';
import type { KpiLens } from '../extension';
import { isKpiFile } from '../kpiFiles';

/** A lens above each KPI with its value and status, from cached results (setting kpiLens.codeLens.enabled). */
export class KpiCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly lens: KpiLens) {}

  /** Asks the editor for the lenses again (data or settings changed). */
  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const settings = this.lens.settings();
    if (!settings.codeLensEnabled || !isKpiFile(document, settings)) return [];
    // Clicking opens the KPI's result (registered with the other commands on activation).
    const command = COMMANDS.evaluateKpi;
    const lenses = lensesFor(this.lens.analyses.get(document), this.lens.analyses.results(document));
    return lenses.map(
      (l) =>
        new vscode.CodeLens(toRange(document, l.range), {
          title: l.title,
          tooltip: l.tooltip,
          command,
          arguments: [l.kpiId, document.uri],
        }),
    );
  }

  dispose(): void {
    this.changed.dispose();
  }
}
