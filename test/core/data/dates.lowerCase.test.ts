// Date-times with a lower-case `t` and `z` (RFC 3339, SPEC 8.6) are dates everywhere a
// date-time is: inferred column types in every format, a source's `time:` column, periods.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeIn, folderWith, problemsOf, resultsOf, tableOf } from './onDisk';
import { col, typesOf } from './support';

const utc = Date.UTC;
const CSV = 'when,n\n2025-01-05t10:00z,1\n2025-01-31t23:30,2\n2025-02-01 00:00:00.5z,4\n2025-02-03T08:00:00z,8\n';

test('a csv, json or jsonl column of lower-case t/z date-times is a date column', (t) => {
  const dir = folderWith(t, {
    't.csv': CSV,
    't.json': '[{"when":"2025-01-05t10:00z"},{"when":"2025-01-31t23:30+02:00"},{"when":null}]',
    't.jsonl': '{"when":"2025-01-05t10:00"}\n{"when":"2025-01-06T10:00z"}\n',
  });
  const csv = tableOf(dir, 't.csv');
  assert.deepEqual(typesOf(csv), [
    ['when', 'date'],
    ['n', 'number'],
  ]);
  assert.deepEqual(col(csv, 'when'), [
    utc(2025, 0, 5, 10),
    utc(2025, 0, 31, 23, 30),
    utc(2025, 1, 1, 0, 0, 0, 500),
    utc(2025, 1, 3, 8),
  ]);
  const json = tableOf(dir, 't.json');
  assert.deepEqual(typesOf(json), [['when', 'date']]);
  assert.deepEqual(col(json, 'when'), [utc(2025, 0, 5, 10), utc(2025, 0, 31, 21, 30), null]);
  const jsonl = tableOf(dir, 't.jsonl');
  assert.deepEqual(typesOf(jsonl), [['when', 'date']]);
  assert.deepEqual(col(jsonl, 'when'), [utc(2025, 0, 5, 10), utc(2025, 0, 6, 10)]);
  // Declared as date, they fit too.
  assert.deepEqual(typesOf(tableOf(dir, 't.csv', { when: 'date' })), [
    ['when', 'date'],
    ['n', 'number'],
  ]);
});

test('such a column is a time: column: the KPI is computed by month, and filters compare it as a date', (t) => {
  const dir = folderWith(t, { 't.csv': CSV });
  const analysis = analyzeIn(
    dir,
    [
      'version: 1',
      'goals: [{ id: g, title: G }]',
      'sources: { t: { path: t.csv, time: when } }',
      'kpis:',
      '  - { id: monthly, name: M, goals: [g], source: t, grain: month, formula: "sum(n)" }',
      '  - { id: late, name: L, goals: [g], source: t, formula: "sum(n where when >= \'2025-01-31t23:30z\')" }',
      '',
    ].join('\n'),
  );
  assert.deepEqual(problemsOf(analysis), []);
  const results = resultsOf(analysis);
  const monthly = results.get('monthly')!;
  assert.equal(monthly.failure, undefined);
  assert.deepEqual(monthly.series, [
    { period: '2025-01', start: '2025-01-01', value: 3 },
    { period: '2025-02', start: '2025-02-01', value: 12 },
  ]);
  assert.equal(monthly.value, 12);
  assert.equal(results.get('late')!.value, 14);
});
