/// <reference types="mocha" />
// In an untrusted workspace (restricted mode; run by `node test/integration/runTests.mjs
// --untrusted`, part of npm test): KPI Lens still checks files, and no file outside the
// workspace is read, even with kpiLens.allowSourcesOutsideWorkspace on (SPEC 2).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KpiLens } from '../../src/extension/extension';
import {
  activateExtension,
  codeOf,
  openFixture,
  rangeOf,
  showDiagnostics,
  test,
  track,
  waitForDiagnostics,
  workspaceRoot,
} from './helpers';

const FILE = 'trust/kpis.yaml';

describe('an untrusted workspace', () => {
  let lens: KpiLens;
  before(async () => {
    lens = (await activateExtension()).exports as KpiLens;
  });

  test('the workspace is untrusted, and the file is checked as usual: the source outside is not read', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this suite runs in restricted mode');
    const { document } = await openFixture(FILE);
    const ds = await waitForDiagnostics(document.uri, 'source-outside-workspace at the path', (list) =>
      list.some((d) => codeOf(d) === 'source-outside-workspace'),
    );
    const outside = ds.find((d) => codeOf(d) === 'source-outside-workspace')!;
    assert.ok(outside.range.isEqual(rangeOf(document, 9, '../../outside-data/o.csv')), showDiagnostics(ds, document));
    assert.equal(lens.analyses.results(document)[0]?.value, null, 'not computed');
  });

  test('allowing sources outside the workspace changes nothing while it is untrusted', async () => {
    const config = vscode.workspace.getConfiguration('kpiLens');
    await config.update('allowSourcesOutsideWorkspace', true, vscode.ConfigurationTarget.Global);
    track({
      dispose: () => config.update('allowSourcesOutsideWorkspace', undefined, vscode.ConfigurationTarget.Global),
    });
    assert.equal(
      vscode.workspace.getConfiguration('kpiLens').get('allowSourcesOutsideWorkspace'),
      true,
      'the setting is on',
    );
    assert.equal(lens.settings().allowSourcesOutsideWorkspace, false, 'but KPI Lens reads it as off');
    const { document } = await openFixture(FILE);
    lens.analyses.invalidate(document);
    const ds = await waitForDiagnostics(document.uri, 'source-outside-workspace still there', (list) =>
      list.some((d) => codeOf(d) === 'source-outside-workspace'),
    );
    assert.ok(ds.some((d) => codeOf(d) === 'source-outside-workspace'));
    const result = lens.analyses.results(document)[0]!;
    assert.equal(result.value, null, 'the file outside was not read');
    assert.match(result.failure ?? '', /could not be read/);
  });

  test('a database source is not read, even with the command line set: nothing is sent until trusted', async () => {
    const config = vscode.workspace.getConfiguration('kpiLens');
    const cli = path.resolve(workspaceRoot(), '..', '..', '..', 'dist', 'cli.js');
    await config.update('engines.cliPath', cli, vscode.ConfigurationTarget.Global);
    track({ dispose: () => config.update('engines.cliPath', undefined, vscode.ConfigurationTarget.Global) });
    assert.equal(lens.settings().enginesCliPath, cli, 'the setting is read');
    const { document } = await openFixture('engines/duckdb.kpis.yaml');
    const ds = await waitForDiagnostics(document.uri, 'source-unreadable at the connection', (list) =>
      list.some((d) => codeOf(d) === 'source-unreadable'),
    );
    const unreadable = ds.find((d) => codeOf(d) === 'source-unreadable')!;
    assert.ok(unreadable.range.isEqual(rangeOf(document, 13, 'local')), showDiagnostics(ds, document));
    assert.match(unreadable.message, /does not run in an untrusted workspace \(nothing is sent until you trust it\)/);
    assert.equal(
      ds.some((d) => codeOf(d) === 'unknown-column'),
      false,
      'no columns were asked for',
    );
    const chats = lens.analyses.results(document).find((r) => r.id === 'chats')!;
    assert.equal(chats.value, null);
  });
});
