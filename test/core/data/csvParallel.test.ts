// A large csv file is parsed in parts on worker threads (csvParallel.ts) and the parts
// joined (csvParts.ts): the table must be the one-pass table exactly — values, types,
// text codes and their order — and every error the one-pass error, for any number of
// threads, any cut and any piece size. Real files on disk, real worker threads.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import { parseCsvInParts, type CsvThreads } from '../../../src/core/data/csvParallel';
import { DataCache } from '../../../src/core/data/load';
import type { ColumnType } from '../../../src/core/model/kpiFile';
import type { LoadResult, ParseOptions } from '../../../src/core/data/result';
import { repoRoot } from '../../paths';
import { folderWith } from './onDisk';
import { plain } from './support';

const WORKER = path.join(repoRoot, 'out', 'src', 'core', 'data', 'csvPartWorker.js');

function threads(count: number): CsvThreads {
  return { script: WORKER, threads: count, minPartBytes: 1 };
}

/** Everything a table is made of, raw: values with NaN and -0 as they are, codes and dictionaries in order. */
function shape(result: LoadResult): unknown {
  if (!result.ok) return { error: result.error };
  return {
    rowCount: result.table.rowCount,
    columns: [...result.table.columns].map(([name, column]) =>
      column.type === 'string'
        ? [name, column.type, [...column.codes], [...column.dictionary]]
        : [name, column.type, Array.from(column.values)],
    ),
  };
}

function optionsFor(name: string, columns?: Record<string, ColumnType>): ParseOptions {
  return { format: 'csv', fileName: name, ...(columns ? { columns: new Map(Object.entries(columns)) } : {}) };
}

function onePass(file: string, options: ParseOptions, pieceBytes?: number): LoadResult {
  return new DataCache(pieceBytes ? { pieceBytes } : {}).load(file, options);
}

/** parseCsvInParts on the file (undefined: it had to be read in one go). */
function inParts(
  file: string,
  options: ParseOptions,
  count: number,
  pieceBytes?: number,
  how: CsvThreads = threads(count),
): LoadResult | undefined {
  const fd = fs.openSync(file, 'r');
  try {
    return parseCsvInParts(fd, options.fileName!, fs.fstatSync(fd).size, options, how, pieceBytes);
  } finally {
    fs.closeSync(fd);
  }
}

/** The file read in 2..5 parts: the one-pass table each time, read in parts (not in one go) each time. */
function assertSameInParts(t: TestContext, text: string, columns?: Record<string, ColumnType>): LoadResult {
  const dir = folderWith(t, { 'p.csv': text });
  const file = path.join(dir, 'p.csv');
  const options = optionsFor('p.csv', columns);
  const expected = onePass(file, options);
  for (const count of [2, 3, 5]) {
    const result = inParts(file, options, count);
    assert.ok(result, `read in ${count} parts, not in one go`);
    assert.deepStrictEqual(shape(result), shape(expected), `${count} parts`);
  }
  return expected;
}

test('parts of plain records: numbers, -0, decimals, booleans, dates, text with repeats, nulls, CRLF, blank lines, a BOM', (t) => {
  const rows = Array.from(
    { length: 40 },
    (_, i) =>
      `${i % 7 === 0 ? '' : i * 1.5},${i % 3 === 0 ? 'true' : 'false'},2025-0${(i % 9) + 1}-1${i % 10},${['chat', 'web', 'email', ''][i % 4]},-0`,
  );
  const result = assertSameInParts(t, `\ufeffv,b,d,channel,z\r\n${rows.join('\r\n')}\r\n\r\n`);
  assert.ok(result.ok);
  assert.equal(result.table.rowCount, 40);
  assert.deepEqual(
    [...result.table.columns].map(([name, c]) => [name, c.type]),
    [
      ['v', 'number'],
      ['b', 'boolean'],
      ['d', 'date'],
      ['channel', 'string'],
      ['z', 'number'],
    ],
  );
});

test('a column typed in one part and text in another is text, as written, with codes in first-seen order', (t) => {
  const numbersThenText = Array.from({ length: 30 }, (_, i) => `${i % 5}.0,x${i % 3}`).concat(['n/a,x9', '1.0,x1']);
  const late = assertSameInParts(t, `v,w\n${numbersThenText.join('\n')}\n`);
  assert.ok(late.ok);
  const v = late.table.columns.get('v');
  assert.ok(v?.type === 'string');
  assert.deepEqual(plain(v).slice(0, 3), ['0.0', '1.0', '2.0']);
  assert.deepEqual(v.dictionary, ['0.0', '1.0', '2.0', '3.0', '4.0', 'n/a']);

  const textThenNumbers = ['abc,1'].concat(Array.from({ length: 30 }, (_, i) => `${i},2`));
  const early = assertSameInParts(t, `v,w\n${textThenNumbers.join('\n')}\n`);
  assert.ok(early.ok && early.table.columns.get('v')?.type === 'string');

  // An impossible date late, booleans then a number, dates then booleans: text each time.
  const mixed = Array.from(
    { length: 30 },
    (_, i) => `2025-01-${String((i % 28) + 1).padStart(2, '0')},true,2025-03-01`,
  );
  mixed.push('2025-02-30,1,false');
  const result = assertSameInParts(t, `d,b,e\n${mixed.join('\n')}\n`);
  assert.ok(result.ok);
  assert.deepEqual(
    [...result.table.columns.values()].map((c) => c.type),
    ['string', 'string', 'string'],
  );
});

test("a part whose column is null throughout takes the other parts' type; a column null everywhere is text of nulls", (t) => {
  const rows = Array.from({ length: 30 }, (_, i) => (i < 20 ? `,${i},` : `${i},,`));
  const result = assertSameInParts(t, `late,early,never\n${rows.join('\n')}\n`);
  assert.ok(result.ok);
  const [late, early, never] = [...result.table.columns.values()];
  assert.equal(late?.type, 'number');
  assert.equal(early?.type, 'number');
  assert.ok(never?.type === 'string' && never.dictionary.length === 0);
  assert.deepEqual(plain(late).slice(18, 22), [null, null, 20, 21]);
});

test('declared columns in parts: values typed as declared', (t) => {
  const rows = Array.from({ length: 30 }, (_, i) => `00${i},${i},2025-01-0${(i % 9) + 1}`);
  const result = assertSameInParts(t, `id,n,d\n${rows.join('\n')}\n`, { id: 'string', n: 'number', d: 'date' });
  assert.ok(result.ok);
  assert.deepEqual(plain(result.table.columns.get('id')).slice(0, 2), ['000', '001']);
});

test('a quoted field with line breaks where a cut falls: the one-pass table (read in one go when the cut is inside it)', (t) => {
  const long = `"${'line\n'.repeat(40)}end"`;
  const longer = `"${'line\n'.repeat(100)}end"`;
  const text = `a,b\n1,x\n2,${long}\n3,"y,z"\n4,${longer}\n5,w\n`;
  const dir = folderWith(t, { 'q.csv': text });
  const file = path.join(dir, 'q.csv');
  const options = optionsFor('q.csv');
  const expected = shape(onePass(file, options));
  assert.equal(inParts(file, options, 2), undefined, 'the middle of the file is inside a quoted field');
  for (const count of [2, 3, 4, 7, 11]) {
    const result = inParts(file, options, count);
    assert.deepStrictEqual(shape(result ?? onePass(file, options)), expected, `${count} parts`);
    assert.deepStrictEqual(shape(new DataCache({ csvThreads: threads(count) }).load(file, options)), expected);
  }
});

test('errors in any part are the one-pass errors: ragged row, unclosed quote, bad declared cell, not UTF-8, missing column', (t) => {
  const good = Array.from({ length: 30 }, (_, i) => `${i},${i}`).join('\n');
  const dir = folderWith(t, {
    'ragged.csv': `a,b\n${good}\n1,2,3\n4,5\n`,
    'open.csv': `a,b\n${good}\n7,"never\nclosed\n`,
    'bad.csv': `a,b\n${good}\n8,x\n`,
    'missing.csv': `a,b\n${good}\n`,
    'empty.csv': '',
    'header.csv': 'a,b\n',
  });
  fs.writeFileSync(
    path.join(dir, 'latin.csv'),
    Buffer.concat([Buffer.from(`a,b\n${good}\n`), Buffer.from([0x39, 0xe9, 0x2c, 0x31, 0x0a])]),
  );
  const cases: [string, Record<string, ColumnType> | undefined][] = [
    ['ragged.csv', undefined],
    ['open.csv', undefined],
    ['bad.csv', { b: 'number' }],
    ['missing.csv', { c: 'number' }],
    ['latin.csv', undefined],
    ['empty.csv', undefined],
    ['header.csv', undefined],
  ];
  for (const [name, columns] of cases) {
    const file = path.join(dir, name);
    const options = optionsFor(name, columns);
    const expected = shape(onePass(file, options));
    for (const count of [2, 4]) {
      assert.deepStrictEqual(
        shape(new DataCache({ csvThreads: threads(count) }).load(file, options)),
        expected,
        `${name}, ${count} threads`,
      );
    }
  }
  assert.match(
    JSON.stringify(shape(onePass(path.join(dir, 'ragged.csv'), optionsFor('ragged.csv')))),
    /row 31: has 3 fields/,
  );
});

test('a worker script that fails to load: given up on, the file read in one go, the process goes on', (t) => {
  const dir = folderWith(t, {
    'a.csv': `a,b\n${Array.from({ length: 40 }, (_, i) => `${i},x${i % 3}`).join('\n')}\n`,
    'broken.js': 'this is not javascript (\n',
  });
  const file = path.join(dir, 'a.csv');
  const options = optionsFor('a.csv');
  const broken = { script: path.join(dir, 'broken.js'), threads: 3, minPartBytes: 1, startTimeoutMs: 300 };
  assert.deepStrictEqual(
    shape(new DataCache({ csvThreads: broken }).load(file, options)),
    shape(onePass(file, options)),
  );
  assert.equal(inParts(file, options, 3, undefined, broken), undefined);
});

test('text of many distinct values repeated across parts: codes in first-seen order', (t) => {
  const rows = Array.from({ length: 300 }, (_, i) => `id${(i * 7) % 113},${i % 2 ? 'same' : `other ${i}`}`);
  const result = assertSameInParts(t, `id,note\n${rows.join('\n')}\n`);
  assert.ok(result.ok);
  const id = result.table.columns.get('id');
  assert.ok(id?.type === 'string' && id.dictionary.length === 113);
  assert.deepEqual(id.dictionary.slice(0, 3), ['id0', 'id7', 'id14']);
});

test('a worker script that is not there: the file is read in one go, with the same table', (t) => {
  const dir = folderWith(t, { 'a.csv': `a\n${Array.from({ length: 20 }, (_, i) => i).join('\n')}\n` });
  const file = path.join(dir, 'a.csv');
  const options = optionsFor('a.csv');
  const cache = new DataCache({ csvThreads: { script: path.join(dir, 'missing.js'), threads: 2, minPartBytes: 1 } });
  assert.deepStrictEqual(shape(cache.load(file, options)), shape(onePass(file, options)));
});

/** A small seeded generator (mulberry32), so a failing case can be run again. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const CELLS: ((r: () => number) => string)[] = [
  (r) => String(Math.floor(r() * 100)),
  (r) => (r() * 1000 - 500).toFixed(2),
  (r) => (r() < 0.5 ? 'true' : 'FALSE'),
  (r) =>
    `2025-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 31)).padStart(2, '0')}`,
  (r) => `2026-03-0${1 + Math.floor(r() * 9)}T1${Math.floor(r() * 10)}:00:00Z`,
  (r) => ['chat', 'web', 'é-mail', 'phone 😀'][Math.floor(r() * 4)]!,
  (r) => `"q${Math.floor(r() * 5)}, ""x"""`,
  (r) => (r() < 0.3 ? `"two\n${Math.floor(r() * 3)}"` : `c${Math.floor(r() * 50)}`),
  () => '',
  (r) => (r() < 0.97 ? String(Math.floor(r() * 9)) : 'n/a'),
];

test('generated files: parts on 2-4 threads and pieces of any size give the one-pass table or error', (t) => {
  const dir = folderWith(t, {});
  const r = random(20261203);
  let readInParts = 0;
  const files = 60;
  for (let f = 0; f < files; f++) {
    const kinds = Array.from({ length: 1 + Math.floor(r() * 5) }, () => Math.floor(r() * CELLS.length));
    const eol = r() < 0.3 ? '\r\n' : '\n';
    const rows: string[] = [kinds.map((k, i) => `c${i}_${k}`).join(',')];
    const count = Math.floor(r() * 120);
    for (let i = 0; i < count; i++) {
      rows.push(kinds.map((k) => (r() < 0.1 ? '' : CELLS[k]!(r))).join(','));
      if (r() < 0.03) rows.push('');
    }
    if (r() < 0.05) rows.push('1,2,3,4,5,6,7'); // ragged
    const name = `g${f}.csv`;
    fs.writeFileSync(path.join(dir, name), rows.join(eol) + (r() < 0.8 ? eol : ''));
    const file = path.join(dir, name);
    const declared = r() < 0.15 ? { [`c0_${kinds[0]}`]: 'number' as ColumnType } : undefined;
    const options = optionsFor(name, declared);
    const pieceBytes = [undefined, 7, 64][Math.floor(r() * 3)];
    const expected = shape(onePass(file, options));
    const threadCount = 2 + Math.floor(r() * 3);
    const direct = inParts(file, options, threadCount, pieceBytes);
    if (direct) {
      readInParts++;
      assert.deepStrictEqual(shape(direct), expected, `${name} in ${threadCount} parts`);
    }
    const cache = new DataCache({ csvThreads: threads(threadCount), ...(pieceBytes ? { pieceBytes } : {}) });
    assert.deepStrictEqual(shape(cache.load(file, options)), expected, `${name} through the cache`);
  }
  assert.ok(readInParts >= files / 3, `${readInParts} of ${files} files were read in parts`);
});
