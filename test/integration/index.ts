// Entry point of the extension-host tests: runTests' extensionTestsPath points at the
// compiled out/test/integration (this file as index.js). VS Code calls run() inside the
// extension host; it rejects when mocha reports a failure.
//
// KPI_LENS_TEST_FILE=diagnostics   run only test files whose name contains that text
// KPI_LENS_TEST_GREP=quick fix     run only tests whose full title matches (mocha --grep)
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

// The launcher (test/vscode/launch.mjs) prints the extension host's console lines that
// carry this mark on stdout; the rest of the workbench's log goes to workbench.log only.
const MARK = '[ext-host] ';

/** console.log with the mark, for lines that should reach the terminal (the extension host's console cannot be patched). */
export function report(format: string, ...args: unknown[]): void {
  console.log(MARK + format, ...args);
}

export function run(): Promise<void> {
  // Every reporter writes through Base.consoleLog.
  Mocha.reporters.Base.consoleLog = (format?: unknown, ...args: unknown[]) => report(String(format ?? ''), ...args);
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    timeout: Number(process.env.KPI_LENS_MOCHA_TIMEOUT_MS || 30_000),
    ...(process.env.KPI_LENS_TEST_GREP ? { grep: process.env.KPI_LENS_TEST_GREP } : {}),
  });
  const filter = process.env.KPI_LENS_TEST_FILE;
  // The untrusted-workspace suites run only in a workspace opened untrusted, the others only in a trusted one.
  const untrusted = process.env.KPI_LENS_WORKSPACE_TRUST === 'untrusted';
  const files = fs
    .readdirSync(__dirname)
    .filter(
      (f) =>
        f.endsWith('.test.js') && f.endsWith('.untrusted.test.js') === untrusted && (!filter || f.includes(filter)),
    )
    .sort();
  if (files.length === 0) {
    return Promise.reject(
      new Error(`no test files in ${__dirname}${filter ? ` matching KPI_LENS_TEST_FILE=${filter}` : ''}`),
    );
  }
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    const runner: Mocha.Runner = mocha.run((failures) => {
      const { passes = 0, pending = 0 } = runner.stats ?? {};
      // The plain closing line CI reads: "N passed, N failed".
      report(`integration: ${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ''}`);
      if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
      else resolve();
    });
  });
}
