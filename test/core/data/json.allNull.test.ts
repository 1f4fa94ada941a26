// An all-null column is a string column in every format (SPEC 8.6), and a JSON key found
// in only some objects is a column, null where it is missing.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeIn, errorOf, folderWith, problemsOf, resultsOf, tableOf } from './onDisk';
import { col, typesOf } from './support';

const FILES = {
  'a.csv': 'id,a\n1,\n2,""\n3,\n',
  'a.json': '[{"id":1,"a":null},{"id":2},{"id":3,"a":null,"b":5}]',
  'a.jsonl': '{"id":1,"a":null}\n\n{"id":2}\n{"id":3,"a":null,"b":5}\n',
};

test('a column with no non-null value is a string column of nulls, in csv, json and jsonl', (t) => {
  const dir = folderWith(t, FILES);
  const csv = tableOf(dir, 'a.csv');
  assert.deepEqual(typesOf(csv), [
    ['id', 'number'],
    ['a', 'string'],
  ]);
  assert.deepEqual(col(csv, 'a'), [null, null, null]);
  for (const name of ['a.json', 'a.jsonl']) {
    const table = tableOf(dir, name);
    assert.deepEqual(
      typesOf(table),
      [
        ['id', 'number'],
        ['a', 'string'],
        ['b', 'number'],
      ],
      name,
    );
    assert.deepEqual(col(table, 'a'), [null, null, null], name);
    assert.deepEqual(col(table, 'b'), [null, null, 5], `${name}: a key in one object only`);
  }
});

test('json: a key whose values are all null takes a declared type, and is no longer "missing" from columns:', (t) => {
  const dir = folderWith(t, FILES);
  const declared = tableOf(dir, 'a.json', { a: 'number' });
  assert.deepEqual(typesOf(declared), [
    ['id', 'number'],
    ['a', 'number'],
    ['b', 'number'],
  ]);
  assert.deepEqual(col(declared, 'a'), [null, null, null]);
  const absent = errorOf(dir, 'a.json', { c: 'number' });
  assert.equal(
    absent.message,
    'a.json: columns: declares "c", but the data has no such column (its columns: "id", "a", "b")',
  );
});

test('formulas can use an all-null json column: count(a == null) counts every row', (t) => {
  const dir = folderWith(t, FILES);
  const analysis = analyzeIn(
    dir,
    [
      'version: 1',
      'goals: [{ id: g, title: G }]',
      'sources: { c: { path: a.csv }, j: { path: a.json }, l: { path: a.jsonl } }',
      'kpis:',
      '  - { id: csv, name: C, goals: [g], source: c, formula: "count(a == null)" }',
      '  - { id: json, name: J, goals: [g], source: j, formula: "count(a == null)" }',
      '  - { id: jsonl, name: L, goals: [g], source: l, formula: "count(a == null)" }',
      '  - { id: some, name: S, goals: [g], source: j, formula: "count(b == null)" }',
      '',
    ].join('\n'),
  );
  assert.deepEqual(problemsOf(analysis), []);
  const results = resultsOf(analysis);
  assert.deepEqual(
    ['csv', 'json', 'jsonl', 'some'].map((id) => [id, results.get(id)!.value, results.get(id)!.failure]),
    [
      ['csv', 3, undefined],
      ['json', 3, undefined],
      ['jsonl', 3, undefined],
      ['some', 2, undefined],
    ],
  );
});
