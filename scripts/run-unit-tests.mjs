// Runs the core unit tests (compiled to out/test/core) under Node's built-in test runner.
// Node 20's --test does not expand globs, so the files are listed here.
// Usage: node scripts/run-unit-tests.mjs [name-filter]
import { readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.join(path.dirname(new URL(import.meta.url).pathname), '..');
const dir = path.join(root, 'out', 'test', 'core');
const filter = process.argv[2];
const files = [];
(function walk(d) {
  for (const name of readdirSync(d)) {
    const p = path.join(d, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.js') && (!filter || p.includes(filter))) files.push(p);
  }
})(dir);
if (files.length === 0) {
  console.error(`No unit tests found under ${dir}${filter ? ` matching "${filter}"` : ''}. Run npm run build first.`);
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files.sort()], { stdio: 'inherit', cwd: root });
process.exit(result.status ?? 1);
