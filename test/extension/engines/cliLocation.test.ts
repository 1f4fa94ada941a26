// Where the editor finds the kpi-lens command line: real folders, package.json files and
// symbolic links on disk, as npm lays them out.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { locateCli } from '../../../src/extension/engines/cliLocation';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-lens-cli-')));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** An installed kpi-lens package under `folder` (its package.json and its bin script). */
function install(folder: string, name = 'kpi-lens'): string {
  const pkg = path.join(folder, 'node_modules', 'kpi-lens');
  fs.mkdirSync(path.join(pkg, 'dist'), { recursive: true });
  fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name, bin: { 'kpi-lens': 'dist/cli.js' } }));
  fs.writeFileSync(path.join(pkg, 'dist', 'cli.js'), '#!/usr/bin/env node\n');
  return path.join(pkg, 'dist', 'cli.js');
}

test('the setting wins; a setting that leads nowhere says so, and nothing else is tried', (t) => {
  const dir = tempDir(t);
  const script = install(dir);
  assert.deepEqual(locateCli(script, [dir], ''), { script });
  const missing = locateCli(path.join(dir, 'nope.js'), [dir], '');
  assert.ok('missing' in missing);
  assert.match(missing.missing, /kpiLens\.engines\.cliPath is .*nope\.js, which is not a kpi-lens script/);
  assert.ok('missing' in locateCli(dir, [], ''), 'a folder is not a script');
});

test("the workspace's own install, from its package.json bin; another package of that folder name is not it", (t) => {
  const dir = tempDir(t);
  const script = install(dir);
  assert.deepEqual(locateCli(undefined, [path.join(dir, 'other'), dir], ''), { script });
  const impostor = tempDir(t);
  install(impostor, 'not-kpi-lens');
  assert.ok('missing' in locateCli(undefined, [impostor], ''));
});

test('then kpi-lens on PATH, through the symbolic link npm makes for a global install', (t) => {
  const prefix = tempDir(t);
  const script = install(path.join(prefix, 'lib'));
  const bin = path.join(prefix, 'bin');
  fs.mkdirSync(bin);
  fs.symlinkSync(script, path.join(bin, 'kpi-lens'));
  assert.deepEqual(locateCli(undefined, [tempDir(t)], [path.join(prefix, 'empty'), bin].join(path.delimiter)), {
    script,
  });
});

test('nothing anywhere: one sentence saying where it looked', (t) => {
  const found = locateCli(undefined, [tempDir(t)], tempDir(t));
  assert.deepEqual(found, {
    missing: 'no kpi-lens command line was found (in the workspace folder, on PATH or in kpiLens.engines.cliPath)',
  });
});
