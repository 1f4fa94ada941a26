import { mulberry32, randomInt } from '../../../src/core/common/random';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Report, RuleContext } from '../../../src/core/checks/rules/rule';
import { schema } from '../../../src/core/checks/rules/schema';
import { loadKpiFile } from '../../../src/core/yaml/loadKpiFile';
import { repoRoot } from '../../paths';
import { check, checkText, expectAt } from './support';

test('valid files have no schema findings', () => {
  assert.deepEqual(check('valid-full.yaml').findings, []);
  assert.deepEqual(check('valid-minimal.yaml').findings, []);
});

test(
  'samples/kpis.yaml has no schema findings',
  { skip: !fs.existsSync(path.join(repoRoot, 'samples', 'kpis.yaml')) },
  () => {
    const text = fs.readFileSync(path.join(repoRoot, 'samples', 'kpis.yaml'), 'utf8');
    assert.deepEqual(checkText(text).findings, []);
  },
);

test('an empty file: one finding at offset 0, empty because the file is', () => {
  const c = check('empty.yaml');
  assert.equal(c.text, '');
  assert.deepEqual(c.findings, [
    { rule: 'schema', message: 'The file is empty. A KPI file starts with "version: 1".', range: { start: 0, end: 0 } },
  ]);
});

test('a file with only a comment: at the first character', () => {
  const c = check('comment-only.yaml');
  assert.deepEqual(
    c.findings.map((f) => f.range),
    [{ start: 0, end: 1 }],
  );
  assert.equal(c.findings[0]!.message, 'The file is empty. A KPI file starts with "version: 1".');
});

test('a YAML list instead of a map: one finding at the first character', () => {
  const c = check('list.yaml');
  assert.deepEqual(c.findings, [
    {
      rule: 'schema',
      message: 'The file must be a map of keys such as version, goals, sources and kpis; got a list.',
      range: { start: 0, end: 1 },
    },
  ]);
  assert.deepEqual(
    checkText('just text\n').findings.map((f) => f.range),
    [{ start: 0, end: 1 }],
  );
});

test('YAML that does not parse: no schema findings (yaml-syntax reports it)', () => {
  const c = check('broken.yaml');
  assert.deepEqual(c.findings, []);
});

test('aliases: errors inside an anchored map are reported once, where the map is written', () => {
  const c = check('aliases.yaml');
  const due = expectAt(c, '2026-13-01');
  assert.equal(due.message, 'due must be a real calendar date; there is no 2026-13-01.');
  assert.equal(c.findings.filter((f) => f.message.startsWith('due ')).length, 1);
  // An aliased scalar is reported where the alias is used, without a fix (the text is elsewhere).
  const alias = expectAt(c, '*unit');
  assert.equal(alias.kpi, 'second');
  assert.match(alias.message, /^unit must be one of .*; got "percentage"/);
  assert.equal(alias.fixes, undefined);
  assert.ok(expectAt(c, 'percentage').fixes);
  assert.equal(c.findings.length, 4);
});

test('the schema rule: fixed error severity, and check() returns the schema findings', () => {
  assert.equal(schema.id, 'schema');
  assert.equal(schema.defaultSeverity, 'error');
  assert.equal(schema.fixedSeverity, true);
  assert.ok(schema.description.length > 0);
  const text = fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'schema', 'unknown-keys.yaml'), 'utf8');
  const loaded = loadKpiFile(text);
  // The schema rule reads only ctx.loaded; the rest of the context is other rules' business.
  const findings: Report[] = [];
  const ctx: Pick<RuleContext, 'loaded' | 'model' | 'report'> = {
    loaded,
    model: loaded.model,
    report: (f) => findings.push(f),
  };
  schema.check(ctx as RuleContext);
  assert.deepEqual(findings, check('unknown-keys.yaml').findings);
});

test('an empty list item is reported at its dash; a list used as a key at that key', () => {
  const empty = checkText('version: 1\ngoals:\n  -\n');
  assert.equal(expectAt(empty, '-').message, 'Goal #1 is empty; it must be a map of keys and values.');
  const complex = checkText('version: 1\n? [a, b]\n: c\n');
  assert.match(expectAt(complex, '[a, b]').message, /^Unknown key "\[ a, b \]" at the top level of the file\./);
});

test('mangled files never throw, never use ajv wording, and never point at the whole file', () => {
  const base = fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'schema', 'valid-full.yaml'), 'utf8');
  const pieces = ['x', ' ', '\n', ':', '-', '[', ']', '{', '}', '"', '&a ', '*a', '1', 'titel', '  '];
  const next = mulberry32(7);
  const random = (n: number): number => randomInt(next, n);
  let total = 0;
  for (let i = 0; i < 400; i++) {
    let text = base;
    for (let k = 0; k <= random(3); k++) {
      const at = random(text.length);
      text = text.slice(0, at) + pieces[random(pieces.length)] + text.slice(at + random(4));
    }
    for (const f of checkText(text).findings) {
      total++;
      assert.ok(f.range.start >= 0 && f.range.start <= f.range.end && f.range.end <= text.length, f.message);
      assert.ok(f.range.end - f.range.start < 200, `${f.message} spans ${f.range.end - f.range.start} characters`);
      assert.ok(!/must NOT|must match|equal to one of|additional properties/.test(f.message), f.message);
    }
  }
  assert.ok(total > 50, `only ${total} findings: the mutations did too little`);
});
