import * as path from 'node:path';
import * as vscode from 'vscode';
import { starterFiles } from '../../core/starter/starter';

export interface NewFileArgs {
  /** The folder to write into; without it the user picks one. */
  folder?: vscode.Uri | string;
  /** When a file is there already: ask (the default), overwrite, or keep it and stop. */
  ifExists?: 'ask' | 'overwrite' | 'skip';
  /** Open the new kpis.yaml in an editor (default true). */
  open?: boolean;
  /** The day the sample data and due dates are reckoned from (YYYY-MM-DD), default today. */
  today?: string;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * `kpiLens.newFile [{ folder, ifExists, open }]`: writes a starter kpis.yaml (goals and
 * the seed customer-experience KPIs) and its sample data under data/ into a folder the
 * user picks, never overwriting a file without asking, and opens it. Returns the new
 * kpis.yaml's URI, or undefined when nothing was written.
 */
export async function newFile(args: NewFileArgs = {}): Promise<vscode.Uri | undefined> {
  let folder = typeof args.folder === 'string' ? vscode.Uri.file(args.folder) : args.folder;
  if (!folder) {
    const picked = await vscode.window.showOpenDialog({
      title: 'New KPI file: pick the folder for kpis.yaml and its sample data',
      openLabel: 'Create kpis.yaml Here',
      canSelectFolders: true,
      canSelectFiles: false,
      canSelectMany: false,
      defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    });
    folder = picked?.[0];
    if (!folder) return undefined;
  }
  const starter = starterFiles(args.today);
  const files = Object.entries(starter.files).map(([rel, text]) => ({
    rel,
    uri: vscode.Uri.joinPath(folder!, ...rel.split('/')),
    text,
  }));
  const taken = (await Promise.all(files.map(async (f) => ((await exists(f.uri)) ? f.rel : undefined)))).filter(
    (r): r is string => r !== undefined,
  );
  if (taken.length > 0) {
    const where = path.basename(folder.path) || folder.path;
    const mode = args.ifExists ?? 'ask';
    if (mode === 'skip') {
      void vscode.window.showInformationMessage(
        `${taken.join(', ')} already ${taken.length === 1 ? 'exists' : 'exist'} in ${where}: nothing was written.`,
      );
      return undefined;
    }
    if (mode === 'ask') {
      const answer = await vscode.window.showWarningMessage(
        `${taken.join(', ')} already ${taken.length === 1 ? 'exists' : 'exist'} in ${where}. Replace ${taken.length === 1 ? 'it' : 'them'} with the starter?`,
        { modal: true, detail: 'The files replaced are gone for good. Pick another folder to keep them.' },
        'Replace',
      );
      if (answer !== 'Replace') return undefined;
    }
  }
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folder, 'data'));
  for (const f of files) await vscode.workspace.fs.writeFile(f.uri, new TextEncoder().encode(f.text));
  const kpiFile = files[0]!.uri;
  if (args.open !== false) await vscode.window.showTextDocument(kpiFile, { preview: false });
  return kpiFile;
}
