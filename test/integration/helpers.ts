/// <reference types="mocha" />
// Helpers for the extension-host tests: open fixture files, wait on events (never on a
// sleep), describe ranges and diagnostics in failure messages, and a test wrapper that
// closes editors, reverts edited fixtures and disposes what a test registered.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'kpi-lens.kpi-lens';
export const SOURCE = 'kpi-lens';
/** Bound on every wait for the extension (diagnostics are debounced by 250 ms). */
export const WAIT_MS = Number(process.env.KPI_LENS_WAIT_MS || 10_000);

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the fixture workspace open (test/integration/workspace)');
  return folder.uri.fsPath;
}

export function fixtureUri(relative: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceRoot(), relative));
}

export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in the test instance`);
  await ext.activate();
  return ext;
}

/**
 * Opens a fixture in an editor as a user would (vscode.open): unlike
 * workspace.openTextDocument, this holds no reference that keeps the document open for
 * minutes after its editor closes, so closing it really closes it.
 */
export async function openFixture(relative: string): Promise<vscode.TextEditor> {
  const uri = fixtureUri(relative);
  const isIt = (e: vscode.TextEditor | undefined): e is vscode.TextEditor =>
    e?.document.uri.toString() === uri.toString();
  await vscode.commands.executeCommand('vscode.open', uri, { preview: false });
  await waitFor(`an editor of ${relative}`, vscode.window.onDidChangeActiveTextEditor, () =>
    isIt(vscode.window.activeTextEditor),
  );
  return vscode.window.activeTextEditor!;
}

/** "12:9-12:15" (1-based, as the Problems panel shows it). */
export function showRange(r: vscode.Range): string {
  return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
}

export function showDiagnostic(d: vscode.Diagnostic, document?: vscode.TextDocument): string {
  const text = document ? ` ${JSON.stringify(document.getText(d.range))}` : '';
  const severity = ['error', 'warning', 'info', 'hint'][d.severity];
  return `${String(typeof d.code === 'object' ? d.code.value : d.code)} ${severity} at ${showRange(d.range)}${text} (source ${d.source})`;
}

export function showDiagnostics(list: readonly vscode.Diagnostic[], document?: vscode.TextDocument): string {
  return list.length ? list.map((d) => `\n    ${showDiagnostic(d, document)}`).join('') : ' none';
}

/** KPI Lens's diagnostics of `uri`. */
export function kpiDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/**
 * Resolves when `check` returns true, tested now and after each event; rejects after
 * `ms` with a message naming `what` and, through `state`, what was there instead.
 */
export function waitFor<T>(
  what: string,
  event: vscode.Event<T>,
  check: () => boolean,
  state: () => string = () => '',
  ms = WAIT_MS,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (error?: Error): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      subscription.dispose();
      if (error) reject(error);
      else resolve();
    };
    const subscription = event(() => {
      try {
        if (check()) finish();
      } catch (e) {
        finish(e as Error);
      }
    });
    const timer = setTimeout(
      () => finish(new Error(`Timed out after ${ms / 1000} s waiting for ${what}.${state()}`)),
      ms,
    );
    try {
      if (check()) finish();
    } catch (e) {
      finish(e as Error);
    }
  });
}

/** For state that no event announces (an extension's activation): checks every 50 ms, bounded. */
export async function poll(
  what: string,
  check: () => boolean,
  state: () => string = () => '',
  ms = WAIT_MS,
): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`Timed out after ${ms / 1000} s waiting for ${what}.${state()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until KPI Lens's diagnostics of `uri` satisfy `check` (on languages.onDidChangeDiagnostics). */
export async function waitForDiagnostics(
  uri: vscode.Uri,
  what: string,
  check: (diagnostics: vscode.Diagnostic[]) => boolean,
  ms = WAIT_MS,
): Promise<vscode.Diagnostic[]> {
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  await waitFor(
    `${what} in ${vscode.workspace.asRelativePath(uri)}`,
    vscode.languages.onDidChangeDiagnostics,
    () => check(kpiDiagnostics(uri)),
    () => ` KPI Lens diagnostics there:${showDiagnostics(kpiDiagnostics(uri), document)}`,
    ms,
  );
  return kpiDiagnostics(uri);
}

/** Waits until the document's text satisfies `check` (on workspace.onDidChangeTextDocument). */
export async function waitForText(
  document: vscode.TextDocument,
  what: string,
  check: (text: string) => boolean,
): Promise<void> {
  await waitFor(
    what,
    vscode.workspace.onDidChangeTextDocument,
    () => check(document.getText()),
    () => `\nText now:\n${document.getText()}`,
  );
}

/** The range of `text` on 1-based `line` of the document (its `occurrence`-th match there). */
export function rangeOf(document: vscode.TextDocument, line: number, text: string, occurrence = 1): vscode.Range {
  assert.ok(line >= 1 && line <= document.lineCount, `line ${line} is not in ${document.uri.fsPath}`);
  const lineText = document.lineAt(line - 1).text;
  let at = -1;
  for (let n = 0; n < occurrence; n++) {
    at = lineText.indexOf(text, at + 1);
    assert.ok(
      at >= 0,
      `fixture problem: line ${line} of ${vscode.workspace.asRelativePath(document.uri)} has no ${JSON.stringify(text)} (#${occurrence}): ${JSON.stringify(lineText)}`,
    );
  }
  return new vscode.Range(line - 1, at, line - 1, at + text.length);
}

export const codeOf = (d: vscode.Diagnostic): string => String(typeof d.code === 'object' ? d.code.value : d.code);

// ---------------------------------------------------------------------------------------
// The test wrapper (after markdownlint's testWrapper): whatever a test opens, edits or
// registers is closed, reverted and disposed after it, pass or fail.

const toDispose: Array<{ dispose(): unknown }> = [];

/** Disposes `d` after the current test (an async dispose is awaited). */
export function track<T extends { dispose(): unknown }>(d: T): T {
  toDispose.push(d);
  return d;
}

/** Reverts every dirty document, closes every editor, disposes what the test tracked. */
export async function cleanUp(): Promise<void> {
  while (toDispose.length) await toDispose.pop()?.dispose();
  for (const document of vscode.workspace.textDocuments) {
    if (isProfileSettings(document)) await settle(document);
    else await revert(document);
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const dirty = vscode.workspace.textDocuments.filter((d) => d.isDirty && !d.isClosed);
  assert.equal(dirty.length, 0, `clean-up could not revert ${dirty.map((d) => d.uri.fsPath).join(', ')}`);
}

/** The test profile's own settings.json, which VS Code writes itself (configuration updates). */
function isProfileSettings(document: vscode.TextDocument): boolean {
  return /[\\/]User[\\/]settings\.json$/.test(document.uri.fsPath);
}

/**
 * Lets VS Code finish writing its own settings file (it edits and saves it for a
 * configuration update; reverting fights it, as a fresh-clone run in restricted mode showed);
 * saves it when it stays dirty. It is the test profile's file, never a fixture.
 */
async function settle(document: vscode.TextDocument): Promise<void> {
  for (let waited = 0; waited < 5000 && document.isDirty && !document.isClosed; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (document.isDirty && !document.isClosed) await document.save();
}

/**
 * Reverts one dirty document, at most three tries: a settings file that VS Code itself is
 * writing (configuration updates) can open its own editor in between, and showTextDocument
 * then fails with "another editor opened in the meantime"; by the next try it is often saved.
 */
async function revert(document: vscode.TextDocument): Promise<void> {
  for (let attempt = 1; attempt <= 3 && document.isDirty && !document.isClosed; attempt++) {
    try {
      await vscode.window.showTextDocument(document, { preview: false });
      await vscode.commands.executeCommand('workbench.action.files.revert');
    } catch (error) {
      if (attempt >= 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

/** `it` with clean-up after it. */
export function test(title: string, fn: (this: Mocha.Context) => Promise<void>): Mocha.Test {
  return it(title, async function () {
    try {
      await fn.call(this);
    } finally {
      await cleanUp();
    }
  });
}

/** Applies a WorkspaceEdit and checks that VS Code accepted it. */
export async function applyEdit(edit: vscode.WorkspaceEdit, what: string): Promise<void> {
  assert.ok(await vscode.workspace.applyEdit(edit), `VS Code refused the edit: ${what}`);
}

/** The document's lines with `changes` applied: line number (1-based) → new lines (none to delete). */
export function withLines(text: string, changes: Record<number, string[]>): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(eol);
  const out: string[] = [];
  lines.forEach((line, i) => {
    const change = changes[i + 1];
    out.push(...(change ?? [line]));
  });
  return out.join(eol);
}

/** A line-by-line diff of two texts, for failure messages. */
export function lineDiff(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  const out: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) out.push(`  line ${i + 1}: expected ${JSON.stringify(a[i])}, got ${JSON.stringify(b[i])}`);
  }
  return out.join('\n');
}
