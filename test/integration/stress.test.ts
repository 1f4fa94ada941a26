/// <reference types="mocha" />
// The editor under stress: fast typing in a 1,000-KPI file, a data file rewritten during an
// evaluation, an evaluation cancelled, a file closed mid-evaluation. No stale diagnostics,
// no unhandled rejection, nothing written to the user's file.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KpiLens } from '../../src/extension/extension';
import {
  activateExtension,
  applyEdit,
  codeOf,
  kpiDiagnostics,
  openFixture,
  poll,
  test,
  waitForDiagnostics,
  workspaceRoot,
} from './helpers';

const DIR = 'stress';
const BIG = `${DIR}/big.kpis.yaml`;
const LIVE = `${DIR}/data-live.kpis.yaml`;
const KPIS = 1000;

/** A 1,000-KPI file over one small csv: every KPI linked and computed, all but the last targeted. */
function bigFile(): string {
  const kpis = Array.from({ length: KPIS }, (_, i) =>
    [
      `  - id: kpi_${i}`,
      `    name: KPI number ${i}`,
      `    goals: [g${i % 20}]`,
      `    source: tickets`,
      `    formula: count(channel == "chat")`,
      // The last KPI has no target: one info, so that the first check is visible.
      i === KPIS - 1 ? '' : `    target: { value: ${i}, due: 2099-12-31, baseline: { value: 0, as_of: 2025-12-31 } }`,
    ]
      .filter((l) => l !== '')
      .join('\n'),
  );
  const goals = Array.from({ length: 20 }, (_, i) => `  - { id: g${i}, title: Goal ${i} }`);
  return `version: 1\ngoals:\n${goals.join('\n')}\nsources:\n  tickets:\n    path: data/tickets.csv\nkpis:\n${kpis.join('\n')}\nrules:\n  goal-too-many-kpis: off\n`;
}

function ticketsCsv(rows: number, chatEvery: number): string {
  const lines = ['id,channel'];
  for (let i = 0; i < rows; i++) lines.push(`${i},${i % chatEvery === 0 ? 'chat' : 'email'}`);
  return `${lines.join('\n')}\n`;
}

describe('the editor under stress', function () {
  this.timeout(120_000);
  let lens: KpiLens;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown): void => {
    rejections.push(reason);
  };
  const abs = (rel: string): string => path.join(workspaceRoot(), rel);

  before(async () => {
    lens = (await activateExtension()).exports as KpiLens;
    fs.mkdirSync(abs(`${DIR}/data`), { recursive: true });
    fs.writeFileSync(abs(BIG), bigFile());
    fs.writeFileSync(abs(`${DIR}/data/tickets.csv`), ticketsCsv(10, 2));
    fs.writeFileSync(abs(`${DIR}/data/live.csv`), ticketsCsv(50_000, 4));
    fs.writeFileSync(
      abs(LIVE),
      'version: 1\ngoals: [{ id: g, title: G }]\nsources:\n  live:\n    path: data/live.csv\nkpis:\n' +
        Array.from(
          { length: 8 },
          (_, i) =>
            `  - { id: k${i}, name: K${i}, goals: [g], source: live, formula: count(channel == "chat") + ${i} }`,
        ).join('\n') +
        '\n',
    );
    process.on('unhandledRejection', onRejection);
  });

  after(() => {
    process.off('unhandledRejection', onRejection);
    fs.rmSync(abs(DIR), { recursive: true, force: true });
    assert.deepEqual(rejections.map(String), [], 'no unhandled rejection during the suite');
  });

  test('fast typing in a 1,000-KPI file: the diagnostics end as those of the final text, none stale, nothing saved', async () => {
    const onDisk = fs.readFileSync(abs(BIG), 'utf8');
    const { document } = await openFixture(BIG);
    const uri = document.uri;
    await waitForDiagnostics(uri, 'the first check of the big file', (ds) => ds.length > 0, 60_000);
    // Type "zz" into the goal of KPI 500 a character at a time, then take it back, without
    // waiting for the checks in between: each intermediate text has an unknown-goal.
    const line =
      document
        .getText()
        .split('\n')
        .findIndex((l) => l === '  - id: kpi_500') + 2;
    assert.ok(document.lineAt(line).text.includes('goals: [g0]'), document.lineAt(line).text);
    const at = document.lineAt(line).text.indexOf('g0]') + 2;
    for (let i = 0; i < 20; i++) {
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, new vscode.Position(line, at + i), 'z');
      await applyEdit(edit, `type z #${i}`);
    }
    const withZ = await waitForDiagnostics(
      uri,
      'unknown-goal on the typed goal id',
      (ds) => ds.some((d) => codeOf(d) === 'unknown-goal' && d.message.includes('g0' + 'z'.repeat(20))),
      60_000,
    );
    assert.equal(
      withZ.filter((d) => codeOf(d) === 'unknown-goal').length,
      1,
      'one unknown-goal, for the final text only',
    );
    for (let i = 19; i >= 0; i--) {
      const edit = new vscode.WorkspaceEdit();
      edit.delete(uri, new vscode.Range(line, at + i, line, at + i + 1));
      await applyEdit(edit, `delete z #${i}`);
    }
    const final = await waitForDiagnostics(
      uri,
      'the diagnostics of the restored text (no unknown-goal left)',
      (ds) => !ds.some((d) => codeOf(d) === 'unknown-goal'),
      60_000,
    );
    assert.equal(document.getText(), onDisk, 'the text is back to what it was');
    const expected = lens.analyses.get(document).findings;
    assert.equal(final.length, expected.length, 'the editor shows exactly the findings of the final text');
    assert.deepEqual(final.map(codeOf), ['target-missing'], 'the one finding of the file as written');
    assert.equal(fs.readFileSync(abs(BIG), 'utf8'), onDisk, 'nothing was written to the file');
  });

  test('typing then closing the file at once: the pending check is dropped, no diagnostics come back', async () => {
    const { document } = await openFixture(LIVE);
    const uri = document.uri;
    await waitForDiagnostics(uri, 'the live file checked', () => lens.analyses.get(document) !== undefined);
    for (let i = 0; i < 5; i++) {
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, new vscode.Position(1, 0), '#');
      await applyEdit(edit, `type # #${i}`);
    }
    assert.ok(lens.validation.pending > 0, 'a check waits for typing to pause');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await poll(
      'the document to close',
      () => document.isClosed,
      () => '',
      30_000,
    );
    assert.equal(lens.validation.pending, 0, 'no timer left for a closed document');
    // Longer than the debounce: nothing is published for the closed file.
    await new Promise((resolve) => setTimeout(resolve, lens.settings().debounceMs + 500));
    assert.deepEqual(kpiDiagnostics(uri), [], 'no stale diagnostics for the closed file');
    assert.equal(lens.validation.pending, 0);
  });

  test('a data file rewritten during an evaluation: the results follow the new data', async () => {
    const { document } = await openFixture(LIVE);
    lens.analyses.invalidate(document);
    let rewritten = false;
    const first = await lens.analyses.resultsStepwise(document, undefined, () => {
      if (rewritten) return;
      rewritten = true;
      // 50,000 rows with a chat every 4th → every 5th.
      fs.writeFileSync(abs(`${DIR}/data/live.csv`), ticketsCsv(50_000, 5));
    });
    assert.ok(first, 'the evaluation finished');
    assert.ok(
      first.every((r, i) => r.value === 12_500 + i),
      'the evaluation under way finished on the data it had read',
    );
    // What the data-file watcher does (it may not see a folder made during the run): forget
    // the analyses; the next results must read the new data, never the cached old ones.
    lens.analyses.invalidate();
    await poll(
      'the results to follow the rewritten data (10,000 chats)',
      () => lens.analyses.results(document).every((r, i) => r.value === 10_000 + i),
      () =>
        ` values: ${lens.analyses
          .results(document)
          .map((r) => r.value)
          .join(', ')}`,
    );
  });

  test('cancelling an evaluation stops it; the next evaluation is whole', async () => {
    const { document } = await openFixture(LIVE);
    lens.analyses.invalidate(document);
    const source = new vscode.CancellationTokenSource();
    let steps = 0;
    const cancelled = await lens.analyses.resultsStepwise(document, source.token, () => {
      steps++;
      source.cancel();
    });
    source.dispose();
    assert.equal(cancelled, undefined, 'a cancelled evaluation returns nothing');
    assert.equal(steps, 1, 'it stopped after the step during which it was cancelled');
    assert.equal(lens.analyses.hasResults(document), false, 'no partial results were kept');
    const whole = await lens.analyses.resultsStepwise(document);
    assert.equal(whole?.length, 8);
    assert.ok(whole!.every((r) => r.failure === undefined && typeof r.value === 'number'));
  });

  test('closing the file mid-evaluation: no error, and its diagnostics go', async () => {
    const { document } = await openFixture(LIVE);
    const uri = document.uri;
    await poll('the live file to be checked', () => lens.analyses.get(document).findings !== undefined);
    lens.analyses.invalidate(document);
    const running = lens.analyses.resultsStepwise(document);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const results = await running; // must settle, not reject
    assert.ok(results === undefined || results.length === 8);
    // VS Code may keep the document a while after its editor closes; once it does close, its diagnostics go.
    await poll(
      'the closed file to have no diagnostics',
      () =>
        kpiDiagnostics(uri).length === 0 ||
        vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString() && !d.isClosed),
      () => ` diagnostics: ${kpiDiagnostics(uri).length}`,
      30_000,
    );
  });
});
