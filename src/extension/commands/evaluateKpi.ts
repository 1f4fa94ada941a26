import * as path from 'node:path';
import * as vscode from 'vscode';
import { kpiAtOffset } from '../../core/evaluation/alignment';
import type { KpiResult } from '../../core/evaluation/evaluate';
import { labelOf, progressText, statusText, targetPhrase, valueText } from '../../core/presentation/resultText';
import { kpisById } from '../../core/model/lookup';
import { kpiDocumentFor, resultsWithProgress, type Ui } from './ui';

/**
 * The arguments: a KPI id (the CodeLens passes it with the document's URI), an object,
 * or an alignment view item (its inline button).
 */
export type EvaluateKpiArgs = string | { id?: string; uri?: vscode.Uri | string; kpi?: { id: string } } | undefined;

/**
 * `kpiLens.evaluateKpi [id] [uri]`: one KPI's result — the id passed, else the KPI at the
 * cursor, else one picked from a list. Brings its row forward in the results view and
 * tells its value, target and status. Returns the result (undefined when there is none).
 */
export async function evaluateKpi(
  ui: Ui,
  args?: EvaluateKpiArgs,
  uri?: vscode.Uri | string,
): Promise<KpiResult | undefined> {
  const target = uri ?? (typeof args === 'object' ? args.uri : undefined);
  const document = await kpiDocumentFor(ui, target);
  if (!document) return undefined;
  const analysis = ui.lens.analyses.get(document);
  const name = path.basename(document.uri.path);
  let id = typeof args === 'string' ? args : (args?.id ?? args?.kpi?.id);
  if (!id) {
    const editor = vscode.window.activeTextEditor;
    if (editor?.document.uri.toString() === document.uri.toString()) {
      id = kpiAtOffset(analysis.model, document.offsetAt(editor.selection.active))?.id?.value;
    }
  }
  if (!id) {
    const picks = analysis.model.kpis.flatMap((k) =>
      k.id ? [{ label: k.name?.value ?? k.id.value, description: k.id.value, id: k.id.value }] : [],
    );
    if (picks.length === 0) {
      void vscode.window.showInformationMessage(`${name} has no KPI yet.`);
      return undefined;
    }
    id = (
      await vscode.window.showQuickPick(picks, {
        title: 'Evaluate KPI',
        placeHolder: `A KPI of ${name}`,
        matchOnDescription: true,
      })
    )?.id;
    if (!id) return undefined;
  }
  const kpi = kpisById(analysis.model).get(id);
  if (!kpi) {
    void vscode.window.showWarningMessage(`There is no KPI with the id "${id}" in ${name}.`);
    return undefined;
  }
  const results = await resultsWithProgress(ui, document);
  const result = results?.find((r) => r.index === kpi.index);
  if (!result) return undefined;
  await ui.results.show(document, { preserveFocus: true, focusKpi: id });
  void vscode.window.showInformationMessage(resultMessage(result, labelOf(kpi, result)));
  return result;
}

/** `Net Promoter Score: 30.4 (2026-10) · target ≥ 40 by 2026-12-31 · at risk · progress −59.4%`. */
export function resultMessage(result: KpiResult, label: ReturnType<typeof labelOf>): string {
  if (result.failure) return `${result.name} could not be computed: ${result.failure}.`;
  const parts = [`${result.name}: ${valueText(result, label)}`, targetPhrase(result, label) ?? 'no target'];
  const status = statusText(result);
  if (status) parts.push(status);
  const progress = progressText(result);
  if (progress) parts.push(`progress ${progress}`);
  if (result.notes.includes('guardrail-off-track')) parts.push('a guardrail is off track');
  return parts.join(' · ');
}
