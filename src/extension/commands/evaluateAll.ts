import type * as vscode from 'vscode';
import type { KpiResult } from '../../core/evaluation/evaluate';
import { kpiDocumentFor, resultsWithProgress, type Ui } from './ui';

/**
 * `kpiLens.evaluateAll [uri]`: computes every KPI of the KPI file (the active one, or
 * `uri`) with a cancellable progress notification and opens or refreshes the results
 * view. Returns the results, or undefined when there was no KPI file or it was cancelled.
 */
export async function evaluateAll(ui: Ui, target?: vscode.Uri | string): Promise<KpiResult[] | undefined> {
  const document = await kpiDocumentFor(ui, target);
  if (!document) return undefined;
  const results = await resultsWithProgress(ui, document);
  if (!results) return undefined;
  await ui.results.show(document, { preserveFocus: true });
  return results;
}
