import * as vscode from 'vscode';
import { completionsAt, type CompletionKind } from '../../core/editor';
import { toRange } from '../convert';
import type { KpiLens } from '../extension';
import { isKpiFile } from '../kpiFiles';

export const TRIGGER_CHARACTERS = ['[', ',', '(', '`', ':'];

const KINDS: Record<CompletionKind, vscode.CompletionItemKind> = {
  goal: vscode.CompletionItemKind.Reference,
  kpi: vscode.CompletionItemKind.Variable,
  source: vscode.CompletionItemKind.File,
  column: vscode.CompletionItemKind.Field,
  function: vscode.CompletionItemKind.Function,
  value: vscode.CompletionItemKind.EnumMember,
  rule: vscode.CompletionItemKind.Property,
};

/** Goal ids, source names, columns, functions, KPI ids and enum values where the cursor is. */
export class KpiCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly lens: KpiLens) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    if (!isKpiFile(document, this.lens.settings())) return [];
    return completionsAt(this.lens.analyses.get(document), document.offsetAt(position)).map((c) => {
      const item = new vscode.CompletionItem(c.label, KINDS[c.kind]);
      item.insertText = c.snippet ? new vscode.SnippetString(c.insertText) : c.insertText;
      item.range = toRange(document, c.range);
      if (c.detail) item.detail = c.detail;
      if (c.documentation) item.documentation = new vscode.MarkdownString(c.documentation);
      if (c.filterText) item.filterText = c.filterText;
      if (c.sortText) item.sortText = c.sortText;
      return item;
    });
  }
}
