import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTable } from '../../../src/core/data/parseTable';
import { col, fixtureText, loadError, loadTable, typesOf } from './support';

const utc = Date.UTC;

test('fixtures with special bytes really contain them', () => {
  assert.ok(fixtureText('bom-crlf.csv').startsWith('\ufeffname,amount,note\r\n'));
  assert.ok(fixtureText('bom-crlf.csv').includes('"line one\r\nline two"'));
  assert.ok(!fixtureText('lf-no-final-newline.csv').endsWith('\n'));
  assert.equal(fixtureText('cr-only.csv'), 'a,b\r1,x\r2,y\r');
  assert.ok(fixtureText('header-only.csv').endsWith('\r\n'));
});

test('survey.csv: every type inferred, nulls, quoted cells', () => {
  const t = loadTable('survey.csv');
  assert.equal(t.rowCount, 12);
  assert.deepEqual(typesOf(t), [
    ['id', 'number'],
    ['submitted_at', 'date'],
    ['channel', 'string'],
    ['score', 'number'],
    ['recommend', 'boolean'],
    ['handle_seconds', 'number'],
    ['comment', 'string'],
  ]);
  assert.deepEqual(col(t, 'submitted_at').slice(0, 6), [
    utc(2025, 0, 3, 9, 15),
    utc(2025, 0, 5, 14, 2),
    utc(2025, 0, 17),
    utc(2025, 1, 1, 7),
    null,
    utc(2025, 1, 14, 23, 59, 59, 999),
  ]);
  assert.equal(col(t, 'submitted_at')[7], utc(2025, 2, 1, 5));
  assert.deepEqual(col(t, 'recommend'), [true, false, true, false, null, false, true, true, false, true, true, null]);
  assert.deepEqual(col(t, 'score'), [9, 6, 10, 7, 8, 3, 9, 10, 5, 9, 8, null]);
  assert.deepEqual(col(t, 'comment'), [
    'Fast, friendly',
    null,
    'Said "great" twice',
    'ok',
    null,
    'slow',
    null,
    null,
    'multi\nline comment',
    null,
    null,
    null,
  ]);
});

test('BOM and CRLF, with a CRLF inside a quoted field and blank CRLF lines', () => {
  const t = loadTable('bom-crlf.csv');
  assert.deepEqual(typesOf(t), [
    ['name', 'string'],
    ['amount', 'number'],
    ['note', 'string'],
  ]);
  assert.deepEqual(col(t, 'name'), ['alpha', 'beta', 'gamma']);
  assert.deepEqual(col(t, 'amount'), [1.5, -2, 300]);
  assert.deepEqual(col(t, 'note'), ['a, b', 'line one\r\nline two', 'say "hi"']);
});

test('LF without a final newline reads the same', () => {
  const a = loadTable('bom-crlf.csv');
  const b = loadTable('lf-no-final-newline.csv');
  assert.deepEqual(typesOf(a), typesOf(b));
  for (const name of ['name', 'amount', 'note']) assert.deepEqual(col(a, name), col(b, name));
});

test('a lone CR ends a record too', () => {
  const t = loadTable('cr-only.csv');
  assert.deepEqual(col(t, 'a'), [1, 2]);
  assert.deepEqual(col(t, 'b'), ['x', 'y']);
});

test('blank lines are skipped; empty cells, quoted or not, are null', () => {
  const t = loadTable('blank-lines.csv');
  assert.equal(t.rowCount, 3);
  assert.deepEqual(col(t, 'a'), [1, 2, 3]);
  assert.deepEqual(col(t, 'b'), [null, null, 4]);
  assert.deepEqual(typesOf(t)[2], ['c', 'string']);
  assert.deepEqual(col(t, 'c'), ['x', null, null]);
});

test('quoted fields: delimiters, doubled quotes, newlines; quotes in unquoted cells and spaces kept', () => {
  const t = loadTable('quoted.csv');
  assert.deepEqual(col(t, 'text'), ['comma, inside', '"quoted"', 'two\nlines', 'it"s', ' padded ', null, '"']);
  assert.deepEqual(col(t, 'n'), [1, 2, 3, 4, 5, 6, 7]);
});

test('custom delimiter; a tab by default for .tsv', () => {
  const t = loadTable('semicolon.csv', { delimiter: ';' });
  assert.deepEqual(typesOf(t), [
    ['region', 'string'],
    ['revenue', 'string'],
    ['growth', 'number'],
  ]);
  assert.deepEqual(col(t, 'revenue'), ['1,5', '2']);
  assert.deepEqual(col(t, 'growth'), [0.5, -0.001]);
  const tsv = loadTable('tabs.tsv');
  assert.deepEqual(col(tsv, 'region'), ['north', 'south\teast']);
  assert.deepEqual(col(tsv, 'revenue'), [10, 20]);
  // Read with the default comma, the header is one column and row 1 has two fields.
  assert.equal(loadError('semicolon.csv').message, 'data/semicolon.csv, row 1: has 2 fields, but the header has 1');
});

test('a delimiter must be one character, not a quote or a line break', () => {
  for (const delimiter of ['', ';;', '"', '\n']) {
    const result = parseTable('a,b\n1,2\n', { format: 'csv', delimiter, fileName: 'data/x.csv' });
    assert.equal(result.ok, false, JSON.stringify(delimiter));
    if (!result.ok) assert.match(result.error.message, /^data\/x\.csv: the delimiter must be one character/);
  }
});

test('inference, the tricky cases', () => {
  const t = loadTable('inference.csv');
  assert.deepEqual(typesOf(t), [
    ['sci', 'number'],
    ['bools', 'boolean'],
    ['dates', 'date'],
    ['stamps', 'date'],
    ['bad_date', 'string'],
    ['month', 'string'],
    ['mixed', 'string'],
    ['empty', 'string'],
    ['spaced', 'string'],
    ['quoted_num', 'number'],
    ['big', 'number'],
  ]);
  assert.deepEqual(col(t, 'sci'), [1e5, 0.5, 3, 1, -0.002]);
  assert.deepEqual(col(t, 'bools'), [true, false, true, false, null]);
  assert.deepEqual(col(t, 'dates'), [utc(2025, 0, 31), utc(2024, 1, 29), null, utc(2000, 0, 1), utc(1999, 11, 31)]);
  assert.deepEqual(col(t, 'stamps'), [
    utc(2025, 2, 1, 8),
    utc(2025, 2, 1, 23, 30),
    utc(2025, 2, 1, 0, 0, 0, 123),
    utc(2025, 2, 1, 12, 30),
    utc(2025, 2, 1, 5, 6, 7, 500),
  ]);
  assert.deepEqual(
    col(t, 'bad_date'),
    ['2025-02-28', '2025-02-30', null, '2025-01-01', null],
    '2025-02-30 is not a date',
  );
  assert.deepEqual(col(t, 'month'), ['2025-03', '2025-04', '2025-05', null, '2025-06']);
  assert.deepEqual(col(t, 'mixed'), ['1', 'true', 'x', null, '2']);
  assert.deepEqual(col(t, 'empty'), [null, null, null, null, null]);
  assert.deepEqual(col(t, 'spaced'), ['12', ' 12', '12 ', null, null]);
  assert.deepEqual(col(t, 'quoted_num'), [12, -3.25, null, 700, 0.5]);
  // eslint-disable-next-line no-loss-of-precision -- the nearest double is the point (SPEC 8.6)
  assert.deepEqual(col(t, 'big'), [12345678901234567890, 0.1, 1, -0, 7]);
  assert.ok(Object.is(col(t, 'big')[3], -0));
});

test('header only: no rows, string columns (or the declared types)', () => {
  const t = loadTable('header-only.csv');
  assert.equal(t.rowCount, 0);
  assert.deepEqual(typesOf(t), [
    ['id', 'string'],
    ['score', 'string'],
  ]);
  const typed = loadTable('header-only.csv', { columns: { score: 'number' } });
  assert.deepEqual(typesOf(typed), [
    ['id', 'string'],
    ['score', 'number'],
  ]);
});

test('unicode column names and values', () => {
  const t = loadTable('unicode.csv');
  assert.deepEqual(typesOf(t), [
    ['Likelihood to recommend', 'number'],
    ['café', 'string'],
    ['note', 'string'],
  ]);
  assert.deepEqual(col(t, 'note'), ['😀 émoji', 'naïve']);
});

test('overrides that fit: leading zeros kept, numbers read as strings, an inferred string read as booleans fails', () => {
  const t = loadTable('override.csv', { columns: { zip: 'string', id: 'string', day: 'date' } });
  assert.deepEqual(typesOf(t), [
    ['id', 'string'],
    ['zip', 'string'],
    ['score', 'string'],
    ['active', 'string'],
    ['day', 'date'],
  ]);
  assert.equal(col(t, 'zip')[0], '01001');
  assert.equal(col(t, 'id')[13], '14');
  assert.equal(col(t, 'day')[13], utc(2025, 0, 14));
  const inferred = loadTable('override.csv');
  assert.deepEqual(typesOf(inferred), [
    ['id', 'number'],
    ['zip', 'number'],
    ['score', 'string'],
    ['active', 'string'],
    ['day', 'date'],
  ]);
  assert.equal(col(inferred, 'zip')[0], 1001);
  const numbers = loadTable('inference.csv', { columns: { sci: 'string', dates: 'string', bools: 'string' } });
  assert.deepEqual(col(numbers, 'sci'), ['1e5', '.5', '+3', '1.', '-2E-3']);
  assert.deepEqual(col(numbers, 'bools'), ['TRUE', 'false', 'True', 'FALSE', null]);
});

test('an override that does not fit: file, row and column in the message', () => {
  const e = loadError('override.csv', { columns: { score: 'number' } });
  assert.equal(e.message, 'data/override.csv, row 12, column "score": "abc" is not a number');
  assert.deepEqual({ record: e.record, column: e.column, line: e.line }, { record: 12, column: 'score', line: 13 });
  const b = loadError('override.csv', { columns: { active: 'boolean', score: 'number' } });
  assert.equal(b.message, 'data/override.csv, row 1, column "active": "no" is not a boolean (true or false)');
  const d = loadError('inference.csv', { columns: { bad_date: 'date' } });
  assert.match(d.message, /^data\/inference\.csv, row 2, column "bad_date": "2025-02-30" is not a date/);
  const m = loadError('inference.csv', { columns: { month: 'date' } });
  assert.match(m.message, /^data\/inference\.csv, row 1, column "month": "2025-03" is not a date/);
  const q = loadError('quoted.csv', { columns: { text: 'number' } });
  assert.equal(q.message, 'data/quoted.csv, row 1, column "text": "comma, inside" is not a number');
  const escaped = parseTable('a\n"1"""\n', { format: 'csv', columns: new Map([['a', 'number']]) });
  assert.ok(!escaped.ok && escaped.error.message === 'row 1, column "a": "1\\"" is not a number');
});

test('the earliest bad row wins over a bad row in an earlier column', () => {
  const text = 'a,b\n1,x\ny,2\n';
  const result = parseTable(text, {
    format: 'csv',
    columns: new Map([
      ['a', 'number'],
      ['b', 'number'],
    ]),
  });
  assert.ok(!result.ok);
  assert.equal(result.error.message, 'row 1, column "b": "x" is not a number');
});

test('an override naming a column the data does not have', () => {
  const e = loadError('survey.csv', { columns: { scroe: 'number' } });
  assert.equal(
    e.message,
    'data/survey.csv: columns: declares "scroe", but the data has no such column ' +
      '(its columns: "id", "submitted_at", "channel", "score", "recommend", "handle_seconds", "comment")',
  );
  assert.equal(e.column, 'scroe');
  const two = loadError('header-only.csv', { columns: { a: 'number', score: 'number', b: 'date' } });
  assert.equal(
    two.message,
    'data/header-only.csv: columns: declares "a", "b", but the data has no such columns (its columns: "id", "score")',
  );
});

test('ragged rows are errors with the row number (blank lines not counted) and the line', () => {
  const short = loadError('ragged-short.csv');
  assert.equal(short.message, 'data/ragged-short.csv, row 2: has 2 fields, but the header has 3');
  assert.deepEqual([short.record, short.line], [2, 4]);
  const long = loadError('ragged-long.csv');
  assert.equal(long.message, 'data/ragged-long.csv, row 2: has 3 fields, but the header has 2');
  assert.deepEqual([long.record, long.line], [2, 3]);
});

test('header problems', () => {
  assert.equal(
    loadError('header-duplicate.csv').message,
    'data/header-duplicate.csv, column "id": appears twice in the header',
  );
  assert.equal(loadError('header-empty.csv').message, "data/header-empty.csv: the header's column 2 has no name");
  assert.match(loadError('empty.csv').message, /^data\/empty\.csv: the file is empty; a csv file needs a header row/);
  assert.match(loadError('blank-only.csv').message, /the file is empty/);
  const bomOnly = parseTable('\ufeff', { format: 'csv' });
  assert.ok(!bomOnly.ok);
});

test('quote errors', () => {
  const unclosed = loadError('unclosed-quote.csv');
  assert.equal(unclosed.message, 'data/unclosed-quote.csv, row 2: a quoted field is never closed');
  assert.equal(unclosed.line, 3);
  const after = loadError('text-after-quote.csv');
  assert.match(after.message, /^data\/text-after-quote\.csv, row 1, column "b": unexpected text after a closing quote/);
});

test('one column; a trailing delimiter is an empty last field', () => {
  const one = parseTable('v\n1\n\n2\n', { format: 'csv' });
  assert.ok(one.ok);
  assert.deepEqual(col(one.table, 'v'), [1, 2]);
  const trailing = parseTable('a,b\n1,\n2,', { format: 'csv' });
  assert.ok(trailing.ok);
  assert.deepEqual(col(trailing.table, 'b'), [null, null]);
});

test('without a file name the message starts at the row', () => {
  const result = parseTable('a,b\n1\n', { format: 'csv' });
  assert.ok(!result.ok);
  assert.equal(result.error.message, 'row 1: has 1 field, but the header has 2');
});

test('many rows grow the buffers', () => {
  const lines = ['n,s,d,b'];
  for (let i = 0; i < 20_000; i++)
    lines.push(`${i},"s${i}",2025-01-01T00:00:${String(i % 60).padStart(2, '0')}Z,${i % 2 === 0}`);
  const result = parseTable(lines.join('\n'), { format: 'csv' });
  assert.ok(result.ok);
  const t = result.table;
  assert.equal(t.rowCount, 20_000);
  assert.deepEqual(typesOf(t), [
    ['n', 'number'],
    ['s', 'string'],
    ['d', 'date'],
    ['b', 'boolean'],
  ]);
  assert.equal(col(t, 'n')[19_999], 19_999);
  assert.equal(col(t, 's')[19_999], 's19999');
  assert.equal(col(t, 'd')[59], utc(2025, 0, 1, 0, 0, 59));
  assert.equal(col(t, 'b')[19_999], false);
});

test('repeated categories and look-alike values keep their own text', () => {
  // Values that share length, first, middle and last characters collide in the string
  // cache; each must still come back as itself.
  const values: string[] = [];
  for (let i = 0; i < 30_000; i++)
    values.push(
      i % 3 === 0
        ? `a${i % 7}b${i % 5}a`
        : i % 3 === 1
          ? `a${i % 5}b${i % 7}a`
          : ['chat', 'email', 'Chat', 'phone'][i % 4]!,
    );
  const result = parseTable(`v\n${values.join('\n')}\n`, { format: 'csv' });
  assert.ok(result.ok);
  assert.deepEqual(col(result.table, 'v'), values);
  const distinct = Array.from({ length: 10_000 }, (_, i) => `id-${i}`);
  const many = parseTable(`v\n${distinct.join('\n')}\n`, { format: 'csv' });
  assert.ok(many.ok);
  assert.deepEqual(col(many.table, 'v'), distinct);
});
