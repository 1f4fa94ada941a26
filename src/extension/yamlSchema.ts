import * as vscode from 'vscode';
import type { Settings } from './settings';
import { extraSelector } from './kpiFiles';

/** The part of Red Hat's YAML extension API we use (its `registerContributor`). */
interface YamlExtensionApi {
  registerContributor(
    schema: string,
    requestSchema: (resource: string) => string | undefined,
    requestSchemaContent: (uri: string) => string | undefined,
    label?: string,
  ): boolean;
}

const SCHEME = 'kpilens';

/**
 * Associates the schema with the `kpiLens.files` globs at run time (the fixed patterns
 * come from the manifest's yamlValidation). Does nothing when Red Hat's YAML is absent.
 */
export async function associateSchemaWithYaml(
  context: vscode.ExtensionContext,
  settings: () => Settings,
): Promise<boolean> {
  const yaml = vscode.extensions.getExtension<YamlExtensionApi>('redhat.vscode-yaml');
  if (!yaml) return false;
  const api = yaml.isActive ? yaml.exports : await yaml.activate();
  if (!api || typeof api.registerContributor !== 'function') return false;
  const schemaUri = vscode.Uri.joinPath(context.extensionUri, 'schemas', 'kpis.schema.json');
  const schemaText = new TextDecoder().decode(await vscode.workspace.fs.readFile(schemaUri));
  return api.registerContributor(
    SCHEME,
    (resource) => {
      const selector = extraSelector(settings());
      if (selector.length === 0) return undefined;
      const uri = vscode.Uri.parse(resource);
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      const matches = open ? vscode.languages.match(selector, open) > 0 : false;
      return matches ? `${SCHEME}://schema/kpis.schema.json` : undefined;
    },
    (uri) => (uri.startsWith(`${SCHEME}://`) ? schemaText : undefined),
    'KPI Lens',
  );
}
