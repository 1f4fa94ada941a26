import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTable } from '../../../src/core/data/parseTable';
import { col, fixtureText, loadError, loadTable, typesOf } from './support';

const utc = Date.UTC;

test('json: types kept, dates recognised, null and missing keys are null, columns in order of first appearance', () => {
  const t = loadTable('orders.json');
  assert.equal(t.rowCount, 4);
  assert.deepEqual(typesOf(t), [
    ['id', 'number'],
    ['placed', 'date'],
    ['total', 'number'],
    ['paid', 'boolean'],
    ['channel', 'string'],
    ['coupon', 'string'],
    ['note', 'string'],
  ]);
  assert.deepEqual(col(t, 'placed'), [utc(2025, 0, 3), utc(2025, 0, 4, 9), null, utc(2025, 0, 6, 8, 30)]);
  assert.deepEqual(col(t, 'total'), [19.5, null, null, 0]);
  assert.deepEqual(col(t, 'paid'), [true, false, true, null]);
  assert.deepEqual(col(t, 'channel'), ['web', 'store', 'web', null]);
  assert.deepEqual(col(t, 'coupon'), [null, 'SPRING', null, null]);
  assert.deepEqual(col(t, 'note'), [null, null, null, '2025-02-30'], 'an impossible date stays a string');
});

test('json: BOM, empty array', () => {
  assert.ok(fixtureText('bom.json').startsWith('\ufeff['));
  assert.deepEqual(col(loadTable('bom.json'), 'a'), [1, 2]);
  const empty = loadTable('empty-array.json');
  assert.equal(empty.rowCount, 0);
  assert.equal(empty.columns.size, 0);
});

test('json: a column of JSON numbers is not read from strings, and strings shaped like numbers stay strings', () => {
  const result = parseTable('[{"a":"12","b":"true"}]', { format: 'json' });
  assert.ok(result.ok);
  assert.deepEqual(typesOf(result.table), [
    ['a', 'string'],
    ['b', 'string'],
  ]);
});

test('json errors carry the record (array index + 1)', () => {
  const nested = loadError('nested.json');
  assert.equal(
    nested.message,
    'data/nested.json, record 3, column "tags": holds an array; only numbers, strings, booleans and null can be read',
  );
  assert.deepEqual([nested.record, nested.column], [3, 'tags']);
  assert.match(
    loadError('nested-object.json').message,
    /^data\/nested-object\.json, record 1, column "who": holds an object/,
  );
  const mixed = loadError('mixed.json');
  assert.equal(
    mixed.message,
    `data/mixed.json, record 4, column "v": "3" is a string, but the column's earlier values are numbers`,
  );
  assert.equal(mixed.record, 4);
  assert.equal(
    loadError('not-array.json').message,
    'data/not-array.json: a json source must be an array of objects, but this file holds an object',
  );
  assert.equal(
    loadError('item-not-object.json').message,
    'data/item-not-object.json, record 2: expected an object, found a number',
  );
  assert.match(loadError('invalid.json').message, /^data\/invalid\.json: not valid JSON: .* at line 3, column \d+$/);
});

test('json: declared types convert what fits', () => {
  const t = loadTable('typed-strings.json', { columns: { n: 'number', b: 'boolean', d: 'date', s: 'string' } });
  assert.deepEqual(typesOf(t), [
    ['n', 'number'],
    ['b', 'boolean'],
    ['d', 'date'],
    ['s', 'string'],
  ]);
  assert.deepEqual(col(t, 'n'), [12, 3]);
  assert.deepEqual(col(t, 'b'), [true, false]);
  assert.deepEqual(col(t, 'd'), [utc(2025, 0, 1), null]);
  assert.deepEqual(col(t, 's'), ['5', 'true']);
  const mixedDeclared = loadTable('mixed.json', { columns: { v: 'number' } });
  assert.deepEqual(col(mixedDeclared, 'v'), [1, null, 2, 3]);
});

test('json: declared types report the first value that does not fit', () => {
  const e = loadError('typed-strings.json', { columns: { n: 'number', b: 'boolean', d: 'date', s: 'number' } });
  assert.equal(e.message, 'data/typed-strings.json, record 2, column "s": true is not a number');
  const d = loadError('orders.json', { columns: { id: 'date' } });
  assert.match(d.message, /^data\/orders\.json, record 1, column "id": 1 is not a date/);
  const missing = loadError('orders.json', { columns: { price: 'number' } });
  assert.match(
    missing.message,
    /^data\/orders\.json: columns: declares "price", but the data has no such column \(its columns: "id", "placed"/,
  );
  const none = loadError('empty-array.json', { columns: { a: 'number' } });
  assert.match(none.message, /\(its columns: none\)$/);
});

test('jsonl: blank lines skipped, types kept', () => {
  const t = loadTable('events.jsonl');
  assert.equal(t.rowCount, 3);
  assert.deepEqual(typesOf(t), [
    ['at', 'date'],
    ['kind', 'string'],
    ['ms', 'number'],
    ['ok', 'boolean'],
  ]);
  assert.deepEqual(col(t, 'at'), [utc(2025, 2, 1, 10), utc(2025, 2, 2), null]);
  assert.deepEqual(col(t, 'ms'), [120, null, 80.5]);
  assert.deepEqual(col(t, 'ok'), [null, true, false]);
});

test('jsonl: BOM and CRLF', () => {
  assert.ok(fixtureText('bom-crlf.jsonl').startsWith('\ufeff{"a":1,"b":"x"}\r\n\r\n'));
  const t = loadTable('bom-crlf.jsonl');
  assert.deepEqual(col(t, 'a'), [1, 2]);
  assert.deepEqual(col(t, 'b'), ['x', 'y']);
});

test('jsonl errors carry the line number', () => {
  const bad = loadError('bad-line.jsonl');
  assert.match(bad.message, /^data\/bad-line\.jsonl, line 4: not valid JSON: /);
  assert.deepEqual([bad.record, bad.line], [4, 4]);
  assert.equal(
    loadError('not-object.jsonl').message,
    'data/not-object.jsonl, line 2: expected an object, found an array',
  );
  assert.equal(loadError('null-line.jsonl').message, 'data/null-line.jsonl, line 2: expected an object, found null');
  assert.equal(
    loadError('mixed.jsonl').message,
    `data/mixed.jsonl, line 3, column "a": true is a boolean, but the column's earlier values are numbers`,
  );
  assert.match(loadError('nested.jsonl').message, /^data\/nested\.jsonl, line 2, column "a": holds an object/);
});

test('an unknown format is an error, not a throw', () => {
  const result = parseTable('x', { format: 'xml' as 'csv' });
  assert.equal(result.ok, false);
});

test('a CSV read as json: the error names the token and stays on one line (no quoted text with its newlines)', () => {
  const result = parseTable('id,t,n,b\n0,2025-01-01,1,true\n', { format: 'json' });
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.match(result.error.message, /not valid JSON: Unexpected token 'i'/);
  assert.doesNotMatch(result.error.message, /\n/);
  const jsonl = parseTable('{"a":1}\nid,t\n', { format: 'jsonl' });
  assert.equal(jsonl.ok, false);
  if (!jsonl.ok) assert.doesNotMatch(jsonl.error.message, /\n/);
});
