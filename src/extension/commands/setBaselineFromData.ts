import * as vscode from 'vscode';
import { baselineChoices, baselineEdits, type BaselineChoice } from '../../core/editor';
import { unitLabelOf } from '../../core/presentation/resultText';
import { kpisById } from '../../core/model/lookup';
import { toWorkspaceEdit } from '../convert';
import type { KpiLens } from '../extension';

/**
 * The command: picks a period (QuickPick, or `period` given by a caller such as a test:
 * a period label, or "all" for a KPI without grain) and sets the baseline in one edit.
 */
export async function setBaselineFromData(
  lens: KpiLens,
  uri: vscode.Uri | string,
  kpiId: string,
  period?: string,
): Promise<boolean> {
  const document = await vscode.workspace.openTextDocument(typeof uri === 'string' ? vscode.Uri.parse(uri) : uri);
  const analysis = lens.analyses.get(document);
  const kpi = kpisById(analysis.model).get(kpiId);
  const choices = baselineChoices(
    lens.analyses.results(document),
    kpiId,
    analysis.today,
    kpi ? unitLabelOf(kpi) : undefined,
  );
  if (choices.length === 0) {
    void vscode.window.showWarningMessage(`KPI "${kpiId}" has no value on its data to set a baseline from.`);
    return false;
  }
  const choice =
    period !== undefined ? choices.find((c) => (c.period ?? 'all') === period) : await pick(kpiId, choices);
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
