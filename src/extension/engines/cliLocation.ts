/**
 * Where the kpi-lens command line is that the editor runs engine sources through: the
 * kpiLens.engines.cliPath setting, else the workspace's own install (node_modules/kpi-lens,
 * as `npm install --save-dev kpi-lens` puts it), else `kpi-lens` on PATH. Always its
 * JavaScript entry point, run with the editor's own Node runtime (no shell, no PATH node).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export type CliLocation = { script: string } | { missing: string };

export function locateCli(
  setting: string | undefined,
  folders: readonly string[],
  envPath: string | undefined = process.env.PATH,
): CliLocation {
  if (setting !== undefined) {
    const script = scriptOf(setting);
    return script ? { script } : { missing: `kpiLens.engines.cliPath is ${setting}, which is not a kpi-lens script` };
  }
  for (const folder of folders) {
    const script = installedIn(path.join(folder, 'node_modules', 'kpi-lens'));
    if (script) return { script };
  }
  for (const dir of (envPath ?? '').split(path.delimiter).filter(Boolean)) {
    const script = scriptOf(path.join(dir, 'kpi-lens')) ?? installedIn(path.join(dir, 'node_modules', 'kpi-lens'));
    if (script) return { script };
  }
  return {
    missing: 'no kpi-lens command line was found (in the workspace folder, on PATH or in kpiLens.engines.cliPath)',
  };
}

/** The script a path leads to (through the symbolic links npm makes), if it is a file. */
function scriptOf(file: string): string | undefined {
  try {
    const real = fs.realpathSync(file);
    return fs.statSync(real).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

/** The `kpi-lens` bin of an installed package folder, from its package.json. */
function installedIn(folder: string): string | undefined {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as {
      name?: unknown;
      bin?: unknown;
    };
    if (manifest.name !== 'kpi-lens') return undefined;
    const bin =
      typeof manifest.bin === 'string'
        ? manifest.bin
        : (manifest.bin as Record<string, unknown> | undefined)?.['kpi-lens'];
    return typeof bin === 'string' ? scriptOf(path.join(folder, bin)) : undefined;
  } catch {
    return undefined;
  }
}
