// Text columns are dictionary-encoded (table.ts StringColumn): one code per distinct text,
// however the cell was written, so equality and count_distinct over codes stay exact.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTable } from '../../../src/core/data/parseTable';
import { stringAt, type StringColumn } from '../../../src/core/data/table';

function textColumn(csv: string, name: string): StringColumn {
  const result = parseTable(csv, { format: 'csv', fileName: 't.csv' });
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  const column = result.table.columns.get(name);
  assert.equal(column?.type, 'string');
  return column as StringColumn;
}

test('one code per distinct text: short, long (over 24 characters), quoted, escaped and plain spellings of one text', () => {
  const long = 'a value that is longer than twenty-four characters';
  const csv = [
    'id,t',
    `1,chat`,
    `2,"chat"`,
    `3,${long}`,
    `4,"${long}"`,
    `5,a"b`,
    `6,"a""b"`,
    `7,`,
    `8,email`,
    `9,chat`,
    '',
  ].join('\n');
  const column = textColumn(csv, 't');
  const values = Array.from(column.codes, (_, row) => stringAt(column, row));
  assert.deepEqual(values, ['chat', 'chat', long, long, 'a"b', 'a"b', null, 'email', 'chat']);
  assert.deepEqual([...column.dictionary].sort(), ['a"b', 'chat', 'email', long].sort());
  assert.equal(new Set(column.dictionary).size, column.dictionary.length, 'no text twice in the dictionary');
  assert.equal(column.codes[6], -1, 'an empty cell is null');
});

test('hash collisions never merge two texts: many distinct short values keep their own codes', () => {
  const rows = Array.from({ length: 20000 }, (_, i) => `${i},v${i % 5000}`);
  const column = textColumn(['id,t', ...rows, ''].join('\n'), 't');
  assert.equal(column.dictionary.length, 5000);
  for (let row = 0; row < 20000; row += 997) assert.equal(stringAt(column, row), `v${row % 5000}`);
});
