import * as vscode from 'vscode';
import { baselineActionsAt } from '../../core/editor';
import { COMMANDS } from '../commands/ids';
import type { KpiLens } from '../extension';
import { isKpiFile } from '../kpiFiles';

/** "Set baseline from data…" on a target without a baseline, or with one the data does not bear out. */
export class BaselineActionProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly lens: KpiLens) {}

  provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    if (!isKpiFile(document, this.lens.settings())) return [];
    const analysis = this.lens.analyses.get(document);
    const span = { start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
    return baselineActionsAt(analysis, () => this.lens.analyses.results(document), span).map((a) => {
      const action = new vscode.CodeAction(a.title, vscode.CodeActionKind.QuickFix);
      action.command = {
        command: COMMANDS.setBaselineFromData,
        title: a.title,
        tooltip: a.reason,
        arguments: [document.uri, a.kpiId],
      };
      action.diagnostics = context.diagnostics.filter(
        (d) => d.source === 'kpi-lens' && d.code === 'target-no-baseline',
      );
      return action;
    });
  }
}
