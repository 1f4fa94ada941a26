import * as vscode from 'vscode';
import { documentSymbols, type OutlineKind, type OutlineSymbol } from '../../core/editor';
import { toRange } from '../convert';
import type { KpiLens } from '../extension';
import { isKpiFile } from '../kpiFiles';

const KINDS: Record<OutlineKind, vscode.SymbolKind> = {
  section: vscode.SymbolKind.Namespace,
  goal: vscode.SymbolKind.Event,
  source: vscode.SymbolKind.File,
  kpi: vscode.SymbolKind.Number,
  property: vscode.SymbolKind.Property,
};

/** The outline: goals, sources and KPIs (each KPI with its formula, filter, target, goals and guardrails). */
export class KpiSymbolProvider implements vscode.DocumentSymbolProvider {
  constructor(private readonly lens: KpiLens) {}

  provideDocumentSymbols(document: vscode.TextDocument): vscode.DocumentSymbol[] {
    if (!isKpiFile(document, this.lens.settings())) return [];
    const convert = (s: OutlineSymbol): vscode.DocumentSymbol => {
      const symbol = new vscode.DocumentSymbol(
        s.name,
        s.detail,
        KINDS[s.kind],
        toRange(document, s.range),
        toRange(document, s.selectionRange),
      );
      symbol.children = s.children.map(convert);
      return symbol;
    };
    return documentSymbols(this.lens.analyses.get(document)).map(convert);
  }
}
