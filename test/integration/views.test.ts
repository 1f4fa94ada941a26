/// <reference types="mocha" />
// The alignment view, the status bar and the results view (issue 6, items 4 and 5): the
// tree's items, icons and reveal commands; the status bar's summary and when it shows; the
// results view following edits and data changes, and revealing a KPI from its row.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KpiLens } from '../../src/extension/extension';
import type { Ui } from '../../src/extension/commands/ui';
import type { AlignmentNode } from '../../src/extension/views/alignmentTree';
import { activateExtension, applyEdit, openFixture, poll, rangeOf, test, track, waitFor } from './helpers';

const FILE = 'views/support.kpis.yaml';

async function ui(): Promise<{ lens: KpiLens; ui: Ui }> {
  const lens = (await activateExtension()).exports as KpiLens;
  assert.ok(lens.ui, 'activate() returned no ui');
  return { lens, ui: lens.ui };
}

interface Shown {
  label: string;
  description?: string;
  icon?: string;
  color?: string;
  children: Shown[];
}

/** The tree as the view would show it: label, description, icon and its colour, children. */
function shownTree(u: Ui, node?: AlignmentNode): Shown[] {
  return u.alignment.getChildren(node).map((child) => {
    const item = u.alignment.getTreeItem(child);
    const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath : undefined;
    return {
      label: typeof item.label === 'string' ? item.label : (item.label?.label ?? ''),
      ...(typeof item.description === 'string' ? { description: item.description } : {}),
      ...(icon ? { icon: icon.id, color: icon.color?.id } : {}),
      children: shownTree(u, child),
    };
  });
}

function outline(tree: Shown[], depth = 0): string[] {
  return tree.flatMap((n) => [
    `${'  '.repeat(depth)}${n.label} | ${n.description ?? ''} | ${n.icon}:${n.color}`,
    ...outline(n.children, depth + 1),
  ]);
}

describe('alignment view', () => {
  test('shows "Not linked to a goal" first, then the goal tree with child goals before KPIs, each with its status icon', async () => {
    const { ui: u } = await ui();
    await openFixture(FILE);
    await poll(
      'the alignment view to show views/support.kpis.yaml',
      () => u.documents.current()?.uri.path.endsWith(FILE) === true,
    );
    assert.deepEqual(outline(shownTree(u)), [
      'Not linked to a goal | 1 | warning:list.warningForeground',
      '  Chat share | 50% · met | pass:testing.iconPassed',
      'Happy customers | happy_customers | target:list.errorForeground',
      '  Fast support | fast_support | target:list.errorForeground',
      '    First-contact resolution | 60% · off track | error:list.errorForeground',
      '    Average handle time | 7.9 min · at risk · guardrail off track | warning:list.warningForeground',
      '    Tickets | 10 | circle-outline:descriptionForeground',
      '  Customer satisfaction | 90% · met | pass:testing.iconPassed',
    ]);
    assert.equal(u.alignmentView.description, 'support.kpis.yaml');
    assert.equal(u.alignmentView.badge?.value, 1, 'the badge counts the misaligned KPIs');
  });

  test('clicking a KPI or a goal reveals its id in the file', async () => {
    const { ui: u } = await ui();
    const editor = await openFixture(FILE);
    const [, happy] = u.alignment.getChildren();
    const [fast] = u.alignment.getChildren(happy);
    const aht = u.alignment.getChildren(fast).find((n) => n.kind === 'kpi' && n.kpi.id === 'aht')!;
    for (const [node, id] of [
      [aht, 'aht'],
      [fast!, 'fast_support'],
    ] as const) {
      const command = u.alignment.getTreeItem(node).command!;
      await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
      const active = vscode.window.activeTextEditor!;
      assert.equal(active.document.uri.toString(), editor.document.uri.toString());
      assert.equal(active.document.getText(active.selection), id, `clicking ${id} should select its id`);
    }
  });

  test('follows edits: a KPI linked to a goal leaves "Not linked to a goal"', async () => {
    const { ui: u } = await ui();
    const editor = await openFixture(FILE);
    const doc = editor.document;
    const line =
      doc
        .getText()
        .split('\n')
        .findIndex((l) => l.includes('name: Chat share')) + 1;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(line, 0), '    goals: [happy_customers]\n');
    await applyEdit(edit, 'link chat_share to happy_customers');
    await waitFor('the tree to drop "Not linked to a goal"', u.alignment.onDidChangeTreeData, () => {
      const roots = u.alignment.getChildren();
      return roots.length === 1 && roots[0]!.kind === 'goal';
    });
    assert.equal(u.alignmentView.badge, undefined);
  });

  test('a KPI met while a guardrail is off track: the tick in the warning colour, the note, the guardrail named', async () => {
    const { ui: u } = await ui();
    const editor = await openFixture(FILE);
    const doc = editor.document;
    const line =
      doc
        .getText()
        .split('\n')
        .findIndex((l) => l.includes('name: Chat share')) + 1;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(line, 0), '    guardrails: [fcr]\n');
    await applyEdit(edit, 'guard chat_share with fcr (off track)');
    const chat = (): Shown | undefined => shownTree(u)[0]?.children[0];
    await waitFor(
      'the chat share row to note its guardrail',
      u.alignment.onDidChangeTreeData,
      () => chat()?.description?.includes('guardrail') === true,
    );
    assert.deepEqual(outline(shownTree(u)).slice(0, 2), [
      'Not linked to a goal | 1 | warning:list.warningForeground',
      '  Chat share | 50% · met · guardrail off track | pass:list.warningForeground',
    ]);
    const [unlinked] = u.alignment.getChildren();
    const tooltip = u.alignment.getTreeItem(u.alignment.getChildren(unlinked)[0]!).tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /Guardrail off track: `fcr`\. It may look fine at their cost\./);
  });
});

describe('status bar', () => {
  test('sums up the active KPI file and opens the results', async () => {
    const { ui: u } = await ui();
    await openFixture(FILE);
    await poll(
      'the status bar item',
      () => u.statusBar.shown && u.statusBar.item.text.includes('met'),
      () => ` Text: ${u.statusBar.item.text}`,
    );
    assert.equal(u.statusBar.item.text, '$(target) 2 met · 1 at risk · 1 off track · 1 misaligned');
    assert.equal(u.statusBar.item.command, 'kpiLens.evaluateAll');
  });

  test('hides for other files and when kpiLens.statusBar.enabled is off', async () => {
    const { ui: u } = await ui();
    await openFixture(FILE);
    await poll('the status bar item to show', () => u.statusBar.shown);
    await openFixture('activation/other.yaml');
    await poll('the status bar item to hide for other YAML', () => !u.statusBar.shown);
    await openFixture(FILE);
    await poll('the status bar item to show again', () => u.statusBar.shown);
    const config = vscode.workspace.getConfiguration('kpiLens');
    track({ dispose: () => config.update('statusBar.enabled', undefined, vscode.ConfigurationTarget.Workspace) });
    await config.update('statusBar.enabled', false, vscode.ConfigurationTarget.Workspace);
    await poll('the status bar item to hide when disabled', () => !u.statusBar.shown);
  });
});

describe('results view', () => {
  test('follows edits of the file', async () => {
    const { ui: u } = await ui();
    const editor = await openFixture(FILE);
    await vscode.commands.executeCommand('kpiLens.evaluateAll');
    assert.ok(u.results.lastBody.includes('≥ 85%'), 'the csat target before the edit');
    const range = rangeOf(editor.document, 26, '85');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(editor.document.uri, range, '95');
    await applyEdit(edit, 'raise the csat target to 95');
    await waitFor(
      'the results view to show the new target',
      u.results.onDidRender,
      () => u.results.lastBody.includes('≥ 95%'),
      () => ' It did not re-render.',
    );
    assert.ok(!u.results.lastBody.includes('≥ 85%'));
  });

  test('follows a change of the data (what the data file watcher triggers)', async () => {
    const { lens, ui: u } = await ui();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-lens-it-'));
    track({ dispose: () => fs.rmSync(dir, { recursive: true, force: true }) });
    fs.mkdirSync(path.join(dir, 'data'));
    fs.writeFileSync(path.join(dir, 'data', 'n.csv'), 'x\n1\n2\n');
    fs.writeFileSync(
      path.join(dir, 'kpis.yaml'),
      'version: 1\nsources:\n  n:\n    path: data/n.csv\nkpis:\n  - id: rows\n    name: Rows\n    source: n\n    formula: count()\n',
    );
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(dir, 'kpis.yaml')));
    await vscode.commands.executeCommand('kpiLens.evaluateAll');
    assert.match(u.results.lastBody, /<div class="value">2<\/div>/);
    fs.writeFileSync(path.join(dir, 'data', 'n.csv'), 'x\n1\n2\n3\n4\n5\n');
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(path.join(dir, 'data', 'n.csv'), later, later);
    lens.analyses.invalidate();
    await waitFor('the results view to show 5 rows', u.results.onDidRender, () =>
      /<div class="value">5<\/div>/.test(u.results.lastBody),
    );
  });

  test('clicking a row reveals the KPI in the file', async () => {
    const { ui: u } = await ui();
    const editor = await openFixture(FILE);
    await vscode.commands.executeCommand('kpiLens.evaluateAll');
    const match = /data-index="(\d+)" data-id="tickets"/.exec(u.results.lastBody);
    assert.ok(match, 'no row for tickets');
    await u.results.receive({ type: 'reveal', index: Number(match[1]) });
    const active = vscode.window.activeTextEditor!;
    assert.equal(active.document.uri.toString(), editor.document.uri.toString());
    assert.equal(active.document.getText(active.selection), 'tickets');
  });

  test('comes back after a reload on the file it showed (WebviewPanelSerializer)', async () => {
    const { ui: u } = await ui();
    const editor = await openFixture(FILE);
    await vscode.commands.executeCommand('kpiLens.evaluateAll');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await poll('the results view to close', () => !u.results.isOpen);
    // What VS Code does after a reload: a panel of our view type, and the state the script saved.
    const panel = vscode.window.createWebviewPanel('kpiLens.results', 'KPI Results', vscode.ViewColumn.One, {});
    await u.results.restore(panel, { uri: editor.document.uri.toString() });
    assert.equal(u.results.isOpen, true);
    assert.equal(u.results.documentUri?.toString(), editor.document.uri.toString());
    assert.ok(u.results.lastBody.includes('data-id="csat"'));
    const stray = vscode.window.createWebviewPanel('kpiLens.results', 'x', vscode.ViewColumn.One, {});
    let strayDisposed = false;
    stray.onDidDispose(() => (strayDisposed = true));
    await u.results.restore(stray, {});
    assert.equal(strayDisposed, true, 'a restored panel without a file is closed');
    assert.equal(u.results.documentUri?.toString(), editor.document.uri.toString(), 'and the open one is kept');
  });

  test('renders a row per KPI, a chart with its target line per grained KPI, nothing remote', async () => {
    const { ui: u } = await ui();
    await openFixture(FILE);
    await vscode.commands.executeCommand('kpiLens.evaluateAll');
    for (const id of ['csat', 'fcr', 'aht', 'tickets', 'chat_share'])
      assert.ok(u.results.lastBody.includes(`data-id="${id}"`), `no row for ${id}`);
    assert.equal(
      (u.results.lastBody.match(/<svg class="chart"/g) ?? []).length,
      4,
      'a chart for each KPI with a grain',
    );
    assert.equal(
      (u.results.lastBody.match(/class="chart-target"/g) ?? []).length,
      3 + 1,
      'a target line for each grained KPI with a target, and the legend',
    );
    assert.doesNotMatch(u.results.lastBody, /https?:\/\//);
  });

  test('shows how each KPI with a grain moved, coloured for its target, and an unusual change with its numbers', async () => {
    const { ui: u } = await ui();
    await openFixture(FILE);
    await vscode.commands.executeCommand('kpiLens.evaluateAll');
    // 10 tickets in each month of views/data/tickets.csv: no change, and no target to judge it by.
    assert.match(
      u.results.lastBody,
      /data-id="tickets"[\s\S]*?<td class="c-change"><div class="move" title="2026-03 against 2026-02 \(10\): 0 \(0%\)">= vs 2026-02<\/div><\/td>/,
    );
    assert.match(
      u.results.lastBody,
      /data-id="chat_share"[\s\S]*?<td class="c-change"><span class="muted" title="No grain/,
    );
    // editor/moves.kpis.yaml: orders 6 in August, 20 in September, a target to increase.
    await openFixture('editor/moves.kpis.yaml');
    await vscode.commands.executeCommand('kpiLens.evaluateAll');
    await poll('the results view to show editor/moves.kpis.yaml', () =>
      u.results.lastBody.includes('data-id="orders"'),
    );
    const body = u.results.lastBody;
    assert.match(
      body,
      /data-id="orders"[\s\S]*?<div class="move good" title="2025-09 against 2025-08 \(6\): \+14 \(\+233\.3%\), good for the target">▲ 14 vs 2025-08<\/div>/,
    );
    assert.match(
      body,
      /<span class="note" title="[^"]*">unusual change<\/span><\/div><div class="sub note-detail">change \+14 vs a mean of \+0\.14 \(sd 0\.99\) over 7 earlier changes: 14\.0 sd above<\/div>/,
    );
    // The average order fell 105 → 104 EUR: good for a target to decrease.
    assert.match(body, /data-id="order_value"[\s\S]*?<div class="move good"[^>]*>▼ 1 EUR vs 2025-08<\/div>/);
  });

  test("shows a KPI's breakdown under its row: a collapsed section per column, each group with value, move, status and chart", async () => {
    const { ui: u } = await ui();
    await openFixture('views/breakdown.kpis.yaml');
    await vscode.commands.executeCommand('kpiLens.evaluateAll');
    await poll('the results view to show views/breakdown.kpis.yaml', () =>
      u.results.lastBody.includes('data-key="csat/channel"'),
    );
    const body = u.results.lastBody;
    // views/data/tickets.csv, csat >= 4 in March: chat 5 of 5, email 4 of 5; in February 4 of 5 each. Target 85, warning 80.
    assert.match(
      body,
      /<tr class="breakdown s-met" data-of="csat"><td colspan="7"><details class="breakdown" data-key="csat\/channel"><summary><span class="by">By channel<\/span><span class="muted">2 groups · 2026-03<\/span><span class="tally s-met">1 met<\/span><span class="tally s-at_risk">1 at risk<\/span><\/summary>/,
    );
    assert.match(
      body,
      /<tr class="group s-met"><td class="g-name"[^>]*>chat<div class="sub">15 rows<\/div><\/td><td class="num"><div class="value">100%<\/div><\/td><td class="c-change"><div class="move good" title="2026-03 against 2026-02 \(80%\): \+20% \(\+25%\), good for the target">▲ 20% vs 2026-02<\/div><\/td><td class="c-state"><span class="pill s-met">met<\/span><\/td><td class="g-trend"><svg class="chart"/,
    );
    assert.match(
      body,
      /<tr class="group s-at_risk"><td class="g-name"[^>]*>email[\s\S]*?<div class="move" [^>]*>= vs 2026-02<\/div>/,
    );
    // Three months each: January chat 4 of 5, email 3 of 5.
    assert.match(body, /<title>2026-01: 60%<\/title>/);
    // Without a grain: the counts, no chart.
    assert.match(
      body,
      /data-key="tickets\/channel"[\s\S]*?chat<div class="sub">15 rows<\/div><\/td><td class="num"><div class="value">15<\/div>/,
    );
    assert.doesNotMatch(body, /<details[^>]* open/);
    assert.doesNotMatch(body, /https?:\/\//);
  });
});
