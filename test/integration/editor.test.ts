/// <reference types="mocha" />
// Hover and CodeLens (SPEC 7): the values `kpi-lens eval` computes, shown where
// the author types, and updated from the unsaved text. (The commands have their own
// suite, commands.test.ts.)
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  EXTENSION_ID,
  activateExtension,
  applyEdit,
  openFixture,
  rangeOf,
  test,
  waitForDiagnostics,
  workspaceRoot,
} from './helpers';

const FILE = 'editor/editor.kpis.yaml';
const MOVES = 'editor/moves.kpis.yaml';

function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

async function hoverAt(document: vscode.TextDocument, line: number, text: string): Promise<string> {
  const at = rangeOf(document, line, text).start.translate(0, 1);
  return hoverText(
    await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at),
  );
}

function assertHas(text: string, parts: string[], what: string): void {
  const missing = parts.filter((p) => !text.includes(p));
  assert.equal(
    missing.length,
    0,
    `${what} lacks ${missing.map((m) => JSON.stringify(m)).join(', ')}. It reads:\n${text}`,
  );
}

interface EvalKpi {
  id: string;
  value: number | null;
  status: string | null;
  progress: number | null;
  unusual_change?: { change: number; changes: number } | null;
}

/** What `kpi-lens eval --format json` computes for a fixture. */
function evalCli(file = FILE): Record<string, EvalKpi> {
  const cli = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'cli.js');
  const out = execFileSync(process.execPath, [cli, 'eval', '--format', 'json', file], {
    cwd: workspaceRoot(),
    encoding: 'utf8',
  });
  const parsed = JSON.parse(out) as { kpis: EvalKpi[] };
  return Object.fromEntries(parsed.kpis.map((k) => [k.id, k]));
}

describe('hover and CodeLens', () => {
  before(activateExtension);

  it('the fixture computes as the hover and lens tests expect (kpi-lens eval)', () => {
    const r = evalCli();
    assert.equal(r.resolution?.value, 60);
    assert.equal(r.resolution?.status, 'off_track');
    assert.ok(Math.abs((r.resolution?.progress ?? NaN) - 100 / 3) < 1e-9, `progress ${r.resolution?.progress}`);
    assert.ok(Math.abs((r.handle_time?.value ?? NaN) - 6.4) < 1e-9, `handle_time ${r.handle_time?.value}`);
  });

  test('hover over a KPI shows its value with its unit, target, status, progress and goals', async () => {
    const { document } = await openFixture(FILE);
    const text = await hoverAt(document, 13, 'resolution');
    assertHas(
      text,
      ['Resolution rate', '**60%**', 'target ≥ 80% by 2030-12-31', '**off track**', 'progress 33.3%', 'Keep customers'],
      'the hover over "resolution"',
    );
  });

  test('hover over a KPI with guardrails lists them with their standing', async () => {
    const { document } = await openFixture(FILE);
    const text = await hoverAt(document, 21, 'handle_time');
    assertHas(
      text,
      [
        '**6.4 min**',
        'target ≤ 5 min by 2030-12-31',
        'progress 30.0%',
        'Guardrails',
        'Resolution rate',
        '60% · off track',
      ],
      'the hover over "handle_time"',
    );
  });

  test('the hover follows the unsaved text', async () => {
    const { document } = await openFixture(FILE);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, rangeOf(document, 19, 'pct(resolved)'), 'pct(not resolved)');
    await applyEdit(edit, 'change the formula');
    await waitForDiagnostics(document.uri, 'a check of the edited text', () => true);
    const text = await hoverAt(document, 13, 'resolution');
    assertHas(text, ['**40%**', 'pct(not resolved)'], 'the hover after the edit');
  });

  test('a CodeLens above each KPI shows its value, target and status', async () => {
    const { document } = await openFixture(FILE);
    const lenses =
      (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 10)) ??
      [];
    const seen = lenses.map((l) => `${l.range.start.line + 1}: ${l.command?.title}`);
    assert.deepEqual(
      seen,
      [
        '13: Resolution rate 60% · target ≥ 80% by 2030-12-31 · off track',
        '21: Average handle time 6.4 min · target ≤ 5 min by 2030-12-31 · off track',
      ],
      'the CodeLenses',
    );
    for (const lens of lenses) {
      assert.ok(lens.command?.command, `lens "${lens.command?.title}" has no command`);
      await vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments ?? []));
    }
  });

  test('the hover and the CodeLens say how a KPI with a grain moved, and name an unusual change', async () => {
    // editor/moves.kpis.yaml: orders 5, 6, 5, 6, 5, 6, 5, 6 a month, then 20 in 2025-09; the average
    // order 105 EUR in August, 104 in September, with a target to decrease.
    const { document } = await openFixture(MOVES);
    const orders = await hoverAt(document, 15, 'orders');
    assertHas(
      orders,
      [
        '**20** in 2025-09',
        '▲ 14 vs 2025-08 (better)',
        'Note: An unusual change in the last period: change +14 vs a mean of +0.14 (sd 0.99) over 7 earlier changes: 14.0 sd above.',
      ],
      'the hover over "orders"',
    );
    const value = await hoverAt(document, 24, 'order_value');
    assertHas(value, ['**104 EUR** in 2025-09', '▼ 1 EUR vs 2025-08 (better)'], 'the hover over "order_value"');
    assert.ok(!value.includes('Note:'), `an ordinary change has no note:\n${value}`);
    const lenses =
      (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 10)) ??
      [];
    assert.deepEqual(
      lenses.map((l) => `${l.range.start.line + 1}: ${l.command?.title}`),
      [
        '15: Orders 20 · ▲ 14 vs 2025-08 · target ≥ 10 by 2025-12-31 · met · unusual change',
        '24: Average order 104 EUR · ▼ 1 EUR vs 2025-08 · target ≤ 90 EUR by 2025-12-31 · off track',
        '34: All orders 64 · no target',
      ],
    );
    assert.match(lenses[0]!.command?.tooltip ?? '', /▲ 14 vs 2025-08 \(better\)\. Unusual change: change \+14 /);
    // The same numbers as kpi-lens eval.
    const cli = evalCli(MOVES)['orders']?.unusual_change;
    assert.deepEqual([cli?.change, cli?.changes], [14, 7]);
  });

  test('hover over a KPI with a breakdown lists each group with its value, status and move', async () => {
    // views/data/tickets.csv, csat >= 4 per channel: March chat 5 of 5 (100%), email 4 of 5 (80%); February
    // chat 4 of 5, email 4 of 5 (80% each). Target 85, warning 80. 15 tickets each: chat first (a tie, by text).
    const { document } = await openFixture('views/breakdown.kpis.yaml');
    const csat = await hoverAt(document, 14, 'csat');
    assertHas(
      csat,
      ['**90%** in 2026-03', 'By channel, moves vs 2026-02: **chat** 100% (met) ▲ 20% · **email** 80% (at risk) ='],
      'the hover over "csat"',
    );
    assertHas(
      await hoverAt(document, 24, 'tickets'),
      ['By channel: **chat** 15 · **email** 15'],
      'the hover over "tickets"',
    );
  });
});
