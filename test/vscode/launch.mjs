// What test/vscode/launcher/code runs: stands in for the `code` executable that
// @vscode/test-electron's runTests() spawns, so extension-host tests run unchanged in
// code-server + headless Chromium. It takes VS Code's command line, starts code-server with
// the smoke-test driver (own process group, per-run HOME/XDG/TMPDIR, free port) and
// Chromium, opens the workbench with the test payload, forwards the extension host's
// console (the mocha reporter) to stdout and exits with the code the workbench reports
// through codeAutomationExit: 0 when the tests pass, 1 when they fail, 2 when the harness
// itself failed (a timeout says what it waited for).
//
// Environment:
//   KPI_LENS_LOG_DIR          where code-server.log, workbench.log and failure.png go
//                             (default test-results/vscode)
//   KPI_LENS_TEST_TIMEOUT_MS  bound on the whole test run (default 600000)
//   KPI_LENS_VERBOSE=1        also print every workbench log line
import { createWriteStream, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import util from 'node:util';
import {
  cacheDir,
  ensureInstalled,
  interrupted,
  launchChromium,
  makeRunDir,
  repoRoot,
  startCodeServer,
  teardown,
  teardownOnSignals,
  within,
  writeUserSettings,
} from './session.mjs';

const log = (msg) => process.stderr.write(`[vscode-test] ${msg}\n`);

// Flags of VS Code's command line that mean nothing for code-server in Chromium.
const IGNORED = new Set([
  '--no-sandbox',
  '--disable-gpu-sandbox',
  '--disable-gpu',
  '--disable-updates',
  '--skip-welcome',
  '--skip-release-notes',
  '--disable-workspace-trust',
  '--disable-telemetry',
  '--new-window',
  '--wait',
  '--verbose',
  '--disable-chromium-sandbox',
  '--disable-crash-reporter',
]);

class UsageError extends Error {}

/** Parses the arguments runTests() passes (VS Code's command line). */
export function parseArgs(argv) {
  const o = { folders: [], extensionDevelopmentPaths: [], disableExtensions: false, ignored: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const [name, inline] = arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) throw new UsageError(`${name} needs a value`);
      return argv[++i];
    };
    switch (name) {
      case '--extensionTestsPath':
        o.extensionTestsPath = path.resolve(value());
        break;
      case '--extensionDevelopmentPath':
        o.extensionDevelopmentPaths.push(path.resolve(value()));
        break;
      case '--extensions-dir':
        o.extensionsDir = path.resolve(value());
        break;
      case '--user-data-dir':
        o.userDataDir = path.resolve(value());
        break;
      case '--disable-extensions':
        o.disableExtensions = true;
        break;
      case '--folder-uri':
        o.folders.push(fileURLToPath(value()));
        break;
      case '--locale':
      case '--log':
      case '--inspect-extensions':
      case '--inspect-brk-extensions':
        o.ignored.push(`${name}=${value()}`);
        break;
      default:
        if (!arg.startsWith('-')) o.folders.push(path.resolve(arg));
        else if (IGNORED.has(name)) o.ignored.push(arg);
        else log(`ignoring unknown option ${arg}`);
    }
  }
  if (o.folders.length > 1) throw new UsageError(`one workspace folder only (got ${o.folders.join(', ')})`);
  if (o.folders[0]?.endsWith('.code-workspace'))
    throw new UsageError('.code-workspace files are not supported; pass a folder');
  return o;
}

// The test runner in the extension host (test/integration/index.ts) marks its console
// lines (the mocha reporter) with this; all other workbench log lines go to workbench.log.
const MARK = '[ext-host] ';

export async function main(argv) {
  teardownOnSignals();
  let opts;
  try {
    opts = parseArgs(argv);
    if (!opts.extensionTestsPath) {
      throw new UsageError('this launcher runs extension tests: --extensionTestsPath=<path> is required');
    }
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    log(
      `usage: code [folder] --extensionDevelopmentPath=<dir> --extensionTestsPath=<path> [--extensions-dir=<dir>] [--user-data-dir=<dir>] [--disable-extensions]\n${e.message}`,
    );
    return 2;
  }

  const logDir = path.resolve(process.env.KPI_LENS_LOG_DIR || path.join(repoRoot, 'test-results', 'vscode'));
  const testTimeout = Number(process.env.KPI_LENS_TEST_TIMEOUT_MS || 600_000);
  const verbose = process.env.KPI_LENS_VERBOSE === '1';
  mkdirSync(logDir, { recursive: true });
  const workbenchLogFile = path.join(logDir, 'workbench.log');
  const workbenchLog = createWriteStream(workbenchLogFile);
  let page;
  /** The exit code: what the tests report, or 2 when the harness itself failed (set in both paths below). */
  let code;
  let sawTestOutput = false;
  const recentErrors = [];
  const t0 = Date.now();
  const stamp = () => `+${((Date.now() - t0) / 1000).toFixed(2)}s`;
  const phase = (what) => log(`${what} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  try {
    const testsEntry =
      existsSync(opts.extensionTestsPath) && statSync(opts.extensionTestsPath).isDirectory()
        ? path.join(opts.extensionTestsPath, 'index.js')
        : opts.extensionTestsPath;
    if (!existsSync(testsEntry) && !existsSync(`${testsEntry}.js`)) {
      throw new Error(`the extension tests ${testsEntry} do not exist (not built yet?)`);
    }
    ensureInstalled();
    const run = makeRunDir('ext-host');
    const userDataDir = opts.userDataDir ?? path.join(run.dir, 'user-data');
    // A fresh profile each run (only when it is ours): no editors restored from the last run.
    if (userDataDir.startsWith(cacheDir + path.sep)) rmSync(userDataDir, { recursive: true, force: true });
    writeUserSettings(userDataDir);
    const extensionsDir = opts.extensionsDir ?? path.join(run.dir, 'extensions');

    const server = await startCodeServer({
      run,
      userDataDir,
      extensionsDir,
      smokeTestDriver: true,
      logFile: path.join(logDir, 'code-server.log'),
    });
    phase(`code-server ready on ${server.base}`);
    // Chromium has crashed on start-up here once in many runs: a browser that closes before
    // the workbench renders is started again, once, with a fresh profile.
    let finished;
    for (let attempt = 1; ; attempt++) {
      const profile = attempt === 1 ? run['chromium-profile'] : `${run['chromium-profile']}-${attempt}`;
      const browser = await launchChromium(run, { profile });
      phase('Chromium started');
      try {
        page = browser.context.pages()[0] ?? (await browser.context.newPage());
        let settle;
        finished = new Promise((resolve, reject) => (settle = { resolve, reject }));
        finished.catch(() => {}); // a late rejection (code-server ending at teardown) is not an error
        await page.exposeFunction('codeAutomationExit', (exitCode) => settle.resolve(Number(exitCode)));
        await page.exposeFunction('codeAutomationLog', (level, args) => {
          const line = Array.isArray(args) ? util.format(...args) : String(args);
          workbenchLog.write(`${stamp()} [${level}] ${line}\n`);
          if (level === 'error' || level === 3) recentErrors.push(line.split('\n').slice(0, 3).join('\n'));
          if (recentErrors.length > 5) recentErrors.shift();
          if (line.startsWith(MARK)) {
            sawTestOutput = true;
            process.stdout.write(line.slice(MARK.length) + '\n');
          } else if (verbose) {
            process.stderr.write(`[workbench] ${line}\n`);
          }
        });
        page.on('console', (m) => workbenchLog.write(`${stamp()} [console.${m.type()}] ${m.text()}\n`));
        page.on('pageerror', (e) => workbenchLog.write(`${stamp()} [pageerror] ${e.stack ?? e}\n`));
        page.on('crash', () => settle.reject(new Error('the Chromium tab crashed')));
        server.exited.then((x) =>
          settle.reject(new Error(`code-server exited (${x.code ?? x.sig}) during the tests; see ${server.logFile}`)),
        );

        const payload = [
          ...opts.extensionDevelopmentPaths.map((p) => ['extensionDevelopmentPath', server.remoteUri(p)]),
          ['extensionTestsPath', server.remoteUri(opts.extensionTestsPath)],
          ...(opts.disableExtensions ? [['disableExtensions', 'true']] : []),
        ];
        const url = opts.folders[0]
          ? server.url(opts.folders[0], payload)
          : `${server.base}/?payload=${encodeURIComponent(JSON.stringify(payload))}`;
        await within(
          60_000,
          `the workbench page ${server.base} to load`,
          page.goto(url, { waitUntil: 'domcontentloaded', timeout: 0 }),
        );
        await within(
          60_000,
          'the workbench to render (.monaco-workbench)',
          page.waitForSelector('.monaco-workbench', { timeout: 0 }),
        );
        break;
      } catch (e) {
        if (attempt >= 2 || sawTestOutput || !/closed|crash/i.test(e?.message ?? '')) throw e;
        log(
          `Chromium closed before the workbench rendered (${String(e?.message ?? e).split('\n')[0]}); starting it again`,
        );
        page = undefined;
        await browser.close();
      }
    }
    phase('workbench rendered; waiting for the extension-host tests');
    code = await within(
      testTimeout,
      'the extension-host tests to finish (codeAutomationExit); raise KPI_LENS_TEST_TIMEOUT_MS if they are just slow',
      finished,
      () => `Workbench log: ${workbenchLogFile}`,
    );
    phase(`tests finished with exit code ${code}`);
  } catch (e) {
    if (!interrupted()) log(`harness error: ${e?.message ?? e}`);
    code = 2;
  }
  if (code !== 0 && !sawTestOutput && recentErrors.length && !interrupted()) {
    log(`the tests printed nothing; the workbench's last errors:\n${recentErrors.join('\n')}`);
  }
  if (code !== 0 && page && !interrupted()) {
    const shot = path.join(logDir, 'failure.png');
    await within(10_000, 'a screenshot of the workbench', page.screenshot({ path: shot, animations: 'disabled' }))
      .then(() => log(`screenshot of the workbench: ${path.relative(process.cwd(), shot)}`))
      .catch(() => {});
  }
  if (code !== 0) log(`logs: ${path.relative(process.cwd(), logDir)}/{code-server,workbench}.log`);
  await teardown();
  await new Promise((r) => workbenchLog.end(r));
  return interrupted() ?? code;
}
