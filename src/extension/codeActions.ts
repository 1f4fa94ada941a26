import * as vscode from 'vscode';
import type { Analysis } from '../core/checks/analysis';
import { toRange, toWorkspaceEdit } from './convert';
import { DIAGNOSTIC_SOURCE, toDiagnostic } from './diagnostics';

/** Quick fixes: each finding's fixes, as code actions carrying their edits. */
export class QuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly analysisOf: (document: vscode.TextDocument) => Analysis) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const finding of this.analysisOf(document).findings) {
      if (!finding.fixes?.length) continue;
      const findingRange = toRange(document, finding.range);
      if (!findingRange.intersection(range) && !findingRange.contains(range)) continue;
      const diagnostic = toDiagnostic(document, finding);
      for (const fix of finding.fixes) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = toWorkspaceEdit(document, fix.edits);
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.preferred === true;
        actions.push(action);
      }
    }
    return actions;
  }
}

export { DIAGNOSTIC_SOURCE };
