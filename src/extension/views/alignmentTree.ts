import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  alignmentOf,
  type AlignedKpi,
  type Alignment,
  type GoalNode,
  type GoalStanding,
  type UnlinkedKpi,
} from '../../core/evaluation/alignment';
import { formatJudgedValue, formatStatedValue, type formatValue } from '../../core/presentation/number';
import { unitLabelOf } from '../../core/presentation/resultText';
import { COMMANDS } from '../commands/ids';
import type { KpiLens } from '../extension';
import type { KpiDocuments } from './kpiDocuments';
import { standingLabel } from './resultsHtml';

/** A node of the alignment tree. */
export type AlignmentNode =
  | { kind: 'unlinked'; uri: vscode.Uri; kpis: UnlinkedKpi[] }
  | { kind: 'goal'; uri: vscode.Uri; goal: GoalNode; parentId?: string }
  | { kind: 'kpi'; uri: vscode.Uri; kpi: AlignedKpi | UnlinkedKpi; under: string };

const ICON: Record<GoalStanding, { icon: string; color: string }> = {
  met: { icon: 'pass', color: 'testing.iconPassed' },
  at_risk: { icon: 'warning', color: 'list.warningForeground' },
  off_track: { icon: 'error', color: 'list.errorForeground' },
  no_data: { icon: 'circle-outline', color: 'disabledForeground' },
  no_target: { icon: 'circle-outline', color: 'descriptionForeground' },
  unmeasured: { icon: 'circle-slash', color: 'list.warningForeground' },
};

/** The icon of a standing: pass / warning / error / circle-outline in the theme's colours. */
export function standingIcon(standing: GoalStanding): vscode.ThemeIcon {
  const { icon, color } = ICON[standing];
  return new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
}

/**
 * The alignment view in the explorer: "Not linked to a goal" on top with every misaligned
 * KPI, then the goal tree, each goal with its child goals and then the KPIs that measure
 * it directly, with status icons. Clicking an item reveals it in the file.
 */
export class AlignmentProvider implements vscode.TreeDataProvider<AlignmentNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<AlignmentNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private timer: NodeJS.Timeout | undefined;
  private view: vscode.TreeView<AlignmentNode> | undefined;
  private readonly subscriptions: vscode.Disposable[];
  /** The alignment last shown (tests and the status bar read it). */
  last: Alignment | undefined;

  constructor(
    private readonly lens: KpiLens,
    private readonly documents: KpiDocuments,
  ) {
    this.subscriptions = [
      this.changed,
      lens.analyses.onDidChange((uri) => {
        const current = this.documents.current();
        if (uri === undefined || uri.toString() === current?.uri.toString()) this.schedule();
      }),
      documents.onDidChangeCurrent(() => this.schedule()),
    ];
  }

  /** The tree view that shows this provider (for its message, description and badge). */
  attach(view: vscode.TreeView<AlignmentNode>): void {
    this.view = view;
  }

  /** Asks the view for its items again, soon (several changes come together). */
  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.changed.fire(undefined), 100);
  }

  getTreeItem(node: AlignmentNode): vscode.TreeItem {
    if (node.kind === 'unlinked') {
      const item = new vscode.TreeItem('Not linked to a goal', vscode.TreeItemCollapsibleState.Expanded);
      item.id = 'unlinked';
      item.description = `${node.kpis.length}`;
      item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
      item.tooltip = new vscode.MarkdownString(
        `**Misaligned:** ${node.kpis.length === 1 ? 'this KPI measures' : 'these KPIs measure'} nothing the business set out to do. ` +
          `Link each to a goal (quick fix on its \`no-goal\` warning), or ask whether it belongs here.`,
      );
      item.contextValue = 'unlinked';
      return item;
    }
    if (node.kind === 'goal') {
      const g = node.goal;
      const hasChildren = g.children.length + g.kpis.length > 0;
      const item = new vscode.TreeItem(
        g.title,
        hasChildren ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
      );
      item.id = `goal:${g.id}`;
      item.description = g.standing === 'unmeasured' ? `${g.id} · no KPI measures it` : g.id;
      item.iconPath = new vscode.ThemeIcon('target', new vscode.ThemeColor(ICON[g.standing].color));
      item.tooltip = goalTooltip(g);
      item.contextValue = 'goal';
      item.command = {
        command: COMMANDS.revealRange,
        title: 'Go to Goal',
        arguments: [node.uri, g.range.start, g.range.end],
      };
      return item;
    }
    const k = node.kpi;
    const item = new vscode.TreeItem(k.name, vscode.TreeItemCollapsibleState.None);
    item.id = `kpi:${node.under}/${k.index}`;
    item.description = kpiDescription(k, this.label(node.uri, k));
    // Met at its guardrails' cost: the tick, in the warning colour.
    item.iconPath =
      k.standing === 'met' && k.guardrailsOffTrack.length > 0
        ? new vscode.ThemeIcon(ICON.met.icon, new vscode.ThemeColor(ICON.at_risk.color))
        : standingIcon(k.standing);
    item.tooltip = kpiTooltip(k, this.label(node.uri, k));
    item.contextValue = 'kpi';
    item.command = {
      command: COMMANDS.revealRange,
      title: 'Go to KPI',
      arguments: [node.uri, k.range.start, k.range.end],
    };
    return item;
  }

  getChildren(node?: AlignmentNode): AlignmentNode[] {
    if (node?.kind === 'unlinked')
      return node.kpis.map((kpi) => ({ kind: 'kpi', uri: node.uri, kpi, under: 'unlinked' }));
    if (node?.kind === 'goal') {
      return [
        ...node.goal.children.map((goal): AlignmentNode => ({
          kind: 'goal',
          uri: node.uri,
          goal,
          parentId: node.goal.id,
        })),
        ...node.goal.kpis.map((kpi): AlignmentNode => ({ kind: 'kpi', uri: node.uri, kpi, under: node.goal.id })),
      ];
    }
    if (node) return [];
    const document = this.documents.current();
    if (!document) {
      this.last = undefined;
      this.decorate(undefined, 'Open a KPI file (kpis.yaml) to see how its KPIs line up with its goals.');
      return [];
    }
    const analysis = this.lens.analyses.get(document);
    const alignment = alignmentOf(analysis.model, this.lens.analyses.results(document));
    this.last = alignment;
    const roots: AlignmentNode[] = [];
    if (alignment.unlinked.length > 0) roots.push({ kind: 'unlinked', uri: document.uri, kpis: alignment.unlinked });
    roots.push(...alignment.roots.map((goal): AlignmentNode => ({ kind: 'goal', uri: document.uri, goal })));
    this.decorate(
      document,
      roots.length === 0 ? `No goals or KPIs in ${path.basename(document.uri.path)} yet.` : undefined,
      alignment,
    );
    return roots;
  }

  private label(uri: vscode.Uri, k: AlignedKpi): Parameters<typeof formatValue>[1] {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const kpi = document ? this.lens.analyses.get(document).model.kpis.find((x) => x.index === k.index) : undefined;
    return kpi ? unitLabelOf(kpi) : { unit: k.result?.unit };
  }

  private decorate(
    document: vscode.TextDocument | undefined,
    message: string | undefined,
    alignment?: Alignment,
  ): void {
    if (!this.view) return;
    this.view.message = message;
    this.view.description = document ? path.basename(document.uri.path) : undefined;
    const misaligned = alignment?.summary.misaligned ?? 0;
    this.view.badge =
      misaligned > 0
        ? { value: misaligned, tooltip: `${misaligned} KPI${misaligned === 1 ? '' : 's'} not linked to a goal` }
        : undefined;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
  }
}

/** `30.4 · at risk`, `no data`, or why it was not computed. */
export function kpiDescription(k: AlignedKpi, label: Parameters<typeof formatValue>[1]): string {
  const r = k.result;
  if (!r) return standingLabel(k.standing);
  if (r.failure) return 'not computed';
  const value = formatJudgedValue(r, label);
  const guard = k.guardrailsOffTrack.length > 0 ? ' · guardrail off track' : '';
  return r.status && r.status !== 'no_data' ? `${value} · ${standingLabel(k.standing)}${guard}` : value;
}

function kpiTooltip(k: AlignedKpi | UnlinkedKpi, label: Parameters<typeof formatValue>[1]): vscode.MarkdownString {
  const r = k.result;
  const lines = [`**${escape(k.name)}** \`${k.id}\``, ''];
  if (r?.failure) lines.push(`Not computed: ${escape(r.failure)}.`);
  else if (r) {
    lines.push(`Value: **${escape(formatJudgedValue(r, label))}**${r.period ? ` (${r.period})` : ''}`);
    if (r.target) {
      const t = r.target;
      lines.push(
        '',
        `Target: ${t.direction === 'increase' ? '≥' : '≤'} ${escape(formatStatedValue(t.value, label))}${t.due ? ` by ${t.due}` : ''} — **${standingLabel(k.standing)}**`,
      );
    } else lines.push('', 'No target.');
    if (k.guardrailsOffTrack.length > 0) {
      lines.push(
        '',
        `$(warning) Guardrail${k.guardrailsOffTrack.length === 1 ? '' : 's'} off track: ${k.guardrailsOffTrack.map((g) => `\`${g}\``).join(', ')}. It may look fine at their cost.`,
      );
    }
  }
  if ('reason' in k) {
    lines.push(
      '',
      k.reason === 'no-goals'
        ? '$(warning) Linked to no goal.'
        : `$(warning) Names only goals that do not exist: ${k.unknownGoals.map((g) => `\`${g}\``).join(', ')}.`,
    );
  }
  const md = new vscode.MarkdownString(lines.join('\n'), true);
  return md;
}

function goalTooltip(g: GoalNode): vscode.MarkdownString {
  const lines = [`**${escape(g.title)}** \`${g.id}\``];
  if (g.owner) lines.push('', `Owner: ${escape(g.owner)}`);
  if (g.description) lines.push('', escape(g.description));
  lines.push(
    '',
    g.kpiCount === 0
      ? 'No KPI measures it, directly or through its child goals.'
      : `${g.kpiCount} KPI${g.kpiCount === 1 ? '' : 's'} under it; the worst is **${g.standing === 'unmeasured' ? 'none' : standingLabel(g.standing)}**.`,
  );
  if (g.parentMissing) lines.push('', `Its parent \`${g.parentMissing}\` does not exist.`);
  if (g.inCycle) lines.push('', 'It is on a loop of `parent` links.');
  return new vscode.MarkdownString(lines.join('\n'));
}

const escape = (s: string): string => s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
