import * as vscode from 'vscode';
import { referencesAt } from '../../core/editor';
import { toRange } from '../convert';
import type { KpiLens } from '../extension';
import { isKpiFile } from '../kpiFiles';

/** Find references of a goal id, KPI id or source name (goals lists, parents, guardrails, derived formulas, source:). */
export class KpiReferenceProvider implements vscode.ReferenceProvider {
  constructor(private readonly lens: KpiLens) {}

  provideReferences(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.ReferenceContext,
  ): vscode.Location[] {
    if (!isKpiFile(document, this.lens.settings())) return [];
    const ranges = referencesAt(
      this.lens.analyses.get(document),
      document.offsetAt(position),
      context.includeDeclaration,
    );
    return ranges.map((r) => new vscode.Location(document.uri, toRange(document, r)));
  }
}
