#!/usr/bin/env node
// Runs the extension-host integration tests through @vscode/test-electron's runTests(),
// unchanged, with test/vscode/launcher/code standing in for the VS Code executable.
//   node test/integration/runTests.mjs [file-filter] [--trusted|--untrusted]   (after npm run build)
//   KPI_LENS_TEST_GREP="quick fix" node test/integration/runTests.mjs
import { runTests } from '@vscode/test-electron';
import path from 'node:path';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureInstalled } from '../vscode/install.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const extensionTestsPath = path.join(root, 'out', 'test', 'integration', 'index.js');
if (!existsSync(extensionTestsPath)) {
  console.error(`${path.relative(root, extensionTestsPath)} is missing: run npm run build first.`);
  process.exit(1);
}
const main = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).main;
if (main && !existsSync(path.join(root, main))) {
  console.error(`${main} (the extension's main) is missing: run npm run build first.`);
  process.exit(1);
}
// Two passes: the suites in a trusted workspace, then those of *.untrusted.test.ts in one
// opened in restricted mode (--trusted or --untrusted runs one). A pass no file matches is left out.
const filter = process.argv.slice(2).find((a) => !a.startsWith('--'));
const only = process.argv.includes('--untrusted')
  ? [true]
  : process.argv.includes('--trusted')
    ? [false]
    : [false, true];
const testsDir = path.dirname(extensionTestsPath);
const suites = (untrusted) =>
  readdirSync(testsDir).filter(
    (f) => f.endsWith('.test.js') && f.endsWith('.untrusted.test.js') === untrusted && (!filter || f.includes(filter)),
  );
const passes = only.filter((untrusted) => suites(untrusted).length > 0);
if (passes.length === 0) {
  console.error(`No integration test file matches${filter ? ` "${filter}"` : ''}.`);
  process.exit(1);
}
ensureInstalled(); // first use: installs code-server into .vscode-test/ (minutes); later: nothing
for (const untrusted of passes) {
  if (untrusted) process.env.KPI_LENS_WORKSPACE_TRUST = 'untrusted';
  else delete process.env.KPI_LENS_WORKSPACE_TRUST;
  console.log(
    `[integration] ${untrusted ? 'untrusted workspace (restricted mode)' : 'trusted workspace'}: ${suites(untrusted).join(', ')}`,
  );
  try {
    await runTests({
      vscodeExecutablePath: path.join(root, 'test', 'vscode', 'launcher', 'code'),
      extensionDevelopmentPath: root,
      extensionTestsPath,
      launchArgs: [path.join(root, 'test', 'integration', 'workspace'), '--disable-extensions'],
      extensionTestsEnv: {
        KPI_LENS_LOG_DIR: process.env.KPI_LENS_LOG_DIR || path.join(root, 'test-results', 'integration'),
        ...(filter ? { KPI_LENS_TEST_FILE: filter } : {}),
        ...(untrusted ? { KPI_LENS_WORKSPACE_TRUST: 'untrusted' } : {}),
      },
    });
  } catch (e) {
    console.error(`Integration tests failed: ${e.message}. Logs and a screenshot: test-results/integration/`);
    process.exit(1);
  }
}
