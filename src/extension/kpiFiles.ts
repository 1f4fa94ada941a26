import * as vscode from 'vscode';
import type { Settings } from './settings';

/** SPEC section 1: the file names that are KPI files, whatever the settings say. */
export const KPI_FILE_GLOBS = ['**/kpis.yaml', '**/kpis.yml', '**/*.kpis.yaml', '**/*.kpis.yml'];

/** The selector of KPI files: the fixed patterns plus the `kpiLens.files` globs. */
export function kpiSelector(settings: Settings): vscode.DocumentFilter[] {
  return filtersFor([...KPI_FILE_GLOBS, ...settings.files]);
}

/** The selector of the `kpiLens.files` globs alone. */
export function extraSelector(settings: Settings): vscode.DocumentFilter[] {
  return filtersFor(settings.files);
}

function filtersFor(globs: readonly string[]): vscode.DocumentFilter[] {
  // A bare glob such as `metrics/*.yaml` matches anywhere in the workspace, as in files.associations.
  return globs
    .map((g) => (g.startsWith('**/') || g.startsWith('/') ? g : `**/${g}`))
    .flatMap((pattern) => [
      { scheme: 'file', pattern },
      { scheme: 'untitled', pattern },
      { scheme: 'vscode-remote', pattern },
    ]);
}

export function isKpiFile(document: vscode.TextDocument, settings: Settings): boolean {
  if (document.uri.scheme === 'output' || document.uri.scheme === 'git') return false;
  return vscode.languages.match(kpiSelector(settings), document) > 0;
}
