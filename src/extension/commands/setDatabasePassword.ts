import * as vscode from 'vscode';
import { passwordKey, postgresTargetOf } from '../../core/data/engineSources';
import { kpiDocumentFor, type Ui } from './ui';

/** The arguments (all optional; the command asks for what is missing). */
export interface SetPasswordArgs {
  document?: vscode.Uri | string;
  /** The connection's name under `connections:`. */
  connection?: string;
  /** The password; empty forgets the stored one. */
  password?: string;
}

/**
 * `kpiLens.setDatabasePassword`: keeps the password of a PostgreSQL connection of the KPI
 * file in VS Code's secret storage (by server and user, so every file naming that login
 * shares it), then reads the file's database sources again. Returns whether it stored or
 * forgot one.
 */
export async function setDatabasePassword(ui: Ui, args: SetPasswordArgs = {}): Promise<boolean> {
  const document = await kpiDocumentFor(ui, args.document);
  if (!document) return false;
  const connections = ui.lens.analyses
    .get(document)
    .model.connections.filter((c) => c.type?.value === 'postgres')
    .flatMap((c) => {
      const target = postgresTargetOf(c);
      return target ? [{ name: c.name, target }] : [];
    });
  if (connections.length === 0) {
    void vscode.window.showInformationMessage(
      'This KPI file has no PostgreSQL connection with host, database and user under connections:.',
    );
    return false;
  }
  let chosen = connections.find((c) => c.name === args.connection);
  if (!chosen && args.connection === undefined) {
    const picked =
      connections.length === 1
        ? connections[0]
        : await vscode.window
            .showQuickPick(
              connections.map((c) => ({
                label: c.name,
                description: `${c.target.user}@${c.target.host}:${c.target.port}/${c.target.database}`,
                connection: c,
              })),
              { placeHolder: 'The connection whose password to set' },
            )
            .then((item) => item?.connection);
    chosen = picked;
  }
  if (!chosen) {
    if (args.connection !== undefined) {
      void vscode.window.showWarningMessage(`This KPI file has no PostgreSQL connection "${args.connection}".`);
    }
    return false;
  }
  const { target } = chosen;
  const password =
    args.password ??
    (await vscode.window.showInputBox({
      title: `Password of ${target.user} on ${target.host}:${target.port}/${target.database}`,
      prompt: "Kept in VS Code's secret storage, never in the file. Leave empty to forget the stored one.",
      password: true,
      ignoreFocusOut: true,
    }));
  if (password === undefined) return false;
  await ui.lens.engines.setPassword(passwordKey(target), password);
  return true;
}
