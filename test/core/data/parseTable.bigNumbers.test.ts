// A number beyond ±2^53 keeps the nearest double (SPEC 8.6), in csv as in json, and the
// README says so. 2^53 + 1 has no double: it reads as 2^53; halfway cases go to the even
// neighbour (2^53 + 3 → 2^53 + 4), as JavaScript's Number and JSON.parse read them.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../../paths';
import { analyzeIn, folderWith, problemsOf, resultsOf, tableOf } from './onDisk';
import { col } from './support';

const WRITTEN = [
  '9007199254740993',
  '-9007199254740993',
  '9007199254740995',
  '9007199254740993.4',
  '9.007199254740993e15',
  '12345678901234567890',
];
const READ = [
  9007199254740992, -9007199254740992, 9007199254740996, 9007199254740994, 9007199254740992, 12345678901234567168,
];

test('csv, json and jsonl read a number beyond ±2^53 as the nearest double', (t) => {
  const dir = folderWith(t, {
    'big.csv': `n\n${WRITTEN.join('\n')}\n`,
    'big.json': `[${WRITTEN.map((n) => `{"n":${n}}`).join(',')}]`,
    'big.jsonl': WRITTEN.map((n) => `{"n":${n}}\n`).join(''),
    'strings.json': `[${WRITTEN.map((n) => `{"n":"${n}"}`).join(',')}]`,
  });
  for (const name of ['big.csv', 'big.json', 'big.jsonl']) assert.deepEqual(col(tableOf(dir, name), 'n'), READ, name);
  assert.deepEqual(col(tableOf(dir, 'strings.json', { n: 'number' }), 'n'), READ, 'json strings declared number');
  // Declared string, a csv cell keeps its digits exactly.
  assert.deepEqual(col(tableOf(dir, 'big.csv', { n: 'string' }), 'n'), WRITTEN);
});

test('the KPI value is that double', (t) => {
  const dir = folderWith(t, { 'big.csv': 'n\n9007199254740993\n1\n', 'big.json': '[{"n":9007199254740993},{"n":1}]' });
  const analysis = analyzeIn(
    dir,
    [
      'version: 1',
      'goals: [{ id: g, title: G }]',
      'sources: { c: { path: big.csv }, j: { path: big.json } }',
      'kpis:',
      '  - { id: csv, name: C, goals: [g], source: c, formula: "max(n)" }',
      '  - { id: json, name: J, goals: [g], source: j, formula: "max(n)" }',
      '',
    ].join('\n'),
  );
  assert.deepEqual(problemsOf(analysis), []);
  const results = resultsOf(analysis);
  assert.equal(results.get('csv')!.value, 9007199254740992);
  assert.equal(results.get('json')!.value, 9007199254740992);
});

test("the README's Data section says so", () => {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const data = readme.split('\n### Data\n')[1]!.split('\n#')[0]!;
  assert.match(data, /A number beyond ±2\^53 keeps the nearest double/);
  assert.match(data, /`9007199254740993` reads as 9007199254740992/);
});
