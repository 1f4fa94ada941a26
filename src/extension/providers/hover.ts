import * as vscode from 'vscode';
import { hoverAt } from '../../core/editor';
import { toRange } from '../convert';
import type { KpiLens } from '../extension';
import { isKpiFile } from '../kpiFiles';

/** Hover over a KPI, goal, source, column or function: the core's markdown, from cached results. */
export class KpiHoverProvider implements vscode.HoverProvider {
  constructor(private readonly lens: KpiLens) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const settings = this.lens.settings();
    if (!isKpiFile(document, settings)) return undefined;
    const analysis = this.lens.analyses.get(document);
    // Results only for a hover that shows values: over a column or a function nothing is evaluated.
    const hover = hoverAt(analysis, () => this.lens.analyses.results(document), document.offsetAt(position), {
      maxRows: settings.previewMaxRows,
    });
    if (!hover) return undefined;
    const markdown = new vscode.MarkdownString(hover.markdown);
    markdown.isTrusted = false;
    markdown.supportHtml = false;
    return new vscode.Hover(markdown, toRange(document, hover.range));
  }
}
