// Runs the built CLI (dist/cli.js) as a process, as a user or CI would.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixture, repoRoot } from '../paths';

export const CLI = path.join(repoRoot, 'dist', 'cli.js');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `node dist/cli.js ...args` in `cwd` (a folder under test/fixtures/cli unless absolute), as another user when `as` says so
 * (with `as.cli`, a copy of the bundle that user can read). */
export function runCli(
  cwd: string,
  args: string[],
  env: Record<string, string | undefined> = {},
  as?: { uid: number; gid: number; cli?: string },
): Run {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  const dir = path.isAbsolute(cwd) ? cwd : fixture('cli', cwd);
  const childEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, ...env })) if (v !== undefined) childEnv[k] = v;
  // The child's stdout is a pipe, never a TTY; NO_COLOR and FORCE_COLOR come only from `env`.
  if (!('NO_COLOR' in env)) delete childEnv.NO_COLOR;
  delete childEnv.FORCE_COLOR;
  const user = as ? { uid: as.uid, gid: as.gid } : {};
  const r = spawnSync(process.execPath, [as?.cli ?? CLI, ...args], {
    cwd: dir,
    env: childEnv,
    encoding: 'utf8',
    timeout: 120_000,
    ...user,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The message of a failed assertion about a run: everything the process said. */
export function show(r: Run): string {
  return `exit ${r.status}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
}

// eslint-disable-next-line no-control-regex
export const ANSI = /\u001b\[/;
