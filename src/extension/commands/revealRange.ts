import * as vscode from 'vscode';

/**
 * Selects offsets `start`–`end` of a KPI file in an editor and scrolls them into view:
 * in the editor that already shows the file, else in the first column.
 */
export async function revealOffsets(
  document: vscode.TextDocument,
  start: number,
  end: number,
): Promise<vscode.TextEditor> {
  const range = new vscode.Range(document.positionAt(start), document.positionAt(end));
  const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === document.uri.toString());
  const editor = await vscode.window.showTextDocument(document, {
    viewColumn: shown?.viewColumn ?? vscode.ViewColumn.One,
    selection: range,
    preserveFocus: false,
    preview: false,
  });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

/** `kpiLens.revealRange(uri, start, end)`: what the alignment view's items run. */
export async function revealRange(uri: vscode.Uri | string, start: number, end: number): Promise<void> {
  const document = await vscode.workspace.openTextDocument(typeof uri === 'string' ? vscode.Uri.parse(uri) : uri);
  await revealOffsets(document, start, end);
}
