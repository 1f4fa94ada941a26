import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { alignmentOf } from '../../core/evaluation/alignment';
import { unitLabelOf } from '../../core/presentation/resultText';
import { countBySeverity } from '../../core/presentation/locatedFindings';
import { COMMANDS, VIEWS } from '../commands/ids';
import { revealOffsets } from '../commands/revealRange';
import type { KpiLens } from '../extension';
import type { KpiDocuments } from './kpiDocuments';
import { resultsBody, resultsPage } from './resultsHtml';

/** Messages from the webview's script (media/results.js). */
export type ResultsMessage =
  { type: 'ready' } | { type: 'reveal'; index: number; id?: string } | { type: 'export' } | { type: 'refresh' };

/**
 * The results view: one webview panel showing every KPI of one KPI file, beside the
 * editor. It follows the file the views show (KpiDocuments), re-renders when the file or
 * its data changes (Analyses.onDidChange, setting kpiLens.results.autoRefresh), and
 * reveals a KPI in the file when its row is clicked.
 */
export class ResultsPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private uri: vscode.Uri | undefined;
  private ready = false;
  private stale = false;
  private pendingFocus: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly rendered = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after each render, with the KPI file's URI (tests wait on it). */
  readonly onDidRender = this.rendered.event;
  /** The body HTML last rendered (tests read it). */
  lastBody = '';
  /** The id of the KPI last brought into view (tests read it). */
  lastFocused: string | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly lens: KpiLens,
    documents: KpiDocuments,
    private readonly extensionUri: vscode.Uri,
  ) {
    this.subscriptions = [
      this.rendered,
      lens.analyses.onDidChange((uri) => {
        if (!this.panel || !this.lens.settings().resultsAutoRefresh) return;
        if (uri === undefined || uri.toString() === this.uri?.toString()) this.schedule();
      }),
      documents.onDidChangeCurrent((document) => {
        if (this.panel && document && document.uri.toString() !== this.uri?.toString())
          void this.show(document, { preserveFocus: true, reveal: false });
      }),
    ];
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  get isVisible(): boolean {
    return this.panel?.visible === true;
  }

  /** The KPI file shown, if the panel is open. */
  get documentUri(): vscode.Uri | undefined {
    return this.panel ? this.uri : undefined;
  }

  /** Opens the panel on `document` (or brings it forward and switches to it), rendered now. */
  async show(
    document: vscode.TextDocument,
    options: { preserveFocus?: boolean; focusKpi?: string; reveal?: boolean } = {},
  ): Promise<void> {
    const switching = this.uri?.toString() !== document.uri.toString();
    this.uri = document.uri;
    if (options.focusKpi) this.pendingFocus = options.focusKpi;
    if (!this.panel) {
      this.panel = this.create(options.preserveFocus ?? true);
    } else if (options.reveal !== false) {
      this.panel.reveal(undefined, options.preserveFocus ?? true);
    }
    await this.render(switching || !this.ready);
  }

  /** Renders again now, if open. */
  async refresh(): Promise<void> {
    if (this.panel) await this.render(!this.ready);
  }

  /** Handles a message of the webview's script (public so that tests can send one). */
  async receive(message: ResultsMessage): Promise<void> {
    if (message.type === 'ready') {
      this.ready = true;
      this.flushFocus();
    } else if (message.type === 'reveal' && this.uri) {
      const document = await vscode.workspace.openTextDocument(this.uri);
      const kpi = this.lens.analyses.get(document).model.kpis.find((k) => k.index === message.index);
      const range = kpi?.id?.range ?? kpi?.range;
      if (range) await revealOffsets(document, range.start, range.end);
    } else if (message.type === 'export') {
      await vscode.commands.executeCommand(COMMANDS.exportResults, { document: this.uri });
    } else if (message.type === 'refresh' && this.uri) {
      const document = await vscode.workspace.openTextDocument(this.uri);
      this.lens.analyses.invalidate(document);
      await vscode.commands.executeCommand(COMMANDS.evaluateAll, this.uri);
    }
  }

  /**
   * Takes over a panel VS Code restored after a reload (WebviewPanelSerializer), on the
   * KPI file its script remembered.
   */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const uri =
      typeof (state as { uri?: unknown } | undefined)?.uri === 'string'
        ? vscode.Uri.parse((state as { uri: string }).uri)
        : undefined;
    if (!uri || this.panel) {
      panel.dispose();
      return;
    }
    panel.webview.options = this.webviewOptions();
    this.adopt(panel);
    this.uri = uri;
    await this.render(true);
  }

  private webviewOptions(): vscode.WebviewOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media')] };
  }

  private create(preserveFocus: boolean): vscode.WebviewPanel {
    const panel = vscode.window.createWebviewPanel(
      VIEWS.results,
      'KPI Results',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus },
      { ...this.webviewOptions(), enableFindWidget: true },
    );
    return this.adopt(panel);
  }

  private adopt(panel: vscode.WebviewPanel): vscode.WebviewPanel {
    this.panel = panel;
    this.ready = false;
    panel.webview.onDidReceiveMessage((m: ResultsMessage) => void this.receive(m), undefined, this.subscriptions);
    panel.onDidChangeViewState(
      () => {
        if (panel.visible && this.stale) void this.render(true);
      },
      undefined,
      this.subscriptions,
    );
    panel.onDidDispose(
      () => {
        if (this.panel === panel) {
          this.panel = undefined;
          this.ready = false;
          clearTimeout(this.timer);
        }
      },
      undefined,
      this.subscriptions,
    );
    return panel;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.render(false), 150);
  }

  private async render(full: boolean): Promise<void> {
    const panel = this.panel;
    const uri = this.uri;
    if (!panel || !uri) return;
    if (!panel.visible && !full) {
      this.stale = true; // posted messages would be lost: render when shown again
      return;
    }
    let document: vscode.TextDocument;
    try {
      document = await vscode.workspace.openTextDocument(uri);
    } catch {
      return; // the file is gone
    }
    const analysis = this.lens.analyses.get(document);
    const results = this.lens.analyses.results(document);
    const alignment = alignmentOf(analysis.model, results);
    const findings = countBySeverity(analysis.findings);
    const fileName = path.basename(document.uri.path);
    const body = resultsBody({
      fileName: vscode.workspace.asRelativePath(document.uri, false) || fileName,
      today: analysis.today,
      results,
      labels: new Map(analysis.model.kpis.map((k) => [k.index, unitLabelOf(k)])),
      summary: alignment.summary,
      misaligned: new Set(alignment.unlinked.map((k) => k.index)),
      findings,
    });
    if (this.panel !== panel) return;
    panel.title = `KPI Results: ${fileName}`;
    this.stale = false;
    if (full || !this.ready) {
      const webview = panel.webview;
      const media = (file: string): string =>
        webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', file)).toString();
      this.ready = false;
      webview.html = resultsPage({
        cspSource: webview.cspSource,
        nonce: randomBytes(16).toString('base64'),
        styleUri: media('results.css'),
        scriptUri: media('results.js'),
        title: panel.title,
        body,
        documentUri: uri.toString(),
      });
    } else if (body !== this.lastBody) {
      await panel.webview.postMessage({ type: 'update', html: body });
    }
    this.lastBody = body;
    this.flushFocus();
    this.rendered.fire(uri);
  }

  private flushFocus(): void {
    if (!this.ready || !this.panel || !this.pendingFocus) return;
    void this.panel.webview.postMessage({ type: 'focus', id: this.pendingFocus });
    this.lastFocused = this.pendingFocus;
    this.pendingFocus = undefined;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.panel?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
