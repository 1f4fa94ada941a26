import * as vscode from 'vscode';
import { baselineActionsAt, baselineChoices, baselineEdits, type BaselineChoice } from '../../core/editor';
import { unitLabelOf } from '../../core/presentation/resultText';
import { kpisById } from '../../core/model/lookup';
import { toWorkspaceEdit } from '../convert';
import type { KpiLens } from '../extension';
import { isKpiFile } from '../kpiFiles';

export const SET_BASELINE = 'kpiLens.setBaselineFromData';

/** "Set baseline from data…" on a target without a baseline, or with one the data does not bear out. */
export class BaselineActionProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly lens: KpiLens) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (!isKpiFile(document, this.lens.settings())) return [];
    const analysis = this.lens.analyses.get(document);
    const span = { start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
    return baselineActionsAt(analysis, () => this.lens.analyses.results(document), span).map((a) => {
      const action = new vscode.CodeAction(a.title, vscode.CodeActionKind.QuickFix);
      action.command = { command: SET_BASELINE, title: a.title, tooltip: a.reason, arguments: [document.uri, a.kpiId] };
      action.diagnostics = context.diagnostics.filter((d) => d.source === 'kpi-lens' && d.code === 'target-no-baseline');
      return action;
    });
  }
}

/**
 * The command: picks a period (QuickPick, or `period` given by a caller such as a test:
 * a period label, or "all" for a KPI without grain) and sets the baseline in one edit.
 */
export async function setBaselineFromData(lens: KpiLens, uri: vscode.Uri | string, kpiId: string, period?: string): Promise<boolean> {
  const document = await vscode.workspace.openTextDocument(typeof uri === 'string' ? vscode.Uri.parse(uri) : uri);
  const analysis = lens.analyses.get(document);
  const kpi = kpisById(analysis.model).get(kpiId);
  const choices = baselineChoices(lens.analyses.results(document), kpiId, analysis.today, kpi ? unitLabelOf(kpi) : undefined);
  if (choices.length === 0) {
    void vscode.window.showWarningMessage(`KPI "${kpiId}" has no value on its data to set a baseline from.`);
    return false;
  }
  const choice = period !== undefined ? choices.find((c) => (c.period ?? 'all') === period) : await pick(kpiId, choices);
  if (!choice) return false;
  const edits = baselineEdits(analysis, kpiId, choice);
  if (!edits) return false;
  return vscode.workspace.applyEdit(toWorkspaceEdit(document, edits));
}

async function pick(kpiId: string, choices: BaselineChoice[]): Promise<BaselineChoice | undefined> {
  const items = choices.map((c) => ({ label: c.label, description: `as_of ${c.asOf}`, choice: c }));
  const picked = await vscode.window.showQuickPick(items, {
    title: `Baseline of "${kpiId}" from its data`,
    placeHolder: 'The period whose value becomes the baseline (as of its last day)',
  });
  return picked?.choice;
}
