// The parts both test kinds share: a code-server in its own process group with per-run
// folders, headless Chromium through playwright-core, bounded waits, and a teardown that
// ends every process group on success, failure or interrupt.
//
// Used by launcher/launch.mjs (extension-host tests through @vscode/test-electron) and by
// test/e2e (UI tests). Facts behind the flags: ../shared/VSCODE-TESTING.md.
import { spawn } from 'node:child_process';
import {
  mkdtempSync,
  mkdirSync,
  openSync,
  closeSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ensureInstalled, cacheDir, repoRoot } from './install.mjs';

export { repoRoot, cacheDir };

/** Default user settings: a clean screen, nothing phoning home. */
export const DEFAULT_SETTINGS = {
  'chat.disableAIFeatures': true,
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
};

export class TimeoutError extends Error {
  constructor(what, ms, detail = '') {
    super(
      `Timed out after ${(ms / 1000).toFixed(ms % 1000 ? 1 : 0)} s waiting for ${what}${detail ? `\n${detail}` : ''}`,
    );
    this.name = 'TimeoutError';
  }
}

/** Resolves with `promise`, or rejects with a TimeoutError naming `what` after `ms`. */
export function within(ms, what, promise, detail) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(what, ms, typeof detail === 'function' ? detail() : detail)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const log = (msg) => process.stderr.write(`[vscode-test] ${msg}\n`);

// ---------------------------------------------------------------------------------------
// Teardown: one list of cleanups, run once, on the normal path and on signals.

const cleanups = [];
let tearingDown = null;

/** Registers `fn` to run at teardown (last registered runs first). Returns an unregister function. */
export function onTeardown(fn) {
  cleanups.push(fn);
  return () => {
    const i = cleanups.indexOf(fn);
    if (i >= 0) cleanups.splice(i, 1);
  };
}

/** Runs every registered cleanup once, newest first; errors are logged, not thrown. */
export function teardown() {
  tearingDown ??= (async () => {
    while (cleanups.length) {
      const fn = cleanups.pop();
      try {
        await fn();
      } catch (e) {
        log(`teardown: ${e?.message ?? e}`);
      }
    }
  })().finally(() => {
    tearingDown = null;
  });
  return tearingDown;
}

let signalsInstalled = false;
let interruptedBy = null;
/** The exit code for the signal that interrupted this run (128 + signal number), or undefined. */
export const interrupted = () => interruptedBy ?? undefined;
/** On SIGINT/SIGTERM/SIGHUP: tear everything down, then exit 128+signal. */
export function teardownOnSignals() {
  if (signalsInstalled) return;
  signalsInstalled = true;
  const codes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
  let received = false;
  for (const [sig, code] of Object.entries(codes)) {
    process.on(sig, () => {
      if (received) return; // runTests forwards Ctrl+C that the terminal already sent
      received = true;
      interruptedBy = code;
      log(`${sig}: stopping code-server and Chromium`);
      const force = setTimeout(() => process.exit(code), 20_000);
      teardown().finally(() => {
        clearTimeout(force);
        process.exit(code);
      });
    });
  }
}

// ---------------------------------------------------------------------------------------
// Process groups.

/** Pids of processes in group `pgid` that are not zombies (Linux /proc). */
export function liveGroupMembers(pgid) {
  const live = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // gone
    }
    // pid (comm) state ppid pgrp ...; comm may contain spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid && fields[0] !== 'Z') live.push(Number(name));
  }
  return live;
}

const pause = (ms) => new Promise((r) => setTimeout(r, ms));

/** Ends the whole process group: SIGTERM, then SIGKILL after `graceMs`; waits until it is empty. */
export async function endProcessGroup(pgid, what, graceMs = 4000) {
  const signal = (sig) => {
    try {
      process.kill(-pgid, sig);
    } catch (e) {
      if (e.code !== 'ESRCH') throw e;
    }
  };
  if (liveGroupMembers(pgid).length === 0) return;
  signal('SIGTERM');
  for (const [sig, ms] of [
    [null, graceMs],
    ['SIGKILL', 5000],
  ]) {
    if (sig) signal(sig);
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (liveGroupMembers(pgid).length === 0) return;
      await pause(100);
    }
  }
  const left = liveGroupMembers(pgid);
  if (left.length) log(`${what}: process group ${pgid} still has ${left.join(', ')} after SIGKILL`);
}

// ---------------------------------------------------------------------------------------
// Folders.

// The system temporary folder, before launchChromium points TMPDIR into a run folder.
const systemTmp = os.tmpdir();

/**
 * A fresh per-run folder with home, XDG and tmp folders, removed at teardown unless
 * KPI_LENS_KEEP_RUN_DIR=1. It lives under the system temporary folder with a short name:
 * Chromium and VS Code put Unix sockets in TMPDIR, and a socket path may not exceed 107
 * bytes (under a deep checkout Chromium dies with "Socket path too long").
 */
export function makeRunDir(kind) {
  const dir = mkdtempSync(path.join(systemTmp, `kpil-${kind}-`));
  const sub = {};
  for (const name of ['home', 'config', 'data', 'cache', 'tmp', 'chromium-profile']) {
    sub[name] = path.join(dir, name);
    mkdirSync(sub[name], { recursive: true });
  }
  if (process.env.KPI_LENS_KEEP_RUN_DIR === '1') log(`run folder kept: ${dir}`);
  else onTeardown(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    ...sub,
    /** Environment that keeps a process from writing into the real $HOME or /tmp. */
    env: {
      HOME: sub.home,
      XDG_CONFIG_HOME: sub.config,
      XDG_DATA_HOME: sub.data,
      XDG_CACHE_HOME: sub.cache,
      XDG_RUNTIME_DIR: sub.tmp,
      TMPDIR: sub.tmp,
    },
  };
}

/**
 * KPI_LENS_WORKSPACE_TRUST=untrusted: workspace trust on, and the folder opened in
 * restricted mode without the startup prompt (the untrusted-workspace suite).
 */
export const UNTRUSTED = process.env.KPI_LENS_WORKSPACE_TRUST === 'untrusted';
const TRUST_SETTINGS = UNTRUSTED
  ? {
      'security.workspace.trust.enabled': true,
      'security.workspace.trust.startupPrompt': 'never',
      'security.workspace.trust.untrustedFiles': 'open',
    }
  : {};

/** Writes user settings into `<userDataDir>/User/settings.json`. */
export function writeUserSettings(userDataDir, settings = {}, machineSettings = {}) {
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_SETTINGS, ...TRUST_SETTINGS, ...settings }, null, 2) + '\n',
  );
  // code-server's window is a remote one: settings of scope "machine" are read from here
  // (the "Remote" tab of the Settings editor), never from the user's settings.json.
  mkdirSync(path.join(userDataDir, 'Machine'), { recursive: true });
  writeFileSync(path.join(userDataDir, 'Machine', 'settings.json'), JSON.stringify(machineSettings, null, 2) + '\n');
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function tail(file, lines = 30) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

// ---------------------------------------------------------------------------------------
// code-server.

/**
 * Starts code-server on a free loopback port, in its own process group, with per-run
 * XDG/TMPDIR/HOME, and waits until GET /healthz answers. The group is ended at teardown.
 *
 * @param {object} o
 * @param {ReturnType<typeof makeRunDir>} o.run
 * @param {string} o.userDataDir
 * @param {string} o.extensionsDir
 * @param {boolean} [o.smokeTestDriver] needed for extension-host tests (the test payload)
 * @param {string} o.logFile code-server's stdout and stderr
 * @param {Record<string,string>} [o.env] extra environment (reaches the extension host)
 */
export async function startCodeServer({ run, userDataDir, extensionsDir, smokeTestDriver = false, logFile, env = {} }) {
  const { node, codeServerEntry } = ensureInstalled();
  mkdirSync(path.dirname(logFile), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  let lastError;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    const config = path.join(run.dir, 'code-server.yaml');
    writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
    const args = [
      codeServerEntry,
      '--config',
      config,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      ...(UNTRUSTED ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      '--reconnection-grace-time',
      '5',
      ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ];
    const fd = openSync(logFile, attempt === 1 ? 'w' : 'a');
    const child = spawn(node, args, {
      cwd: run.dir,
      detached: true, // its own process group: the extension host and pty host are in it
      stdio: ['ignore', fd, fd],
      env: { ...process.env, ...env, ...run.env },
    });
    closeSync(fd);
    const pgid = child.pid;
    let exited = null;
    const exitedPromise = new Promise((resolve) =>
      child.once('exit', (code, sig) => resolve((exited = { code, sig }))),
    );
    child.once('error', (e) => (lastError = e));
    const unregister = onTeardown(() => endProcessGroup(pgid, 'code-server'));
    const base = `http://127.0.0.1:${port}`;
    try {
      await within(
        60_000,
        `code-server to answer GET ${base}/healthz`,
        (async () => {
          for (;;) {
            if (exited)
              throw new Error(
                `code-server exited (${exited.code ?? exited.sig}) before answering /healthz. Last lines of ${logFile}:\n${tail(logFile)}`,
              );
            try {
              const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) });
              if (res.status === 200) return;
            } catch {
              /* not listening yet */
            }
            await pause(100);
          }
        })(),
        () => `Last lines of ${logFile}:\n${tail(logFile)}`,
      );
      return {
        port,
        base,
        pgid,
        logFile,
        exited: exitedPromise,
        /** URL of the workbench on `folder`, with an optional test payload. */
        url(folder, payload) {
          const q = [`folder=${encodeURIComponent(folder)}`];
          if (payload) q.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
          return `${base}/?${q.join('&')}`;
        },
        /** A `vscode-remote://` URI of an absolute path on the server (file:// in a payload hangs). */
        remoteUri(absPath) {
          return `vscode-remote://127.0.0.1:${port}${absPath.split(path.sep).map(encodeURIComponent).join('/')}`;
        },
        async stop() {
          unregister();
          await endProcessGroup(pgid, 'code-server');
        },
      };
    } catch (e) {
      unregister();
      await endProcessGroup(pgid, 'code-server');
      lastError = e;
      if (!exited || !/EADDRINUSE/.test(tail(logFile, 200))) throw e;
      log(`port ${port} was taken, retrying`);
    }
  }
  throw lastError;
}

/** Runs code-server's extension CLI (--install-extension, --list-extensions, …) with Node 24. */
export function codeServerCli(args, { extensionsDir, userDataDir, run, stdio = 'inherit' }) {
  const { node, codeServerEntry } = ensureInstalled();
  const config = path.join(run.dir, 'code-server-cli.yaml');
  writeFileSync(config, 'auth: none\ncert: false\n');
  const full = [codeServerEntry, '--config', config, '--extensions-dir', extensionsDir];
  if (userDataDir) full.push('--user-data-dir', userDataDir);
  full.push(...args);
  return new Promise((resolve, reject) => {
    const child = spawn(node, full, {
      stdio: ['ignore', stdio, stdio === 'pipe' ? 'pipe' : 'inherit'],
      env: { ...process.env, ...run.env },
      detached: true,
    });
    let out = '';
    child.stdout?.on('data', (d) => (out += d));
    const unregister = onTeardown(() => endProcessGroup(child.pid, 'code-server CLI'));
    const done = new Promise((res) => child.once('exit', (code) => res(code)));
    within(60_000, `code-server ${args.join(' ')}`, done)
      .then((code) => resolve({ code, stdout: out }), reject)
      .finally(() => {
        unregister();
        return endProcessGroup(child.pid, 'code-server CLI');
      });
  });
}

// ---------------------------------------------------------------------------------------
// Chromium.

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * Launches headless Debian Chromium through playwright-core with a new profile folder and
 * per-run HOME/XDG; returns a persistent browser context (closed at teardown).
 */
export async function launchChromium(
  run,
  { viewport = { width: 1280, height: 800 }, profile = run['chromium-profile'] } = {},
) {
  const paths = ensureInstalled();
  // playwright-core writes its artifacts folder into os.tmpdir() of this process.
  process.env.TMPDIR = run.tmp;
  const { chromium } = await import('playwright-core');
  const context = await within(
    60_000,
    `Chromium (${paths.chromium}) to start`,
    chromium.launchPersistentContext(profile, {
      executablePath: paths.chromium,
      headless: true,
      args: CHROMIUM_ARGS,
      env: { ...process.env, ...run.env },
      viewport,
      deviceScaleFactor: 1,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      timeout: 60_000,
    }),
  );
  const unregister = onTeardown(() =>
    within(10_000, 'Chromium to close', context.close()).catch((e) => log(e.message)),
  );
  return {
    context,
    async close() {
      unregister();
      await within(10_000, 'Chromium to close', context.close()).catch((e) => log(e.message));
    },
  };
}

export { ensureInstalled, existsSync };
