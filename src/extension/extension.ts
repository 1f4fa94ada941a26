import * as vscode from 'vscode';
import { Analyses } from './analyses';
import { QuickFixes } from './codeActions';
import { registerCommands } from './commands';
import { publish } from './diagnostics';
import { registerLanguageFeatures } from './providers';
import { isKpiFile, kpiSelector } from './kpiFiles';
import { readSettings, type Settings } from './settings';
import { associateSchemaWithYaml } from './yamlSchema';

/** What the extension registers, passed around instead of module-level state. */
export interface KpiLens {
  analyses: Analyses;
  diagnostics: vscode.DiagnosticCollection;
  settings: () => Settings;
}

export function activate(context: vscode.ExtensionContext): KpiLens {
  let settings = readSettings();
  const current = (): Settings => settings;
  const analyses = new Analyses(current);
  const diagnostics = vscode.languages.createDiagnosticCollection('kpi-lens');
  const lens: KpiLens = { analyses, diagnostics, settings: current };
  const timers = new Map<string, NodeJS.Timeout>();

  const validate = (document: vscode.TextDocument): void => {
    if (!isKpiFile(document, settings)) {
      diagnostics.delete(document.uri);
      return;
    }
    publish(diagnostics, document, analyses.get(document).findings);
  };
  const schedule = (document: vscode.TextDocument): void => {
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        // The document may have closed while we waited.
        if (!document.isClosed) validate(document);
      }, settings.debounceMs),
    );
  };
  const revalidateAll = (): void => {
    analyses.invalidate();
    for (const document of vscode.workspace.textDocuments) validate(document);
  };

  let quickFixes = registerQuickFixes(analyses, settings);
  context.subscriptions.push(
    analyses,
    diagnostics,
    { dispose: () => quickFixes.dispose() },
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
    vscode.workspace.onDidOpenTextDocument(validate),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0 && isKpiFile(e.document, settings)) schedule(e.document);
    }),
    vscode.workspace.onDidCloseTextDocument((document) => {
      clearTimeout(timers.get(document.uri.toString()));
      diagnostics.delete(document.uri);
      analyses.invalidate(document);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('kpiLens')) return;
      settings = readSettings();
      quickFixes.dispose();
      quickFixes = registerQuickFixes(analyses, settings);
      revalidateAll();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      settings = readSettings();
      revalidateAll();
    }),
    watchDataFiles(revalidateAll),
  );
  for (const document of vscode.workspace.textDocuments) validate(document);
  registerLanguageFeatures(context, lens);
  registerCommands(context, lens);
  void associateSchemaWithYaml(context, current).catch(() => false);
  return lens;
}

function registerQuickFixes(analyses: Analyses, settings: Settings): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(kpiSelector(settings), new QuickFixes((d) => analyses.get(d)), {
    providedCodeActionKinds: QuickFixes.kinds,
  });
}

/** Data files change under the KPI file: check again (DataCache re-reads by modification time). */
function watchDataFiles(onChange: () => void): vscode.Disposable {
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.{csv,json,jsonl,ndjson,tsv}');
  let timer: NodeJS.Timeout | undefined;
  const later = (): void => {
    clearTimeout(timer);
    timer = setTimeout(onChange, 300);
  };
  watcher.onDidChange(later);
  watcher.onDidCreate(later);
  watcher.onDidDelete(later);
  return vscode.Disposable.from(watcher, { dispose: () => clearTimeout(timer) });
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
