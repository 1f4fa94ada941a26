import * as vscode from 'vscode';
import { definitionAt } from '../../core/editor';
import { toRange } from '../convert';
import type { KpiLens } from '../extension';
import { isKpiFile } from '../kpiFiles';

/** Go to definition of a goal id, KPI id or source name. */
export class KpiDefinitionProvider implements vscode.DefinitionProvider {
  constructor(private readonly lens: KpiLens) {}

  provideDefinition(document: vscode.TextDocument, position: vscode.Position): vscode.Location[] {
    if (!isKpiFile(document, this.lens.settings())) return [];
    const ranges = definitionAt(this.lens.analyses.get(document), document.offsetAt(position));
    return ranges.map((r) => new vscode.Location(document.uri, toRange(document, r)));
  }
}
