// How data errors number records (SPEC 2 and 8.6), on files read from disk. csv: "row N"
// is the Nth data record after the header, blank lines skipped and a quoted multi-line
// record counted once (`line` is the physical line). json: "record N" is the array index
// + 1, whatever the layout. jsonl: "line N" is the line in the file, as an editor shows it
// (blank lines are skipped as records but keep their line numbers).
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeIn, errorOf, folderWith, problemsOf, tableOf } from './onDisk';
import { col } from './support';

// Blank lines before the header, after it and between records; two records spanning
// several lines, one with a blank line inside its quotes.
const CSV_HEAD = '\nid,note,n\n\n1,"two\nlines",5\n\n2,plain,6\n3,"a\n\nb",x\n';

test('csv: rows count data records, not lines; a multi-line record counts once', (t) => {
  const dir = folderWith(t, {
    'ok.csv': CSV_HEAD + '4,ok,7\n',
    'ragged.csv': CSV_HEAD + '4,ok\n',
    'unclosed.csv': CSV_HEAD + '4,ok,7\n\n5,"never closed,8\n',
    'after-quote.csv': CSV_HEAD + '4,"ok"!,7\n',
  });
  const table = tableOf(dir, 'ok.csv');
  assert.equal(table.rowCount, 4);
  assert.deepEqual(col(table, 'id'), [1, 2, 3, 4]);
  assert.deepEqual(col(table, 'note'), ['two\nlines', 'plain', 'a\n\nb', 'ok']);

  const declared = errorOf(dir, 'ok.csv', { n: 'number' });
  assert.equal(declared.message, 'ok.csv, row 3, column "n": "x" is not a number');
  assert.deepEqual([declared.record, declared.line], [3, 10], 'line: where the bad cell is');
  const ragged = errorOf(dir, 'ragged.csv');
  assert.equal(ragged.message, 'ragged.csv, row 4: has 2 fields, but the header has 3');
  assert.deepEqual([ragged.record, ragged.line], [4, 11]);
  const unclosed = errorOf(dir, 'unclosed.csv');
  assert.equal(unclosed.message, 'unclosed.csv, row 5: a quoted field is never closed');
  assert.deepEqual([unclosed.record, unclosed.line], [5, 13]);
  const afterQuote = errorOf(dir, 'after-quote.csv');
  assert.equal(
    afterQuote.message,
    'after-quote.csv, row 4, column "note": unexpected text after a closing quote (a quote inside a quoted field is written "")',
  );
  assert.deepEqual([afterQuote.record, afterQuote.line], [4, 11]);
});

test('csv: the row number reaches the user as source-unreadable', (t) => {
  const dir = folderWith(t, { 'r.csv': CSV_HEAD + '4,ok,7\n' });
  const analysis = analyzeIn(
    dir,
    [
      'version: 1',
      'goals: [{ id: g, title: G }]',
      'sources: { r: { path: r.csv, columns: { n: number } } }',
      'kpis:',
      '  - { id: s, name: S, goals: [g], source: r, formula: "sum(n)" }',
      '',
    ].join('\n'),
  );
  assert.deepEqual(problemsOf(analysis), [
    'source-unreadable: Source "r" cannot be read: r.csv, row 3, column "n": "x" is not a number. KPIs that use it are not computed.',
  ]);
});

test('json: the record is the array index + 1, whatever the lines', (t) => {
  const dir = folderWith(t, {
    'laid-out.json': '[\n\n  {"a": 1},\n\n\n  {"a": 2},\n  {"a": "3"}\n]\n',
    'one-line.json': '[{"a":1},{"a":2},[3]]',
  });
  const mixed = errorOf(dir, 'laid-out.json');
  assert.equal(
    mixed.message,
    `laid-out.json, record 3, column "a": "3" is a string, but the column's earlier values are numbers`,
  );
  assert.equal(mixed.record, 3);
  const notObject = errorOf(dir, 'one-line.json');
  assert.equal(notObject.message, 'one-line.json, record 3: expected an object, found an array');
  assert.equal(notObject.record, 3);
});

test('jsonl: the line in the file, blank and space-only lines skipped as records but counted as lines', (t) => {
  const dir = folderWith(t, {
    'bad.jsonl': '{"a":1}\n\n   \n{"a":2}\n[1]\n',
    'crlf.jsonl': '{"a":1}\r\n\r\n{"a":true}\r\n',
    'ok.jsonl': '\n{"a":1}\n\n{"a":2}\n\n',
  });
  const bad = errorOf(dir, 'bad.jsonl');
  assert.equal(bad.message, 'bad.jsonl, line 5: expected an object, found an array');
  assert.deepEqual([bad.record, bad.line], [5, 5]);
  const crlf = errorOf(dir, 'crlf.jsonl');
  assert.equal(
    crlf.message,
    `crlf.jsonl, line 3, column "a": true is a boolean, but the column's earlier values are numbers`,
  );
  assert.deepEqual([crlf.record, crlf.line], [3, 3]);
  const ok = tableOf(dir, 'ok.jsonl');
  assert.equal(ok.rowCount, 2);
  assert.deepEqual(col(ok, 'a'), [1, 2]);
});
