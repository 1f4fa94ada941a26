import type * as vscode from 'vscode';
import { prepareRename, renameEdits } from '../../core/editor';
import { toRange, toWorkspaceEdit } from '../convert';
import type { KpiLens } from '../extension';
import { isKpiFile } from '../kpiFiles';

/** Rename a goal id, KPI id or source name everywhere in the file; the core checks the new name. */
export class KpiRenameProvider implements vscode.RenameProvider {
  constructor(private readonly lens: KpiLens) {}

  prepareRename(
    document: vscode.TextDocument,
    position: vscode.Position,
  ): { range: vscode.Range; placeholder: string } {
    const check = this.check(document, position);
    if (!check.ok) throw new Error(check.message);
    return { range: toRange(document, check.range), placeholder: check.name };
  }

  provideRenameEdits(document: vscode.TextDocument, position: vscode.Position, newName: string): vscode.WorkspaceEdit {
    if (!isKpiFile(document, this.lens.settings())) throw new Error('Not a KPI file.');
    const result = renameEdits(this.lens.analyses.get(document), document.offsetAt(position), newName.trim());
    if (!result.ok) throw new Error(result.message);
    return toWorkspaceEdit(document, result.edits);
  }

  private check(document: vscode.TextDocument, position: vscode.Position): ReturnType<typeof prepareRename> {
    if (!isKpiFile(document, this.lens.settings())) return { ok: false, message: 'Not a KPI file.' };
    return prepareRename(this.lens.analyses.get(document), document.offsetAt(position));
  }
}
