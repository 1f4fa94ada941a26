import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { DataCache, isFileStamp, statFile } from '../../../src/core/data/load';
import { firstInvalidUtf8 } from '../../../src/core/data/utf8';
import { fixture } from '../../paths';
import { col } from './support';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-lens-data-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('loads a fixture by absolute path', () => {
  const cache = new DataCache();
  const result = cache.load(fixture('data', 'survey.csv'), { format: 'csv', fileName: 'data/survey.csv' });
  assert.ok(result.ok);
  assert.equal(result.table.rowCount, 12);
});

test('cache hit while the file is unchanged; a miss when its mtime or the options change', () => {
  const file = path.join(dir, 'scores.csv');
  fs.writeFileSync(file, 'score\n1\n2\n');
  const cache = new DataCache();
  const first = cache.load(file, { format: 'csv', fileName: 'data/scores.csv' });
  const second = cache.load(file, { format: 'csv', fileName: 'data/scores.csv' });
  assert.equal(cache.parses, 1);
  assert.equal(first, second, 'the same result object');

  // Same size, new mtime: parsed again.
  fs.writeFileSync(file, 'score\n3\n4\n');
  const later = new Date(Date.now() + 5_000);
  fs.utimesSync(file, later, later);
  const third = cache.load(file, { format: 'csv', fileName: 'data/scores.csv' });
  assert.equal(cache.parses, 2);
  assert.ok(third.ok);
  assert.deepEqual(col(third.table, 'score'), [3, 4]);
  assert.equal(cache.size, 1, 'the old version is dropped');

  // Other options: another entry; the columns map's order does not matter.
  const typed = cache.load(file, {
    format: 'csv',
    fileName: 'data/scores.csv',
    columns: new Map([['score', 'string']]),
  });
  assert.ok(typed.ok);
  assert.deepEqual(col(typed.table, 'score'), ['3', '4']);
  assert.equal(cache.parses, 3);
  cache.load(file, { format: 'csv', fileName: 'data/scores.csv', columns: new Map([['score', 'string']]) });
  assert.equal(cache.parses, 3);
  cache.clear();
  cache.load(file, { format: 'csv', fileName: 'data/scores.csv' });
  assert.equal(cache.parses, 4);
});

test('a parse error is cached too, and cleared by a fix', () => {
  const file = path.join(dir, 'broken.csv');
  fs.writeFileSync(file, 'a,b\n1\n');
  const cache = new DataCache();
  const bad = cache.load(file, { format: 'csv', fileName: 'broken.csv' });
  assert.ok(!bad.ok);
  assert.equal(bad.error.message, 'broken.csv, row 1: has 1 field, but the header has 2');
  cache.load(file, { format: 'csv', fileName: 'broken.csv' });
  assert.equal(cache.parses, 1);
  fs.writeFileSync(file, 'a,b\n1,2\n');
  assert.ok(cache.load(file, { format: 'csv', fileName: 'broken.csv' }).ok);
});

test('least recently used entries go beyond maxEntries', () => {
  const cache = new DataCache({ maxEntries: 2 });
  const files = ['a', 'b', 'c'].map((name) => {
    const file = path.join(dir, `${name}.csv`);
    fs.writeFileSync(file, `${name}\n1\n`);
    return file;
  });
  for (const file of files) cache.load(file, { format: 'csv' });
  assert.equal(cache.size, 2);
  cache.load(files[2]!, { format: 'csv' });
  assert.equal(cache.parses, 3, 'c is still cached');
  cache.load(files[0]!, { format: 'csv' });
  assert.equal(cache.parses, 4, 'a was evicted');
});

test('a missing file, a folder, an unreadable file: plain words, no throw', () => {
  const cache = new DataCache();
  const missing = cache.load(path.join(dir, 'nope.csv'), { format: 'csv', fileName: 'data/x.csv' });
  assert.deepEqual(missing, { ok: false, error: { message: 'cannot open data/x.csv: no such file' } });
  const under = cache.load(path.join(dir, 'nope', 'x.csv'), { format: 'csv', fileName: 'data/x.csv' });
  assert.ok(!under.ok && under.error.message === 'cannot open data/x.csv: no such file');
  const folder = cache.load(dir, { format: 'csv', fileName: 'data' });
  assert.ok(!folder.ok && folder.error.message === 'cannot open data: it is a folder, not a file');
  if (process.getuid?.() !== 0) {
    const locked = path.join(dir, 'locked.csv');
    fs.writeFileSync(locked, 'a\n1\n');
    fs.chmodSync(locked, 0o000);
    const denied = cache.load(locked, { format: 'csv', fileName: 'data/locked.csv' });
    assert.ok(!denied.ok && denied.error.message === 'cannot open data/locked.csv: permission denied');
  }
});

test('a UTF-16 file is refused with a hint', () => {
  const result = new DataCache().load(fixture('data', 'utf16.csv'), { format: 'csv', fileName: 'data/utf16.csv' });
  assert.deepEqual(result, {
    ok: false,
    error: { message: 'cannot read data/utf16.csv: it is saved as UTF-16; save it as UTF-8' },
  });
});

test('a file in another encoding (Windows-1252, as Excel saves "CSV") is refused at its first non-UTF-8 line, not read with its text changed', () => {
  const file = path.join(dir, 'latin1.csv');
  fs.writeFileSync(file, Buffer.from('id,city,score\n1,Berlin,4\n2,M\u00fcnchen,5\n', 'latin1'));
  const result = new DataCache().load(file, { format: 'csv', fileName: 'latin1.csv' });
  assert.deepEqual(result, {
    ok: false,
    error: {
      message:
        'cannot read latin1.csv: line 3 holds a byte that is not UTF-8 (0xFC), so the file is saved in another encoding; save it as UTF-8 (in Excel: "CSV UTF-8")',
      line: 3,
    },
  });
  // The same text in UTF-8 reads, umlaut and all.
  fs.writeFileSync(file, 'id,city,score\n1,Berlin,4\n2,M\u00fcnchen,5\n');
  const good = new DataCache().load(file, { format: 'csv', fileName: 'latin1.csv' });
  assert.ok(good.ok);
});

test('firstInvalidUtf8 finds the first bad byte: lone continuation, truncated sequence, overlong form, surrogate, past U+10FFFF', () => {
  const cases: [number[], number][] = [
    [[0x61, 0x62], -1],
    [[0x61, 0xc3, 0xa9, 0x62], -1],
    [[0xf0, 0x9f, 0x98, 0x80], -1],
    [[0x61, 0x80], 1],
    [[0x61, 0xc3], 1],
    [[0xc0, 0xaf], 0],
    [[0xe0, 0x80, 0xaf], 0],
    [[0x61, 0xed, 0xa0, 0x80], 1],
    [[0xf4, 0x90, 0x80, 0x80], 0],
    [[0x61, 0x62, 0xe9, 0x63], 2],
  ];
  for (const [bytes, expected] of cases) {
    const buffer = Uint8Array.from(bytes);
    assert.equal(firstInvalidUtf8(buffer), expected, bytes.map((b) => b.toString(16)).join(' '));
    // An independent decoder agrees on which are valid.
    assert.equal(expected === -1, isValid(buffer), bytes.map((b) => b.toString(16)).join(' '));
  }
});

function isValid(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

test('files over the size limit are refused', () => {
  const file = path.join(dir, 'big.csv');
  fs.writeFileSync(file, 'a\n' + '1\n'.repeat(100));
  const cache = new DataCache({ maxBytes: 100 });
  const result = cache.load(file, { format: 'csv', fileName: 'big.csv' });
  assert.ok(!result.ok);
  assert.match(
    result.error.message,
    /^cannot open big\.csv: it is 202 bytes, more than the 100 bytes a data file may have$/,
  );
});

test('statFile gives the stamp, or why not', () => {
  const file = path.join(dir, 'stamp.csv');
  fs.writeFileSync(file, 'a\n1\n');
  const stamp = statFile(file, 'stamp.csv');
  assert.ok(isFileStamp(stamp));
  assert.equal(stamp.size, 4);
  const missing = statFile(path.join(dir, 'none.csv'), 'none.csv');
  assert.ok(!isFileStamp(missing));
  assert.equal(missing.message, 'cannot open none.csv: no such file');
  assert.deepEqual(new DataCache().stat(file), stamp);
});
