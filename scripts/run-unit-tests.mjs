// Runs the unit tests (compiled to out/test/{core,cli,extension}, mirroring src/, and the
// short fuzz run in out/test/fuzz) under Node's built-in test runner. The extension-host
// tests (test/integration) run inside VS Code instead.
// Node 20's --test does not expand globs, so the files are listed here.
// Usage: node scripts/run-unit-tests.mjs [name-filter]
import { readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.join(path.dirname(new URL(import.meta.url).pathname), '..');
const dirs = ['core', 'cli', 'extension', 'fuzz'].map((d) => path.join(root, 'out', 'test', d));
const filter = process.argv[2];
const files = [];
function walk(d) {
  for (const name of readdirSync(d)) {
    const p = path.join(d, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.js') && (!filter || p.includes(filter))) files.push(p);
  }
}
for (const dir of dirs) walk(dir);
if (files.length === 0) {
  console.error(
    `No unit tests found under ${dirs.join(', ')}${filter ? ` matching "${filter}"` : ''}. Run npm run build first.`,
  );
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files.sort()], {
  stdio: 'inherit',
  cwd: root,
});
process.exit(result.status ?? 1);
