import * as path from 'node:path';
import * as vscode from 'vscode';
import { alignmentOf, summaryText } from '../../core/evaluation/alignment';
import { COMMANDS } from '../commands/ids';
import type { KpiLens } from '../extension';
import type { KpiDocuments } from './kpiDocuments';

/**
 * The status bar summary of the active KPI file: "$(target) 5 met · 5 at risk · 4 off
 * track · 1 misaligned"; clicking it opens the results. Shown only while a KPI file is
 * the active editor and kpiLens.statusBar.enabled is on.
 */
export class StatusBar implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  /** Whether the item is shown (the API cannot tell; tests read it). */
  shown = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly lens: KpiLens,
    private readonly documents: KpiDocuments,
  ) {
    this.item = vscode.window.createStatusBarItem('kpiLens.summary', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'KPI Lens';
    this.item.command = COMMANDS.evaluateAll;
    this.subscriptions = [
      this.item,
      lens.analyses.onDidChange((uri) => {
        if (uri === undefined || uri.toString() === documents.active()?.uri.toString()) this.schedule();
      }),
      documents.onDidChangeCurrent(() => this.update()),
      lens.onDidChangeSettings(() => this.update()),
    ];
    // Not on activation's path: the first summary evaluates every KPI of the active file.
    this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.update(), 100);
  }

  /** Shows the summary of the active KPI file, or hides the item. */
  update(): void {
    const document = this.documents.active();
    if (!document || !this.lens.settings().statusBarEnabled) {
      this.item.hide();
      this.shown = false;
      return;
    }
    const analysis = this.lens.analyses.get(document);
    const { summary } = alignmentOf(analysis.model, this.lens.analyses.results(document));
    this.item.text = `$(target) ${summaryText(summary)}`;
    const tip = new vscode.MarkdownString(
      [
        `**KPI Lens** · ${path.basename(document.uri.path)}: ${summary.total} KPI${summary.total === 1 ? '' : 's'} on sample data`,
        '',
        `$(pass) ${summary.met} met · $(warning) ${summary.atRisk} at risk · $(error) ${summary.offTrack} off track` +
          (summary.noData ? ` · ${summary.noData} no data` : '') +
          (summary.noTarget ? ` · ${summary.noTarget} without target` : ''),
        '',
        summary.misaligned ? `$(warning) ${summary.misaligned} not linked to a goal` : 'Every KPI is linked to a goal.',
        '',
        'Click to open the results.',
      ].join('\n'),
      true,
    );
    this.item.tooltip = tip;
    this.item.accessibilityInformation = { label: `KPI Lens: ${summaryText(summary)}. Open the results.` };
    this.item.show();
    this.shown = true;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
  }
}
