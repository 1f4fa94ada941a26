/// <reference types="mocha" />
// Diagnostics follow the unsaved text as the author types (WorkspaceEdit), clear when the
// problem is fixed, and clear when the file closes (SPEC 7).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  applyEdit,
  codeOf,
  kpiDiagnostics,
  openFixture,
  rangeOf,
  showDiagnostics,
  test,
  waitFor,
  waitForDiagnostics,
} from './helpers';

const FILE = 'live/live.kpis.yaml';

describe('diagnostics while editing', () => {
  before(activateExtension);

  test('starts clean, gets no-goal when a goal link is broken, and clears when it is fixed', async () => {
    const { document } = await openFixture(FILE);
    const uri = document.uri;
    // The file is clean: wait until the extension has checked it (an empty set is published too).
    assert.equal(
      kpiDiagnostics(uri).length,
      0,
      `live.kpis.yaml should start clean:${showDiagnostics(kpiDiagnostics(uri), document)}`,
    );

    // Unlink the goal: goals: [grow] -> goals: []
    const grow = rangeOf(document, 10, 'grow');
    let edit = new vscode.WorkspaceEdit();
    edit.delete(uri, grow);
    await applyEdit(edit, 'delete "grow" from goals');
    let ds = await waitForDiagnostics(uri, 'no-goal after removing the link', (d) =>
      d.some((x) => codeOf(x) === 'no-goal'),
    );
    const noGoal = (list: vscode.Diagnostic[]): vscode.Diagnostic | undefined =>
      list.find((x) => codeOf(x) === 'no-goal');
    assert.deepEqual(
      ds.map(codeOf).sort(),
      ['goal-without-kpi', 'no-goal'],
      `no-goal on the KPI and goal-without-kpi on "grow" expected:${showDiagnostics(ds, document)}`,
    );
    assert.ok(
      noGoal(ds)!.range.isEqual(rangeOf(document, 10, '[]')),
      `no-goal should cover "[]" on line 10:${showDiagnostics(ds, document)}`,
    );

    // Type a line above it: the diagnostic moves down with the text.
    edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(8, 0), '    description: Money in\n');
    await applyEdit(edit, 'insert a description line');
    ds = await waitForDiagnostics(uri, 'no-goal to move to line 11', (d) => noGoal(d)?.range.start.line === 10);
    assert.ok(
      noGoal(ds)!.range.isEqual(rangeOf(document, 11, '[]')),
      `no-goal should follow "[]" to line 11:${showDiagnostics(ds, document)}`,
    );

    // Link a goal that does not exist: no-goal goes, unknown-goal comes.
    edit = new vscode.WorkspaceEdit();
    edit.replace(uri, rangeOf(document, 11, '[]'), '[grwo]');
    await applyEdit(edit, 'link "grwo"');
    ds = await waitForDiagnostics(uri, 'unknown-goal on "grwo"', (d) => d.some((x) => codeOf(x) === 'unknown-goal'));
    assert.deepEqual(
      ds.map(codeOf).sort(),
      ['goal-without-kpi', 'unknown-goal'],
      `unknown-goal (and goal-without-kpi on "grow") expected:${showDiagnostics(ds, document)}`,
    );
    const unknown = ds.find((x) => codeOf(x) === 'unknown-goal')!;
    assert.ok(
      unknown.range.isEqual(rangeOf(document, 11, 'grwo')),
      `unknown-goal should cover "grwo":${showDiagnostics(ds, document)}`,
    );

    // Fix the typo: everything clears.
    edit = new vscode.WorkspaceEdit();
    edit.replace(uri, rangeOf(document, 11, 'grwo'), 'grow');
    await applyEdit(edit, 'fix the typo');
    await waitForDiagnostics(uri, 'no diagnostics once fixed', (d) => d.length === 0);
  });

  test('a YAML syntax error while typing is reported, and cleared when the text parses again', async () => {
    const { document } = await openFixture(FILE);
    const uri = document.uri;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, rangeOf(document, 10, '[grow]').end, ', [');
    await applyEdit(edit, 'type an unclosed bracket');
    await waitForDiagnostics(uri, 'yaml-syntax', (d) => d.some((x) => codeOf(x) === 'yaml-syntax'));
    assert.ok((await vscode.commands.executeCommand('undo')) !== false);
    await waitFor('the undo', vscode.workspace.onDidChangeTextDocument, () => !document.isDirty);
    await waitForDiagnostics(uri, 'no diagnostics after the undo', (d) => d.length === 0);
  });

  test('diagnostics of a file clear when it is closed', async function () {
    this.timeout(30_000);
    // Opened through the UI (vscode.open), not workspace.openTextDocument, whose reference
    // keeps a document open for up to 3 minutes after its editor closes.
    const { document } = await openFixture('live/close.kpis.yaml');
    const uri = document.uri;
    await waitForDiagnostics(uri, 'diagnostics of model.kpis.yaml', (d) => d.length > 0);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // The editor is gone; VS Code closes the document (onDidCloseTextDocument) soon after.
    await waitForDiagnostics(uri, 'the diagnostics to clear after closing the file', (d) => d.length === 0, 20_000);
  });
});
