import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFix, check, checkText, expectAt, onlyFix } from './support';

test('enum: at the value, lists what is allowed, with a did-you-mean fix', () => {
  const c = check('wrong-values.yaml');
  const unit = expectAt(c, 'percentage');
  assert.equal(
    unit.message,
    'unit must be one of percent, score, ratio, count, currency, duration, number; got "percentage". Did you mean "percent"?',
  );
  assert.equal(unit.kpi, 'NPS');
  assert.deepEqual(onlyFix(unit).edits, [
    { range: { start: c.text.indexOf('percentage'), end: c.text.indexOf('percentage') + 10 }, newText: 'percent' },
  ]);
  assert.equal(onlyFix(expectAt(c, 'lagin')).edits[0]!.newText, 'lagging');
  assert.equal(onlyFix(expectAt(c, 'monthly')).edits[0]!.newText, 'month');
  assert.equal(expectAt(c, 'xlsx').message, 'format must be one of csv, json, jsonl, parquet; got "xlsx".');
  assert.equal(expectAt(c, 'xlsx').fixes, undefined);
  assert.equal(expectAt(c, 'up', 'direction: ').message, 'direction must be one of increase, decrease; got "up".');
  assert.equal(expectAt(c, 'weeks').message, 'per must be one of seconds, minutes, hours, days; got "weeks".');
  assert.equal(
    expectAt(c, 'integer').message,
    'The type of column "score" must be one of number, string, boolean, date; got "integer".',
  );
});

test('applying the enum fix makes the value valid', () => {
  const c = check('wrong-values.yaml');
  const fixed = checkText(applyFix(c.text, onlyFix(expectAt(c, 'percentage'))));
  assert.ok(!fixed.findings.some((f) => f.message.startsWith('unit ')));
  assert.equal(fixed.findings.length, c.findings.length - 1);
});

test('id pattern: at the value, in plain words, with an example', () => {
  const c = check('wrong-values.yaml');
  assert.equal(
    expectAt(c, 'NPS').message,
    'id "NPS" must be lower-case letters, digits and _ and start with a letter (for example "nps").',
  );
  assert.equal(
    expectAt(c, 'Retain Customers').message,
    'id "Retain Customers" must be lower-case letters, digits and _ and start with a letter (for example "retain_customers").',
  );
});

test('dates: the shape YYYY-MM-DD, and a real calendar day', () => {
  const c = check('wrong-values.yaml');
  assert.equal(expectAt(c, '30/06/2026').message, 'due must be a date written YYYY-MM-DD; got "30/06/2026".');
  assert.equal(expectAt(c, '2025-02-30').message, 'as_of must be a real calendar date; there is no 2025-02-30.');
  // One finding for a value that is neither shaped like a date nor a date.
  assert.equal(c.findings.filter((f) => f.message.startsWith('due ')).length, 1);
});

test('currency: a capitalised ISO code, with a fix that capitalises', () => {
  const c = check('wrong-values.yaml');
  const f = expectAt(c, 'eur');
  assert.equal(f.message, 'currency must be a three-letter ISO 4217 code in capitals, such as EUR or USD; got "eur".');
  assert.equal(onlyFix(f).edits[0]!.newText, 'EUR');
});

test('wrong types: at the value, saying what is wanted and what was written', () => {
  const c = check('wrong-values.yaml');
  const title = expectAt(c, '2026', 'title: ');
  assert.equal(title.message, 'title must be text; got 2026. Put it in quotes to make it text.');
  assert.equal(onlyFix(title).edits[0]!.newText, '"2026"');
  const value = expectAt(c, '"50"');
  assert.equal(value.message, 'target value must be a number; got "50". Write it without quotes.');
  assert.equal(onlyFix(value).edits[0]!.newText, '50');
  assert.equal(expectAt(c, 'high').message, 'warning must be a number; got "high".');
  assert.equal(expectAt(c, 'cx-weekly').message, 'meta must be a map of keys and values; got "cx-weekly".');
  const tag = expectAt(c, '3', 'tags: [survey, ');
  assert.equal(tag.message, 'Entry 2 of tags must be text; got 3. Put it in quotes to make it text.');
});

test('a single goal id where a list is wanted: fix wraps it in brackets', () => {
  const c = check('wrong-values.yaml');
  const f = expectAt(c, 'retain_customers', 'goals: ');
  assert.equal(
    f.message,
    'goals must be a list; got "retain_customers". Write a list, even of one: [retain_customers].',
  );
  assert.equal(onlyFix(f).edits[0]!.newText, '[retain_customers]');
});

test('empty values: at the key', () => {
  const c = check('wrong-values.yaml');
  assert.equal(expectAt(c, 'owner').message, 'owner is empty; it must be text.');
  assert.equal(expectAt(c, '""', 'formula: ').message, 'formula must not be empty.');
  assert.equal(expectAt(c, '";;"').message, 'delimiter must be a single character, such as "," or ";"; got ";;".');
});

test('version must be the number 1', () => {
  const c = check('wrong-values.yaml');
  assert.equal(expectAt(c, '2', 'version: ').message, 'version must be 1; got 2.');
  const q = check('quoting.yaml');
  const f = expectAt(q, '"1"');
  assert.equal(f.message, 'version must be 1; got "1". Write it without quotes.');
  assert.equal(onlyFix(f).edits[0]!.newText, '1');
  assert.equal(onlyFix(expectAt(q, '123')).edits[0]!.newText, '"123"');
  const fixed = checkText(applyFix(applyFix(q.text, onlyFix(expectAt(q, '123'))), onlyFix(f)));
  assert.deepEqual(fixed.findings, []);
});

test('every finding of wrong-values.yaml is accounted for', () => {
  const c = check('wrong-values.yaml');
  // per: weeks is both not a time unit and, on a percentage KPI, not applicable (SPEC 8.8).
  assert.equal(c.findings.length, 24);
  const sorted = [...c.findings].sort((a, b) => a.range.start - b.range.start);
  assert.deepEqual(c.findings, sorted);
  for (const f of c.findings) {
    assert.equal(f.rule, 'schema');
    assert.ok(f.range.end > f.range.start, f.message);
    assert.ok(
      !/must NOT|must match|must be equal|additional properties/.test(f.message),
      `ajv wording leaked: ${f.message}`,
    );
  }
});
