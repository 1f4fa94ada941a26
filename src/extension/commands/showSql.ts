import * as path from 'node:path';
import * as vscode from 'vscode';
import { compilerView, engineSpecsIn, engineTableOf } from '../../core/sql/engineView';
import { sqlText } from '../../core/sql/sqlText';
import type { DialectName } from '../../core/sql/dialect';
import { kpiDocumentFor, type Ui } from './ui';

/** The arguments: the KPI file (default: the active one) and a dialect (default: kpiLens.sql.dialect). */
export interface ShowSqlArgs {
  document?: vscode.Uri | string;
  dialect?: DialectName;
}

/**
 * `kpiLens.showSql`: the SQL computing the file's KPIs (what `kpi-lens sql` prints, data
 * paths relative to the workspace folder) in an untitled SQL document beside the file
 * (`support.kpis.duckdb.sql`; run again, it is brought up to date).
 * Returns that document.
 */
export async function showSql(ui: Ui, args: ShowSqlArgs = {}): Promise<vscode.TextDocument | undefined> {
  const document = await kpiDocumentFor(ui, args.document);
  if (!document) return undefined;
  const analysis = ui.lens.analyses.get(document);
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  const dialect = args.dialect ?? ui.lens.settings().sqlDialect;
  // Database, Parquet and glob sources as their engines described them (as `kpi-lens sql`).
  const content = sqlText(compilerView(analysis), {
    dialect,
    tableOf: engineTableOf(engineSpecsIn(analysis)),
    ...(folder ? { relativeTo: folder.uri.fsPath } : {}),
  });
  // One untitled document per KPI file and dialect, its whole text replaced on each run: a
  // document opened from content alone can come back stale when VS Code reuses its name.
  const name = path.posix.basename(document.uri.path).replace(/\.ya?ml$/i, '');
  const uri = vscode.Uri.from({
    scheme: 'untitled',
    path: path.posix.join(path.posix.dirname(document.uri.path), `${name}.${dialect}.sql`),
  });
  let sql = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(sql.positionAt(0), sql.positionAt(sql.getText().length)), content);
  await vscode.workspace.applyEdit(edit);
  if (sql.languageId !== 'sql') sql = await vscode.languages.setTextDocumentLanguage(sql, 'sql');
  await vscode.window.showTextDocument(sql, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  return sql;
}
