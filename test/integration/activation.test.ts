/// <reference types="mocha" />
// Activation and which files are KPI files: the fixed patterns and `kpiLens.files` globs
// get diagnostics, other YAML does not (SPEC 1, 7).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { KpiLens } from '../../src/extension/extension';
import {
  EXTENSION_ID,
  codeOf,
  fixtureUri,
  kpiDiagnostics,
  openFixture,
  poll,
  rangeOf,
  showDiagnostics,
  test,
  track,
  waitForDiagnostics,
} from './helpers';
import { report } from './index';

const KPI_FILES = [
  'activation/kpis.yaml',
  'activation/kpis.yml',
  'activation/team.kpis.yaml',
  'activation/team.kpis.yml',
  'activation/custom/okrs.yaml', // matched by "kpiLens.files": ["custom/*.yaml"] in .vscode/settings.json
];
// The same text as the KPI files, under names that are not KPI files.
const OTHER_YAML = ['activation/other.yaml', 'activation/mykpis.yaml', 'activation/nested/okrs.yaml'];

describe('activation', () => {
  it('activates by itself in a workspace that contains kpis.yaml (workspaceContains), before any file is opened', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded`);
    await poll(
      `${EXTENSION_ID} to activate`,
      () => ext.isActive,
      () => ` Open documents: ${vscode.workspace.textDocuments.map((d) => d.uri.path).join(', ') || 'none'}`,
    );
    // A figure for the README's Performance section, not a timed assertion.
    const lens = ext.exports as KpiLens;
    assert.ok(lens.activationMs > 0);
    report(`activation: activate() took ${lens.activationMs.toFixed(1)} ms`);
  });

  it('declares activation on the KPI file patterns and on YAML, never on "*"', () => {
    const events: string[] = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON.activationEvents ?? [];
    assert.ok(!events.includes('*'), 'activationEvents must not contain "*"');
    for (const e of [
      'workspaceContains:**/kpis.{yaml,yml}',
      'workspaceContains:**/*.kpis.{yaml,yml}',
      'onLanguage:yaml',
    ]) {
      assert.ok(events.includes(e), `activationEvents lacks ${e}: ${JSON.stringify(events)}`);
    }
  });

  for (const file of KPI_FILES) {
    test(`checks ${file} (a KPI file): no-goal on "orders" with source kpi-lens`, async () => {
      const editor = await openFixture(file);
      const diagnostics = await waitForDiagnostics(editor.document.uri, 'the no-goal warning', (ds) =>
        ds.some((d) => codeOf(d) === 'no-goal'),
      );
      const expected = rangeOf(editor.document, 13, 'orders');
      assert.equal(
        diagnostics.length,
        1,
        `expected only no-goal, got:${showDiagnostics(diagnostics, editor.document)}`,
      );
      assert.ok(
        diagnostics[0]!.range.isEqual(expected),
        `no-goal at the wrong place:${showDiagnostics(diagnostics, editor.document)}`,
      );
    });
  }

  test(`leaves other YAML alone (${OTHER_YAML.join(', ')})`, async () => {
    for (const file of OTHER_YAML) await openFixture(file);
    // A KPI file with the same text, opened last, is the control: once it has its
    // diagnostics, the others have had as long to get theirs.
    const control = await openFixture('activation/kpis.yaml');
    await waitForDiagnostics(control.document.uri, "the control file's diagnostics", (ds) => ds.length > 0);
    for (const file of OTHER_YAML) {
      const found = vscode.languages.getDiagnostics(fixtureUri(file)).filter((d) => d.source === 'kpi-lens');
      assert.equal(found.length, 0, `${file} is not a KPI file but got KPI Lens diagnostics:${showDiagnostics(found)}`);
    }
  });

  test('picks up a kpiLens.files glob changed at run time', async () => {
    const config = vscode.workspace.getConfiguration('kpiLens');
    const before = config.inspect<string[]>('files')?.workspaceValue;
    track({ dispose: () => config.update('files', before, vscode.ConfigurationTarget.Workspace) });
    const editor = await openFixture('activation/nested/okrs.yaml');
    const uri = editor.document.uri;
    assert.equal(kpiDiagnostics(uri).length, 0, 'nested/okrs.yaml should not be a KPI file before the setting changes');
    await config.update('files', [...(before ?? []), 'nested/*.yaml'], vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(uri, 'diagnostics after adding "nested/*.yaml" to kpiLens.files', (ds) =>
      ds.some((d) => codeOf(d) === 'no-goal'),
    );
    await config.update('files', before, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(uri, 'no diagnostics after removing the glob again', (ds) => ds.length === 0);
  });
});
