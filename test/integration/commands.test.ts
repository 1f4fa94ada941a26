/// <reference types="mocha" />
// The "KPI" commands (issue 6, item 3): each runs without throwing and does its job —
// evaluateAll opens the results view, evaluateKpi shows one KPI's result (by id, as the
// CodeLens calls it, or at the cursor), exportResults writes exactly what
// `kpi-lens eval --format csv|json|markdown` prints, newFile writes a starter that checks
// clean and never overwrites without asking, showAlignment focuses the alignment view.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KpiResult } from '../../src/core/evaluation/evaluate';
import type { KpiLens } from '../../src/extension/extension';
import type { Ui } from '../../src/extension/commands/ui';
import {
  activateExtension,
  fixtureUri,
  lineDiff,
  openFixture,
  poll,
  test,
  track,
  waitFor,
  workspaceRoot,
} from './helpers';

const FILE = 'views/support.kpis.yaml';
const IDS = ['csat', 'fcr', 'aht', 'tickets', 'chat_share'];

async function ui(): Promise<Ui> {
  const ext = await activateExtension();
  const lens = ext.exports as KpiLens;
  assert.ok(lens.ui, 'activate() returned no ui: registerCommands was not called');
  return lens.ui;
}

/** `kpi-lens eval` run as a process from the workspace root, as a user would in a terminal. */
function cliEval(format: string): string {
  const root = path.resolve(workspaceRoot(), '..', '..', '..');
  const cli = path.join(root, 'dist', 'cli.js');
  const run = spawnSync(process.execPath, [cli, 'eval', FILE, '--format', format], {
    cwd: workspaceRoot(),
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  assert.ok(run.status === 0 || run.status === 1, `kpi-lens eval exited ${run.status}: ${run.stderr}`);
  return run.stdout;
}

/** `kpi-lens sql` run as a process from the workspace root. */
function cliSql(dialect: string): string {
  const root = path.resolve(workspaceRoot(), '..', '..', '..');
  const run = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'sql', FILE, '--dialect', dialect], {
    cwd: workspaceRoot(),
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  assert.ok(run.status === 0 || run.status === 1, `kpi-lens sql exited ${run.status}: ${run.stderr}`);
  return run.stdout;
}

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-lens-it-'));
  track({ dispose: () => fs.rmSync(dir, { recursive: true, force: true }) });
  return dir;
}

describe('commands', () => {
  let u: Ui;
  before(async () => {
    u = await ui();
  });

  it('contributes the five commands in the "KPI" category, the KPI-file ones only for KPI files in the palette', () => {
    const manifest = vscode.extensions.getExtension('kpi-lens.kpi-lens')!.packageJSON as {
      contributes: {
        commands: { command: string; category: string }[];
        menus: Record<string, { command: string; when?: string }[]>;
      };
    };
    const ids = manifest.contributes.commands.map((c) => c.command);
    for (const id of [
      'kpiLens.evaluateAll',
      'kpiLens.evaluateKpi',
      'kpiLens.showAlignment',
      'kpiLens.exportResults',
      'kpiLens.newFile',
      'kpiLens.showSql',
    ]) {
      assert.ok(ids.includes(id), `${id} is not contributed`);
      assert.equal(manifest.contributes.commands.find((c) => c.command === id)!.category, 'KPI');
    }
    const palette = new Map(manifest.contributes.menus.commandPalette.map((m) => [m.command, m.when]));
    assert.equal(palette.get('kpiLens.evaluateKpi'), 'kpiLens.kpiFileActive');
    assert.equal(palette.get('kpiLens.evaluateAll'), 'kpiLens.kpiFileOpen');
    assert.equal(palette.has('kpiLens.newFile'), false, 'newFile works anywhere');
  });

  test('evaluateAll computes every KPI of the active file and opens the results view on it', async () => {
    const editor = await openFixture(FILE);
    const results = await vscode.commands.executeCommand<KpiResult[]>('kpiLens.evaluateAll');
    assert.deepEqual(
      results?.map((r) => r.id),
      IDS,
    );
    assert.equal(u.results.isOpen, true, 'the results view is not open');
    assert.equal(u.results.documentUri?.toString(), editor.document.uri.toString());
    for (const name of [
      'Customer satisfaction',
      'First-contact resolution',
      'Average handle time',
      'Tickets',
      'Chat share',
    ]) {
      assert.ok(u.results.lastBody.includes(name), `the results view lacks ${name}`);
    }
    assert.equal(
      vscode.window.activeTextEditor?.document.uri.toString(),
      editor.document.uri.toString(),
      'the editor keeps the focus',
    );
  });

  test('evaluateAll with a URI works without an editor, and the same results come from the cache', async () => {
    const uri = fixtureUri(FILE);
    const first = await vscode.commands.executeCommand<KpiResult[]>('kpiLens.evaluateAll', uri);
    const again = await vscode.commands.executeCommand<KpiResult[]>('kpiLens.evaluateAll', uri);
    assert.equal(first?.length, 5);
    assert.equal(again, first, 'a second run on the same version reuses the results');
    assert.equal(u.results.documentUri?.toString(), uri.toString());
  });

  test('evaluateKpi with an id and the URI, as the CodeLens calls it, shows that KPI in the results view', async () => {
    const uri = fixtureUri(FILE);
    u.results.lastFocused = undefined;
    const result = await vscode.commands.executeCommand<KpiResult>('kpiLens.evaluateKpi', 'aht', uri);
    assert.equal(result?.id, 'aht');
    assert.ok(result.value !== null && Math.abs(result.value - 7.9166666) < 1e-3, `aht value ${result.value}`);
    assert.equal(result.status, 'at_risk');
    assert.deepEqual(result.notes, ['guardrail-off-track']);
    assert.equal(u.results.isOpen, true);
    // The row is brought forward once the webview's script says it is ready: no event for it.
    await poll(
      'the aht row to be brought into view',
      () => u.results.lastFocused === 'aht',
      () => ` Last focused: ${u.results.lastFocused}`,
    );
  });

  test('evaluateKpi takes { id } too, and answers undefined (with a warning, no throw) for an unknown id', async () => {
    await openFixture(FILE);
    assert.equal(
      (await vscode.commands.executeCommand<KpiResult>('kpiLens.evaluateKpi', { id: 'csat' }))?.status,
      'met',
    );
    assert.equal(await vscode.commands.executeCommand('kpiLens.evaluateKpi', 'no_such_kpi'), undefined);
  });

  test('evaluateKpi without an id evaluates the KPI at the cursor', async () => {
    const editor = await openFixture(FILE);
    const line = editor.document
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('formula: pct(contacts_to_resolve == 1)'));
    editor.selection = new vscode.Selection(line, 6, line, 6);
    const result = await vscode.commands.executeCommand<KpiResult>('kpiLens.evaluateKpi');
    assert.equal(result?.id, 'fcr');
    assert.equal(result.status, 'off_track');
  });

  for (const [format, ext] of [
    ['csv', 'csv'],
    ['json', 'json'],
    ['markdown', 'md'],
  ] as const) {
    test(`exportResults writes ${format} equal to \`kpi-lens eval --format ${format}\``, async () => {
      await openFixture(FILE);
      const target = vscode.Uri.file(path.join(tempDir(), `results.${ext}`));
      const written = await vscode.commands.executeCommand<vscode.Uri>('kpiLens.exportResults', {
        uri: target,
        format,
      });
      assert.equal(written?.toString(), target.toString());
      const text = fs.readFileSync(target.fsPath, 'utf8');
      const expected = cliEval(format);
      assert.equal(
        text,
        expected,
        `the export differs from kpi-lens eval --format ${format}:\n${lineDiff(expected, text)}`,
      );
    });
  }

  test('exportResults takes the format from the file name when none is given', async () => {
    const target = vscode.Uri.file(path.join(tempDir(), 'out.md'));
    await vscode.commands.executeCommand('kpiLens.exportResults', { uri: target, document: fixtureUri(FILE) });
    assert.match(fs.readFileSync(target.fsPath, 'utf8'), /^\| KPI \| Period \| Value \|/);
  });

  test('showSql takes a dialect and a URI: Snowflake SQL equal to `kpi-lens sql --dialect snowflake`', async () => {
    const sql = await vscode.commands.executeCommand<vscode.TextDocument>('kpiLens.showSql', {
      document: fixtureUri(FILE),
      dialect: 'snowflake',
    });
    assert.equal(sql?.getText(), cliSql('snowflake'));
    assert.match(sql.getText(), /COLLATE\(/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await poll('the SQL document to close', () => sql.isClosed);
  });

  test('showSql opens beside the file an untitled SQL document equal to `kpi-lens sql` (default dialect duckdb)', async () => {
    const editor = await openFixture(FILE);
    const sql = await vscode.commands.executeCommand<vscode.TextDocument>('kpiLens.showSql');
    assert.ok(sql, 'showSql returned no document');
    assert.equal(sql.languageId, 'sql');
    assert.equal(sql.isUntitled, true);
    const expected = cliSql('duckdb');
    assert.equal(sql.getText(), expected, lineDiff(expected, sql.getText()));
    const shown = vscode.window.visibleTextEditors.find((e) => e.document === sql);
    assert.ok(shown, 'the SQL is not shown');
    assert.ok((shown.viewColumn ?? 0) > (editor.viewColumn ?? 1), `SQL in column ${shown.viewColumn}, not beside`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    // Untitled names are reused: wait until this one is gone before the next test opens another.
    await poll('the SQL document to close', () => sql.isClosed);
  });

  test('newFile writes kpis.yaml and its data into the folder, opens it, and it checks clean', async () => {
    const dir = tempDir();
    const uri = await vscode.commands.executeCommand<vscode.Uri>('kpiLens.newFile', { folder: vscode.Uri.file(dir) });
    assert.equal(uri?.fsPath, path.join(dir, 'kpis.yaml'));
    for (const f of [
      'kpis.yaml',
      'data/tickets.csv',
      'data/nps_survey.csv',
      'data/subscriptions.csv',
      'data/web_sessions.csv',
    ]) {
      assert.ok(fs.existsSync(path.join(dir, f)), `${f} was not written`);
    }
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, uri.fsPath, 'the new kpis.yaml is not open');
    const lens = (await activateExtension()).exports as KpiLens;
    const findings = lens.analyses.get(vscode.window.activeTextEditor.document).findings;
    assert.deepEqual(
      findings.map((f) => `${f.rule}: ${f.message}`),
      [],
      'the starter should have no finding at all',
    );
    const results = lens.analyses.results(vscode.window.activeTextEditor.document);
    assert.equal(results.length, 13);
    assert.ok(
      results.every((r) => r.value !== null),
      'every starter KPI has a value',
    );
    const cli = path.resolve(workspaceRoot(), '..', '..', '..', 'dist', 'cli.js');
    const check = spawnSync(process.execPath, [cli, 'check', 'kpis.yaml'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    assert.equal(check.status, 0, `kpi-lens check on the starter: ${check.stdout}${check.stderr}`);
  });

  test('newFile never overwrites without asking: "skip" keeps the files, "overwrite" replaces them', async () => {
    const dir = tempDir();
    const kpis = path.join(dir, 'kpis.yaml');
    fs.writeFileSync(kpis, '# mine\n');
    assert.equal(
      await vscode.commands.executeCommand('kpiLens.newFile', {
        folder: vscode.Uri.file(dir),
        ifExists: 'skip',
        open: false,
      }),
      undefined,
    );
    assert.equal(fs.readFileSync(kpis, 'utf8'), '# mine\n', 'kpis.yaml was overwritten');
    assert.equal(fs.existsSync(path.join(dir, 'data')), false, 'nothing is written when one file is taken');
    await vscode.commands.executeCommand('kpiLens.newFile', {
      folder: vscode.Uri.file(dir),
      ifExists: 'overwrite',
      open: false,
    });
    assert.match(fs.readFileSync(kpis, 'utf8'), /^# KPI definitions as code/);
  });

  test('showAlignment focuses the alignment view in the explorer', async () => {
    await openFixture(FILE);
    const shown = await vscode.commands.executeCommand<boolean>('kpiLens.showAlignment');
    assert.equal(shown, true);
    await waitFor(
      'the alignment view to be visible',
      u.alignmentView.onDidChangeVisibility,
      () => u.alignmentView.visible,
    );
  });

  test('evaluation can be cancelled between KPIs: a cancelled token gives no results and caches none', async () => {
    const editor = await openFixture(FILE);
    const lens = (await activateExtension()).exports as KpiLens;
    lens.analyses.invalidate(editor.document);
    const source = new vscode.CancellationTokenSource();
    let steps = 0;
    const results = await lens.analyses.resultsStepwise(editor.document, source.token, () => {
      if (++steps === 2) source.cancel();
    });
    assert.equal(results, undefined);
    assert.equal(steps, 2, 'stopped after the KPI during which it was cancelled');
    assert.equal(lens.analyses.hasResults(editor.document), false);
    assert.equal((await lens.analyses.resultsStepwise(editor.document))?.length, 5);
  });
});
