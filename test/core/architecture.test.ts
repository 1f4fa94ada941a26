import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../paths';

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

test('the core never imports vscode, the CLI or the extension', () => {
  const offenders = sourceFiles(path.join(repoRoot, 'src', 'core')).filter((file) =>
    /from ['"](vscode|\.\.\/(\.\.\/)*(cli|extension)\/)/.test(fs.readFileSync(file, 'utf8')),
  );
  assert.deepEqual(offenders, []);
});

test('nothing evaluates code: no eval, new Function or dynamic require in src', () => {
  const offenders = sourceFiles(path.join(repoRoot, 'src')).filter((file) =>
    /\beval\(|new Function\(|require\((?!['"])/.test(fs.readFileSync(file, 'utf8')),
  );
  assert.deepEqual(offenders, []);
});
