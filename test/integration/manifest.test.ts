/// <reference types="mocha" />
// The manifest: the schema reaches Red Hat's YAML extension through yamlValidation for the
// fixed patterns (SPEC 7), its path resolves inside the extension, and every contributed
// command and setting is there.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension } from './helpers';

interface Manifest {
  contributes?: {
    yamlValidation?: Array<{ fileMatch: string | string[]; url: string }>;
    commands?: Array<{ command: string; title: string; category?: string }>;
    configuration?: { properties?: Record<string, unknown> } | Array<{ properties?: Record<string, unknown> }>;
  };
}

describe('manifest', () => {
  let ext: vscode.Extension<unknown>;
  let manifest: Manifest;
  before(async () => {
    ext = await activateExtension();
    manifest = ext.packageJSON as Manifest;
  });

  it('contributes the schema through yamlValidation for kpis.yaml, kpis.yml, *.kpis.yaml, *.kpis.yml', () => {
    const entries = manifest.contributes?.yamlValidation ?? [];
    assert.ok(entries.length > 0, 'contributes.yamlValidation is missing');
    const matches = entries.flatMap((e) => (Array.isArray(e.fileMatch) ? e.fileMatch : [e.fileMatch]));
    for (const pattern of ['kpis.yaml', 'kpis.yml', '*.kpis.yaml', '*.kpis.yml']) {
      assert.ok(matches.includes(pattern), `yamlValidation fileMatch lacks ${pattern}: ${JSON.stringify(matches)}`);
    }
  });

  it('points yamlValidation at schemas/kpis.schema.json, which exists and is a draft-07 schema', async () => {
    for (const entry of manifest.contributes?.yamlValidation ?? []) {
      const resolved = vscode.Uri.joinPath(ext.extensionUri, entry.url);
      assert.equal(
        path.relative(ext.extensionPath, resolved.fsPath),
        path.join('schemas', 'kpis.schema.json'),
        `url ${entry.url}`,
      );
      const bytes = await vscode.workspace.fs
        .readFile(resolved)
        .then(undefined, (e: Error) => assert.fail(`yamlValidation url ${entry.url} does not resolve: ${e.message}`));
      const schema = JSON.parse(new TextDecoder().decode(bytes)) as {
        $schema?: string;
        properties?: Record<string, unknown>;
      };
      assert.match(schema.$schema ?? '', /draft-07/, `$schema of ${entry.url}`);
      for (const key of ['version', 'goals', 'sources', 'kpis', 'rules']) {
        assert.ok(schema.properties?.[key], `the schema has no top-level property ${key}`);
      }
    }
  });

  it('ships the schema in the package (not excluded by .vscodeignore)', () => {
    const ignore = path.join(ext.extensionPath, '.vscodeignore');
    if (!fs.existsSync(ignore)) return; // nothing excluded
    const lines = fs
      .readFileSync(ignore, 'utf8')
      .split('\n')
      .map((l) => l.trim());
    const allowList = lines.includes('**');
    if (allowList)
      assert.ok(
        lines.some((l) => /^!schemas(\/|$)/.test(l)),
        '.vscodeignore is an allow-list without !schemas/**',
      );
    else assert.ok(!lines.some((l) => /^schemas(\/|\*|$)/.test(l)), '.vscodeignore excludes schemas/');
  });

  it('contributes the kpiLens settings with their defaults', () => {
    const config = vscode.workspace.getConfiguration('kpiLens');
    assert.deepEqual(config.inspect('files')?.defaultValue, []);
    assert.equal(config.inspect('allowSourcesOutsideWorkspace')?.defaultValue, false);
    assert.equal(config.inspect('validate.debounceMs')?.defaultValue, 250);
  });

  it('registers every command it contributes, in the KPI category', async () => {
    const contributed = manifest.contributes?.commands ?? [];
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const c of contributed) {
      assert.ok(registered.has(c.command), `${c.command} is contributed but not registered`);
      assert.equal(c.category, 'KPI', `${c.command} should be in the "KPI" category`);
    }
  });
});
