// A csv file is read in pieces (filePieces.ts, csv.ts parseCsvPieces): every piece size,
// down to one byte, must give the table or error of reading the file whole. Pieces end
// after a line feed, so quoted fields with line breaks, CRLF and multi-byte UTF-8 cross them.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { DataCache } from '../../../src/core/data/load';
import { parseTable } from '../../../src/core/data/parseTable';
import type { LoadResult } from '../../../src/core/data/result';
import { folderWith } from './onDisk';
import { plain } from './support';

const PIECES = [1, 2, 3, 5, 8, 13, 64, undefined];

function shape(result: LoadResult): unknown {
  if (!result.ok) return { error: result.error };
  return [...result.table.columns].map(([name, column]) => [
    name,
    column.type,
    plain(column),
    column.type === 'string' ? [...column.dictionary] : null,
  ]);
}

/** The file read with every piece size: all the same; returns that result. */
function readEveryWay(dir: string, name: string, columns?: [string, 'number' | 'date'][]): LoadResult {
  const options = { format: 'csv' as const, fileName: name, ...(columns ? { columns: new Map(columns) } : {}) };
  const results = PIECES.map((pieceBytes) =>
    new DataCache(pieceBytes ? { pieceBytes } : {}).load(path.join(dir, name), options),
  );
  const whole = shape(results[results.length - 1]!);
  results.forEach((r, i) => assert.deepEqual(shape(r), whole, `pieces of ${PIECES[i]} bytes`));
  return results[results.length - 1]!;
}

test('quoted line breaks (LF, CRLF), doubled quotes, multi-byte UTF-8 and a quoted header name across pieces', (t) => {
  const text =
    '\ufeff\r\n"id","note\r\nlong"\r\n1,"two\r\nlines"\r\n2,"say ""hé"""\r\n\r\n3,日本語 😀\n4,"a,b\nc\nd"\n5,\n';
  const dir = folderWith(t, { 'p.csv': text });
  const result = readEveryWay(dir, 'p.csv');
  assert.deepEqual(shape(result), shape(parseTable(text, { format: 'csv', fileName: 'p.csv' })));
  assert.ok(result.ok);
  assert.deepEqual(plain(result.table.columns.get('note\r\nlong')), [
    'two\r\nlines',
    'say "hé"',
    '日本語 😀',
    'a,b\nc\nd',
    null,
  ]);
});

test('errors across pieces keep their row, line and message: ragged after a long quoted field, never-closed quote, bad declared cell', (t) => {
  const dir = folderWith(t, {
    'ragged.csv': 'a,b\n1,2\n3,"x\ny\nz",5,"q\nr"\n',
    'open.csv': 'a,b\n1,2\n3,"never\nclosed\n',
    'bad.csv': 'a,b\n1,2025-01-01\n"3\n",2025-01-02\n4,x\n',
  });
  const ragged = readEveryWay(dir, 'ragged.csv');
  assert.ok(!ragged.ok);
  assert.equal(ragged.error.message, 'ragged.csv, row 2: has 4 fields, but the header has 2');
  assert.equal(ragged.error.line, 3);
  const open = readEveryWay(dir, 'open.csv');
  assert.ok(!open.ok);
  assert.equal(open.error.message, 'open.csv, row 2: a quoted field is never closed');
  assert.equal(open.error.line, 3);
  const bad = readEveryWay(dir, 'bad.csv', [['b', 'date']]);
  assert.ok(!bad.ok);
  assert.match(bad.error.message, /^bad\.csv, row 3, column "b": "x" is not a date/);
  assert.equal(bad.error.line, 5);
});

test('a byte that is not UTF-8 in a late piece wins over an earlier csv error, with its line', (t) => {
  const dir = folderWith(t, {});
  const bytes = Buffer.concat([Buffer.from('a,b\n1,2,3\n4,5\n6,7\n'), Buffer.from([0x39, 0xe9, 0x0a])]);
  fs.writeFileSync(path.join(dir, 'latin.csv'), bytes);
  const result = readEveryWay(dir, 'latin.csv');
  assert.ok(!result.ok);
  assert.equal(result.error.line, 5);
  assert.match(result.error.message, /line 5 holds a byte that is not UTF-8 \(0xE9\)/);
  fs.writeFileSync(path.join(dir, 'utf16.csv'), Buffer.from([0xff, 0xfe, 0x61, 0x00, 0x0a, 0x00]));
  const utf16 = readEveryWay(dir, 'utf16.csv');
  assert.ok(!utf16.ok);
  assert.match(utf16.error.message, /UTF-16/);
});

test('a column that turns to text in a late piece is read again from the file as written', (t) => {
  const rows = Array.from({ length: 300 }, (_, i) => `${i}.0,${i % 4 === 0 ? '"q\nx"' : 'p'}`);
  const dir = folderWith(t, { 'late.csv': `v,w\n${rows.join('\n')}\nn/a,p\n1.0,p\n` });
  const result = readEveryWay(dir, 'late.csv');
  assert.ok(result.ok);
  const v = plain(result.table.columns.get('v'));
  assert.deepEqual(v.slice(0, 3), ['0.0', '1.0', '2.0']);
  assert.deepEqual(v.slice(-2), ['n/a', '1.0']);
  const column = result.table.columns.get('v');
  assert.ok(column?.type === 'string');
  assert.equal(column.dictionary.length, 301, '1.0 twice: one code');
  assert.equal(column.codes[301], column.codes[1]);
});
