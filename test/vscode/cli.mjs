// What test/vscode/launcher/bin/code runs: VS Code's extension CLI, answered by code-server.
import path from 'node:path';
import { codeServerCli, makeRunDir, teardown, teardownOnSignals } from './session.mjs';

const FORWARDED = new Set([
  '--install-extension',
  '--uninstall-extension',
  '--list-extensions',
  '--show-versions',
  '--force',
  '--version',
  '--help',
]);

export async function main(argv) {
  teardownOnSignals();
  let extensionsDir;
  let userDataDir;
  const args = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [name, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = () => inline ?? argv[++i];
    if (name === '--extensions-dir') extensionsDir = path.resolve(value());
    else if (name === '--user-data-dir') userDataDir = path.resolve(value());
    else if (name === '--install-extension' || name === '--uninstall-extension') {
      const v = value();
      args.push(name, v.endsWith('.vsix') ? path.resolve(v) : v);
    } else if (FORWARDED.has(name)) args.push(arg);
    else {
      process.stderr.write(
        `[vscode-test] bin/code supports ${[...FORWARDED].join(', ')} (with --extensions-dir, --user-data-dir); not ${arg}\n`,
      );
      return 2;
    }
  }
  const run = makeRunDir('cli');
  extensionsDir ??= path.join(run.dir, 'extensions');
  try {
    const { code } = await codeServerCli(args, { extensionsDir, userDataDir, run });
    return code ?? 1;
  } finally {
    await teardown();
  }
}
