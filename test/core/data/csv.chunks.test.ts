// The csv loader types a chunk of rows at a time (csv.ts, csvColumns.ts): results must not
// depend on where the chunks end. Chunks of one, two or three rows put a boundary at every
// place; expected values are written out by hand from the cells.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { mulberry32 } from '../../../src/core/common/random';
import { parseCsv } from '../../../src/core/data/csv';
import { DataCache } from '../../../src/core/data/load';
import type { ColumnType } from '../../../src/core/model/kpiFile';
import type { LoadResult } from '../../../src/core/data/result';
import { randomDataFile } from '../../fuzz/dataGen';
import { folderWith } from './onDisk';
import { plain, typesOf, type Plain } from './support';

/** Chunk sizes in cells: 1 gives one row per chunk whatever the width; the default last. */
const CHUNKS = [1, 2, 3, 5, 8, 17, undefined];

function parse(text: string, chunkCells?: number, columns?: Record<string, ColumnType>): LoadResult {
  return parseCsv(
    text,
    { format: 'csv', fileName: 't.csv', ...(columns ? { columns: new Map(Object.entries(columns)) } : {}) },
    chunkCells,
  );
}

/** Every column as [name, type, plain values, dictionary], for deep comparison. */
function shape(result: LoadResult): unknown {
  if (!result.ok) return { error: result.error };
  return [...result.table.columns].map(([name, column]) => [
    name,
    column.type,
    plain(column),
    column.type === 'string' ? [...column.dictionary] : null,
  ]);
}

/** The same result (table or error) for every chunk size; returns it. */
function sameForEveryChunk(text: string, columns?: Record<string, ColumnType>): LoadResult {
  const results = CHUNKS.map((c) => parse(text, c, columns));
  const whole = shape(results[results.length - 1]!);
  results.forEach((r, i) => assert.deepEqual(shape(r), whole, `chunk of ${CHUNKS[i]} cells`));
  return results[results.length - 1]!;
}

function table(result: LoadResult): Map<string, Plain[]> {
  if (!result.ok) assert.fail(result.error.message);
  return new Map([...result.table.columns].map(([name, column]) => [name, plain(column)]));
}

test('a text value after many numbers: the column is text holding every cell as written, in first-seen code order', () => {
  const cells = [
    ...Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? `${i}.0` : String(i % 7))),
    'n/a',
    '1',
    '',
    '2.0',
  ];
  const text = `v,w\n${cells.map((c, i) => `${c},${i}`).join('\n')}\n`;
  const result = sameForEveryChunk(text);
  assert.ok(result.ok);
  assert.deepEqual(typesOf(result.table), [
    ['v', 'string'],
    ['w', 'number'],
  ]);
  assert.deepEqual(
    table(result).get('v'),
    cells.map((c) => (c === '' ? null : c)),
  );
  const column = result.table.columns.get('v')!;
  assert.ok(column.type === 'string');
  const firstSeen = [...new Set(cells.filter((c) => c !== ''))];
  assert.deepEqual([...column.dictionary], firstSeen, 'codes in the order texts first appear');
});

test('an impossible date after valid ones, in a later chunk: the column is text', () => {
  const text = 'd,n\n2025-01-31,1\n,2\n2025-02-28,3\n2025-02-30,4\n2025-01-31,5\n';
  const result = sameForEveryChunk(text);
  assert.deepEqual(table(result).get('d'), ['2025-01-31', null, '2025-02-28', '2025-02-30', '2025-01-31']);
  const column = result.ok ? result.table.columns.get('d') : undefined;
  assert.deepEqual(column?.type === 'string' ? [...column.dictionary] : [], ['2025-01-31', '2025-02-28', '2025-02-30']);
});

test('a column null in the first chunks takes the type of its first value; all-null stays text', () => {
  const text = 'a,b,c\n1,,\n2,,\n3,true,\n4,false,\n5,,\n';
  const result = sameForEveryChunk(text);
  assert.ok(result.ok);
  assert.deepEqual(typesOf(result.table), [
    ['a', 'number'],
    ['b', 'boolean'],
    ['c', 'string'],
  ]);
  assert.deepEqual(table(result).get('b'), [null, null, true, false, null]);
  assert.deepEqual(table(result).get('c'), [null, null, null, null, null]);
});

test('quoted fields with line breaks (LF and CRLF), doubled quotes and multi-byte UTF-8 across chunk boundaries', () => {
  const text =
    '\ufeffid,note,amount\r\n1,"two\r\nlines",1.5\r\n2,"say ""hé""",2\r\n\r\n3,日本語 😀,3\r\n4,"a,b\nc",\r\n5,"",5e2\r\n';
  const result = sameForEveryChunk(text);
  const t = table(result);
  assert.deepEqual(t.get('id'), [1, 2, 3, 4, 5]);
  assert.deepEqual(t.get('note'), ['two\r\nlines', 'say "hé"', '日本語 😀', 'a,b\nc', null]);
  assert.deepEqual(t.get('amount'), [1.5, 2, 3, null, 500]);
});

test('a declared column with bad cells: the earliest bad row, then the leftmost column, whichever chunk holds it', () => {
  const text = 'a,b,c\n1,2,x\n3,4,5\n6,oops,7\nbad,8,9\n';
  for (const chunk of CHUNKS) {
    const r = parse(text, chunk, { a: 'number', b: 'number' });
    assert.ok(!r.ok);
    assert.equal(r.error.message, 't.csv, row 3, column "b": "oops" is not a number', `chunk ${chunk}`);
    assert.equal(r.error.line, 4);
  }
  const same = sameForEveryChunk('a,b\n1,x\ny,2\n', { a: 'number', b: 'number' });
  assert.ok(!same.ok);
  assert.equal(same.error.message, 't.csv, row 1, column "b": "x" is not a number');
});

test('a malformed record after a bad declared cell is the error reported, as before chunks', () => {
  const result = sameForEveryChunk('a,b\nx,1\n2,2\n3,3,3\n', { a: 'number' });
  assert.ok(!result.ok);
  assert.equal(result.error.message, 't.csv, row 3: has 3 fields, but the header has 2');
  assert.equal(result.error.line, 4);
  const quote = sameForEveryChunk('a,b\n1,2\n3,"open\n4,4\n');
  assert.ok(!quote.ok);
  assert.equal(quote.error.message, 't.csv, row 2: a quoted field is never closed');
});

test('generated files with every pathology: the same table or error for every chunk size', () => {
  const next = mulberry32(20261203);
  let csvFiles = 0;
  for (let i = 0; i < 400 && csvFiles < 150; i++) {
    const file = randomDataFile(next);
    if (file.format !== 'csv') continue;
    csvFiles++;
    const text = file.bytes.toString('utf8');
    const results = CHUNKS.map((c) =>
      parseCsv(text, { format: 'csv', fileName: 'f.csv', ...(file.delimiter ? { delimiter: file.delimiter } : {}) }, c),
    );
    const whole = shape(results[results.length - 1]!);
    results.forEach((r, k) => assert.deepEqual(shape(r), whole, `file ${i}, chunk of ${CHUNKS[k]} cells`));
  }
  assert.ok(csvFiles >= 50, `${csvFiles} csv files generated`);
});

test('from disk through DataCache: a text value after 70,000 numbers (past the first chunk) is read again as written', (t) => {
  // 16 columns: a chunk holds 65,536 rows, so the text comes in the second chunk.
  const filler = Array.from({ length: 14 }, (_, k) => k).join(',');
  const header = `v,c,${Array.from({ length: 14 }, (_, k) => `f${k}`).join(',')}`;
  const rows = Array.from({ length: 70_000 }, (_, i) => `${i % 2 === 0 ? `${i}.50` : `${i}`},c${i % 3},${filler}`);
  rows.push(`unknown,c9,${filler}`, `2.50,c0,${filler}`);
  const dir = folderWith(t, { 'big.csv': `${header}\n${rows.join('\n')}\n` });
  const result = new DataCache().load(path.join(dir, 'big.csv'), { format: 'csv', fileName: 'big.csv' });
  const v = table(result).get('v')!;
  assert.equal(v.length, 70_002);
  assert.deepEqual(v.slice(0, 4), ['0.50', '1', '2.50', '3']);
  assert.deepEqual(v.slice(-3), ['69999', 'unknown', '2.50']);
  const column = result.ok ? result.table.columns.get('v') : undefined;
  assert.ok(column?.type === 'string');
  assert.equal(column.dictionary.length, 70_001, 'one code per distinct text (2.50 seen twice)');
  assert.equal(column.codes[70_001], column.codes[2]);
  assert.equal(column.dictionary[70_000], 'unknown');
  assert.deepEqual(table(result).get('f13')!.slice(-2), [13, 13]);
});
