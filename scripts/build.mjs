// Builds everything: type-checks and emits tests with tsc (out/), bundles the
// extension, its analysis worker and the CLI with esbuild (dist/).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
process.chdir(root);
rmSync('out', { recursive: true, force: true });
execFileSync(process.execPath, [path.join('node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], {
  stdio: 'inherit',
});

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
};
await build({
  ...common,
  entryPoints: ['src/extension/extension.ts'],
  outfile: 'dist/extension.js',
  external: ['vscode'],
});
// The extension host's analysis worker (src/extension/worker), loaded by dist/extension.js.
await build({
  ...common,
  entryPoints: ['src/extension/worker/worker.ts'],
  outfile: 'dist/worker.js',
});
// The CLI's csv reader threads (src/core/data/csvPartWorker.ts), loaded by dist/cli.js.
await build({
  ...common,
  entryPoints: ['src/core/data/csvPartWorker.ts'],
  outfile: 'dist/csvWorker.js',
});
// The CLI's evaluation threads (src/core/evaluation/sourcedWorker.ts), loaded by dist/cli.js.
await build({
  ...common,
  entryPoints: ['src/core/evaluation/sourcedWorker.ts'],
  outfile: 'dist/evalWorker.js',
});
await build({
  ...common,
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli.js',
  banner: { js: '#!/usr/bin/env node' },
  // The optional engines stay outside the bundle: loaded from node_modules where installed
  // (DuckDB is a native module; pg's optional pg-native too), a plain message where not.
  external: ['@duckdb/node-api', 'pg', 'pg-native'],
});
