import * as vscode from 'vscode';
import { kpisById } from '../../core/model/lookup';
import { toRange } from '../convert';
import type { KpiLens } from '../extension';

/** Selects a KPI's id in its file and scrolls to it (what a lens runs where no results command exists). */
export async function revealKpi(lens: KpiLens, kpiId: string, uri?: vscode.Uri | string): Promise<boolean> {
  const target =
    typeof uri === 'string' ? vscode.Uri.parse(uri) : (uri ?? vscode.window.activeTextEditor?.document.uri);
  if (!target) return false;
  const document = await vscode.workspace.openTextDocument(target);
  const id = kpisById(lens.analyses.get(document).model).get(kpiId)?.id;
  if (!id) return false;
  const range = toRange(document, id.range);
  const editor = await vscode.window.showTextDocument(document, { selection: range, preserveFocus: false });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return true;
}
