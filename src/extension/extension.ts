import * as vscode from 'vscode';
import { Analyses } from './analyses';
import { EditorEngines } from './engines/editorEngines';
import { DatabasePasswords } from './engines/passwords';
import { QuickFixes } from './codeActions';
import { registerCommands } from './commands';
import { registerLanguageFeatures } from './providers';
import { kpiSelector } from './kpiFiles';
import { SettingsStore, type Settings } from './settings';
import { Validation } from './validation';
import { associateSchemaWithYaml } from './yamlSchema';

/** What the extension registers, passed around instead of module-level state. */
export interface KpiLens {
  analyses: Analyses;
  /** Database, Parquet and glob sources, read through the kpi-lens command line. */
  engines: EditorEngines;
  diagnostics: vscode.DiagnosticCollection;
  settings: () => Settings;
  /** Fires once the settings were read again after a change (the one settings-change path). */
  onDidChangeSettings: vscode.Event<Settings>;
  /** The debounced checks as the author types. */
  validation: Validation;
  /** How long activate() took, in milliseconds (reported by the tests; see README Performance). */
  activationMs: number;
}

export function activate(context: vscode.ExtensionContext): KpiLens {
  const started = performance.now();
  const settings = new SettingsStore();
  const passwords = new DatabasePasswords(context.secrets);
  const engines = new EditorEngines(settings.current, passwords);
  const analyses = new Analyses(settings.current, engines);
  const diagnostics = vscode.languages.createDiagnosticCollection('kpi-lens');
  const validation = new Validation(analyses, diagnostics, settings.current);
  const lens: KpiLens = {
    analyses,
    engines,
    diagnostics,
    settings: settings.current,
    onDidChangeSettings: settings.onDidChange,
    validation,
    activationMs: 0,
  };

  let quickFixes = registerQuickFixes(analyses, settings.current());
  let enginesSeen = settings.current();
  context.subscriptions.push(
    settings,
    engines,
    analyses,
    diagnostics,
    validation,
    { dispose: () => quickFixes.dispose() },
    settings.onDidChange((current) => {
      // kpiLens.files may have changed: the quick fixes need a new selector.
      quickFixes.dispose();
      quickFixes = registerQuickFixes(analyses, current);
      // The command line, trust or the workspace boundary changed: engine sources are asked again.
      if (
        current.enginesCliPath !== enginesSeen.enginesCliPath ||
        current.enginesAllowed !== enginesSeen.enginesAllowed ||
        current.allowSourcesOutsideWorkspace !== enginesSeen.allowSourcesOutsideWorkspace
      ) {
        engines.refresh();
      }
      enginesSeen = current;
      validation.revalidateAll();
    }),
    watchDataFiles(() => validation.revalidateAll()),
    // Parquet and DuckDB files are read by the engines: what they said of them is asked again.
    watchDataFiles(() => engines.refresh(), '**/*.{parquet,duckdb}'),
    // A large data file read in the worker has arrived, or engine sources were described:
    // check again with their columns (every document, or those reading the described sources).
    analyses.onDidLoadData((documents) => (documents ? validation.revalidate(documents) : validation.revalidateAll())),
  );
  for (const document of vscode.workspace.textDocuments) validation.validate(document);
  registerLanguageFeatures(context, lens);
  registerCommands(context, lens);
  void associateSchemaWithYaml(context, settings.current).catch(() => false);
  lens.activationMs = performance.now() - started;
  return lens;
}

function registerQuickFixes(analyses: Analyses, settings: Settings): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(kpiSelector(settings), new QuickFixes((d) => analyses.get(d)), {
    providedCodeActionKinds: QuickFixes.kinds,
  });
}

/** Data files change under the KPI file: check again (DataCache re-reads by modification time). */
function watchDataFiles(onChange: () => void, glob = '**/*.{csv,json,jsonl,ndjson,tsv}'): vscode.Disposable {
  const watcher = vscode.workspace.createFileSystemWatcher(glob);
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
