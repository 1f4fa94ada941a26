// SPEC 8.2 and 8.8 in the schema: a formula may be a number; `per` only on a duration KPI;
// `delimiter` only on a csv source; `[severity, {}]` for every rule, `[severity]` alone never.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkText, expectAt } from './support';

const head = ['version: 1', 'goals: [{ id: g, title: G }]'];

test('formula: 3, 0.5, -1 and 1e3 are valid; a boolean, null, a list or a map is not (SPEC 8.2)', () => {
  const ok = checkText(
    [
      ...head,
      'kpis:',
      '  - { id: a, name: A, goals: [g], formula: 3 }',
      '  - { id: b, name: B, goals: [g], formula: 0.5 }',
      '  - { id: c, name: C, goals: [g], formula: -1 }',
      '  - { id: d, name: D, goals: [g], formula: 1e3 }',
      '',
    ].join('\n'),
  );
  assert.deepEqual(ok.findings, []);
  const bad = checkText(
    [
      ...head,
      'kpis:',
      '  - { id: a, name: A, goals: [g], formula: true }',
      '  - { id: b, name: B, goals: [g], formula: null }',
      '  - { id: c, name: C, goals: [g], formula: [1] }',
      '  - { id: d, name: D, goals: [g], formula: { x: 1 } }',
      '',
    ].join('\n'),
  );
  assert.equal(bad.findings.length, 4, JSON.stringify(bad.findings.map((f) => f.message)));
  assert.match(expectAt(bad, 'true').message, /^formula must be text or a number; got true\.$/);
  assert.match(expectAt(bad, 'null').message, /empty; it must be text or a number/);
  assert.match(expectAt(bad, '[1]').message, /text or a number; got a list/);
  assert.match(expectAt(bad, '{ x: 1 }').message, /text or a number; got a map/);
});

test('per on a unit other than duration is a schema error at the per key, in plain words (SPEC 8.8)', () => {
  const c = checkText(
    [
      ...head,
      'kpis:',
      '  - { id: a, name: A, goals: [g], formula: "1", unit: score, per: minutes }',
      '  - { id: b, name: B, goals: [g], formula: "1", per: hours }',
      '  - { id: c, name: C, goals: [g], formula: "1", unit: duration, per: minutes }',
      '',
    ].join('\n'),
  );
  assert.equal(c.findings.length, 2, JSON.stringify(c.findings.map((f) => f.message)));
  const a = expectAt(c, 'per', 'unit: score');
  assert.equal(
    a.message,
    'KPI "a" has "per", but its unit is score: per is the time unit of a duration KPI. Set unit: duration, or remove per.',
  );
  assert.equal(a.kpi, 'a');
  assert.match(expectAt(c, 'per', 'id: b').message, /KPI "b" has "per", but it has no unit/);
});

test('delimiter on a json or jsonl source, by format or by extension, is a schema error (SPEC 8.8)', () => {
  const c = checkText(
    [
      ...head,
      'sources:',
      '  a: { path: a.json, delimiter: ";" }',
      '  b: { path: b.JSONL, delimiter: ";" }',
      '  c: { path: c.csv, format: json, delimiter: ";" }',
      '  d: { path: d.txt, delimiter: ";" }',
      '  e: { path: e.json, format: csv, delimiter: ";" }',
      '  f: { path: f.tsv, format: csv, delimiter: "\\t" }',
      'kpis: [{ id: k, name: K, goals: [g], formula: "1" }]',
      '',
    ].join('\n'),
  );
  assert.equal(c.findings.length, 3, JSON.stringify(c.findings.map((f) => f.message)));
  assert.equal(
    expectAt(c, 'delimiter', 'a.json').message,
    'Source "a" has "delimiter", but it is read as json (its path ends in .json): a delimiter separates the fields of a csv file. Remove delimiter, or set format: csv.',
  );
  assert.match(expectAt(c, 'delimiter', 'b.JSONL').message, /read as jsonl \(its path ends in \.JSONL\)/);
  assert.match(expectAt(c, 'delimiter', 'c.csv').message, /Source "c" has "delimiter", but it is read as json:/);
});

test('[severity, {}] is allowed for every rule; [severity] alone is not (SPEC 8.8)', () => {
  const ok = checkText(
    [
      ...head,
      'kpis: [{ id: k, name: K, goals: [g], formula: "1" }]',
      'rules:',
      '  no-goal: [warning, {}]',
      '  target-missing: [off, {}]',
      '  goal-too-many-kpis: [info, {}]',
      '',
    ].join('\n'),
  );
  assert.deepEqual(ok.findings, []);
  const bad = checkText(
    [...head, 'kpis: [{ id: k, name: K, goals: [g], formula: "1" }]', 'rules:', '  no-goal: [warning]', ''].join('\n'),
  );
  assert.equal(bad.findings.length, 1);
  assert.match(expectAt(bad, '[warning]').message, /Rule "no-goal" must be a severity, or a list of two/);
});
