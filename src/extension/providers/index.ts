import * as vscode from 'vscode';
import type { KpiLens } from '../extension';
import { kpiSelector, isKpiFile } from '../kpiFiles';
import { BaselineActionProvider } from './baselineAction';
import { KpiCodeLensProvider } from './codeLens';
import { KpiCompletionProvider, TRIGGER_CHARACTERS } from './completion';
import { KpiDefinitionProvider } from './definition';
import { KpiHoverProvider } from './hover';
import { KpiReferenceProvider } from './references';
import { KpiRenameProvider } from './rename';
import { KpiSymbolProvider } from './outline';

/**
 * Hover, CodeLens, completion, definition, references, rename, outline and the baseline
 * action, for KPI files. Each provider checks the file against the settings, so that a
 * change of `kpiLens.files` needs only a new selector.
 */
export function registerLanguageFeatures(context: vscode.ExtensionContext, lens: KpiLens): void {
  const codeLens = new KpiCodeLensProvider(lens);
  let providers = registerProviders(lens, codeLens);
  let registeredFiles = JSON.stringify(lens.settings().files);
  context.subscriptions.push(
    codeLens,
    { dispose: () => providers.dispose() },
    lens.onDidChangeSettings((settings) => {
      // A new kpiLens.files needs a new selector; any setting may show or hide the lenses.
      const files = JSON.stringify(settings.files);
      if (files !== registeredFiles) {
        registeredFiles = files;
        providers.dispose();
        providers = registerProviders(lens, codeLens);
      }
      codeLens.refresh();
    }),
    // Diagnostics are published again when a file or its data changes: the lenses' values may have too.
    vscode.languages.onDidChangeDiagnostics((e) => {
      if (
        e.uris.some((uri) =>
          vscode.workspace.textDocuments.some(
            (d) => d.uri.toString() === uri.toString() && isKpiFile(d, lens.settings()),
          ),
        )
      ) {
        codeLens.refresh();
      }
    }),
  );
}

function registerProviders(lens: KpiLens, codeLens: KpiCodeLensProvider): vscode.Disposable {
  const selector: vscode.DocumentSelector = [{ language: 'yaml' }, ...kpiSelector(lens.settings())];
  return vscode.Disposable.from(
    vscode.languages.registerHoverProvider(selector, new KpiHoverProvider(lens)),
    vscode.languages.registerCodeLensProvider(selector, codeLens),
    vscode.languages.registerCompletionItemProvider(selector, new KpiCompletionProvider(lens), ...TRIGGER_CHARACTERS),
    vscode.languages.registerDefinitionProvider(selector, new KpiDefinitionProvider(lens)),
    vscode.languages.registerReferenceProvider(selector, new KpiReferenceProvider(lens)),
    vscode.languages.registerRenameProvider(selector, new KpiRenameProvider(lens)),
    vscode.languages.registerDocumentSymbolProvider(selector, new KpiSymbolProvider(lens), { label: 'KPI Lens' }),
    vscode.languages.registerCodeActionsProvider(selector, new BaselineActionProvider(lens), {
      providedCodeActionKinds: BaselineActionProvider.kinds,
    }),
  );
}
