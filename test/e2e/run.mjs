#!/usr/bin/env node
// Runs the UI end-to-end tests (test/e2e/*.e2e.mjs) with mocha in Node: each suite starts
// code-server with KPI Lens installed from kpi-lens.vsix (built by `npm run package`) and
// drives the workbench in headless Chromium.
//   npm run test:e2e                     package, then run every e2e test
//   node test/e2e/run.mjs [file-filter]  run against the existing kpi-lens.vsix
//   npm run screenshots                  the same, also writing docs/images/*.png
// Failures leave test-results/e2e/failed-<test>.png and code-server.log.
import Mocha from 'mocha';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureInstalled } from '../vscode/install.mjs';
import { teardown, teardownOnSignals } from '../vscode/session.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const args = process.argv.slice(2);
if (args.includes('--screenshots')) process.env.KPI_LENS_SCREENSHOTS = '1';
const filter = args.find((a) => !a.startsWith('--')) ?? process.env.KPI_LENS_TEST_FILE;

const vsix = process.env.KPI_LENS_VSIX || path.join(root, 'kpi-lens.vsix');
if (!existsSync(vsix)) {
  console.error(`${path.relative(root, vsix)} is missing: run npm run package first (npm run test:e2e does).`);
  process.exit(1);
}
teardownOnSignals();
ensureInstalled();

const mocha = new Mocha({
  ui: 'bdd',
  reporter: 'spec',
  timeout: 120_000,
  ...(process.env.KPI_LENS_TEST_GREP ? { grep: process.env.KPI_LENS_TEST_GREP } : {}),
});
const files = readdirSync(here)
  .filter((f) => f.endsWith('.e2e.mjs') && (!filter || f.includes(filter)))
  .sort();
if (files.length === 0) {
  console.error(`no e2e test files in ${path.relative(root, here)}${filter ? ` matching ${filter}` : ''}`);
  process.exit(1);
}
for (const f of files) mocha.addFile(path.join(here, f));
await mocha.loadFilesAsync();
const failures = await new Promise((resolve) => {
  const runner = mocha.run((n) => {
    const { passes = 0, pending = 0 } = runner.stats ?? {};
    console.log(`e2e: ${passes} passed, ${n} failed${pending ? `, ${pending} skipped` : ''}`);
    resolve(n);
  });
});
await teardown();
if (failures) console.error('Screenshots of the failures and code-server.log: test-results/e2e/');
process.exit(failures ? 1 : 0);
