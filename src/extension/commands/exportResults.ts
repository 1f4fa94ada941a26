import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Analysis } from '../../core/checks/analysis';
import type { KpiResult } from '../../core/evaluation/evaluate';
import { resultsToCsv } from '../../core/presentation/resultsCsv';
import { resultToJson } from '../../core/presentation/resultsJson';
import { unitLabels } from '../../core/presentation/resultText';
import { resultsToMarkdown } from '../../core/presentation/resultsMarkdown';
import { locate } from '../../core/presentation/locatedFindings';
import type { ExportFormat } from './ids';
import { kpiDocumentFor, resultsWithProgress, type Ui } from './ui';

export interface ExportArgs {
  /** The file to write; without it the user picks one. */
  uri?: vscode.Uri | string;
  /** Without it: from the file's extension, else the user picks. */
  format?: ExportFormat;
  /** The KPI file; without it the active one. */
  document?: vscode.Uri | string;
}

const FORMATS: Record<ExportFormat, { label: string; ext: string; detail: string }> = {
  csv: { label: 'CSV', ext: 'csv', detail: 'One row per KPI, numbers unrounded: for a spreadsheet' },
  json: {
    label: 'JSON',
    ext: 'json',
    detail: 'Values, series, targets, statuses and findings, as kpi-lens eval --format json',
  },
  markdown: { label: 'Markdown', ext: 'md', detail: 'A table with trends: for a pull request or a wiki page' },
};

/**
 * The exported text: exactly what `kpi-lens eval --format csv|json|markdown` prints for
 * the same file (`file` names it in the JSON's diagnostics).
 */
export function exportText(
  format: ExportFormat,
  analysis: Analysis,
  results: readonly KpiResult[],
  file: string,
): string {
  if (format === 'csv') return resultsToCsv(results);
  if (format === 'markdown') return resultsToMarkdown(results, unitLabels(analysis.model));
  return (
    JSON.stringify(
      { kpis: results.map(resultToJson), diagnostics: locate(file, analysis.text, analysis.findings) },
      null,
      2,
    ) + '\n'
  );
}

function formatOfPath(p: string): ExportFormat | undefined {
  const ext = path.extname(p).toLowerCase();
  return ext === '.csv'
    ? 'csv'
    : ext === '.json'
      ? 'json'
      : ext === '.md' || ext === '.markdown'
        ? 'markdown'
        : undefined;
}

/**
 * `kpiLens.exportResults [{ uri, format, document }]`: writes every KPI's result as CSV,
 * JSON or Markdown to a file the user picks (or `uri`). Returns the file written.
 */
export async function exportResults(ui: Ui, args: ExportArgs = {}): Promise<vscode.Uri | undefined> {
  const document = await kpiDocumentFor(ui, args.document);
  if (!document) return undefined;
  let target = typeof args.uri === 'string' ? vscode.Uri.parse(args.uri) : args.uri;
  let format = args.format ?? (target ? formatOfPath(target.path) : undefined);
  if (!format) {
    const picked = await vscode.window.showQuickPick(
      (Object.keys(FORMATS) as ExportFormat[]).map((f) => ({
        label: FORMATS[f].label,
        detail: FORMATS[f].detail,
        format: f,
      })),
      { title: 'Export KPI results as' },
    );
    if (!picked) return undefined;
    format = picked.format;
  }
  const { ext, label } = FORMATS[format];
  if (!target) {
    const base =
      path
        .basename(document.uri.path)
        .replace(/\.(kpis\.)?ya?ml$/i, '')
        .replace(/^kpis$/, '') || 'kpi';
    target = await vscode.window.showSaveDialog({
      title: 'Export KPI results',
      saveLabel: 'Export',
      defaultUri: vscode.Uri.joinPath(document.uri, '..', `${base === 'kpi' ? 'kpi' : base}-results.${ext}`),
      filters: { [label]: [ext] },
    });
    if (!target) return undefined;
  }
  const results = await resultsWithProgress(ui, document);
  if (!results) return undefined;
  const analysis = ui.lens.analyses.get(document);
  const text = exportText(format, analysis, results, vscode.workspace.asRelativePath(document.uri, false));
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  const written = target;
  void vscode.window
    .showInformationMessage(
      `Exported ${results.length} KPI result${results.length === 1 ? '' : 's'} as ${label} to ${path.basename(written.path)}.`,
      'Open',
    )
    .then((choice) => {
      if (choice === 'Open') void vscode.window.showTextDocument(written);
    });
  return written;
}
