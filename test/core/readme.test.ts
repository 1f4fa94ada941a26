import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../src/core/checks/rules';
import { repoRoot } from '../paths';

test("the README's rules table lists every rule with its default severity, in registry order", () => {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const table = readme.split('<!-- rules-table:start -->')[1]!.split('<!-- rules-table:end -->')[0]!;
  const rows = [...table.matchAll(/^\| `([a-z-]+)` \| (error|warning|info) \|/gm)].map((m) => `${m[1]} ${m[2]}`);
  assert.deepEqual(
    rows,
    RULES.map((r) => `${r.id} ${r.defaultSeverity}`),
  );
});

test("the README's settings table lists every setting the manifest contributes", () => {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, unknown> } };
  };
  for (const key of Object.keys(manifest.contributes.configuration.properties)) {
    assert.ok(readme.includes(`| \`${key}\` |`), `README lacks the setting ${key}`);
  }
});

test('every image the README shows exists', () => {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const images = [...readme.matchAll(/\]\((docs\/images\/[^)]+)\)/g)].map((m) => m[1]!);
  assert.ok(images.length > 0);
  for (const image of images)
    assert.ok(fs.existsSync(path.join(repoRoot, image)), `README shows ${image}, which does not exist`);
});
