import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDate, parseDateAt, parseDateTime } from '../../../src/core/data/dates';

// The regular-expression parser dates.ts had before it walked character codes, with the
// year 0..99 arithmetic done by setUTCFullYear(y, m, d) (the old code went through
// Date.UTC's 1900s and got 0000-02-29 wrong). Kept here as the reference, with the
// lower-case `t` and `z` that SPEC 8.6 (RFC 3339) settled.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?([Zz]|[+-]\d{2}:\d{2})?)?$/;
function reference(text: string): number | undefined {
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  let ms = d.getTime();
  if (m[4] === undefined) return ms;
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), m[6] === undefined ? 0 : Number(m[6])];
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  ms +=
    ((hour * 60 + minute) * 60 + second) * 1000 + (m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0')));
  const zone = m[8];
  if (zone && zone !== 'Z' && zone !== 'z') {
    const [zh, zm] = [Number(zone.slice(1, 3)), Number(zone.slice(4, 6))];
    if (zh > 23 || zm > 59) return undefined;
    ms -= (zone[0] === '-' ? -1 : 1) * (zh * 60 + zm) * 60_000;
  }
  return ms;
}

test('dates and date-times per SPEC', () => {
  assert.equal(parseDateTime('2025-03-07'), Date.UTC(2025, 2, 7));
  assert.equal(parseDateTime('2025-03-07T10:20'), Date.UTC(2025, 2, 7, 10, 20));
  assert.equal(parseDateTime('2025-03-07 10:20:30'), Date.UTC(2025, 2, 7, 10, 20, 30));
  assert.equal(parseDateTime('2025-03-07T10:20:30Z'), Date.UTC(2025, 2, 7, 10, 20, 30));
  assert.equal(parseDateTime('2025-03-07T10:20:30+02:00'), Date.UTC(2025, 2, 7, 8, 20, 30));
  assert.equal(parseDateTime('2025-03-07T23:30-01:30'), Date.UTC(2025, 2, 8, 1, 0));
  assert.equal(parseDateTime('2025-03-07T10:20:30.1239Z'), Date.UTC(2025, 2, 7, 10, 20, 30, 123), 'fraction truncated');
  assert.equal(parseDateTime('2025-03-07T10:20:30.9999999'), Date.UTC(2025, 2, 7, 10, 20, 30, 999), 'never rounded up');
  assert.equal(parseDateTime('2025-03-07T10:20:30.5'), Date.UTC(2025, 2, 7, 10, 20, 30, 500));
  assert.equal(parseDateTime('2024-02-29'), Date.UTC(2024, 1, 29));
  assert.equal(parseDateTime('2000-02-29'), Date.UTC(2000, 1, 29));
});

test('lower-case t and z are accepted, as RFC 3339 allows (SPEC 8.6)', () => {
  assert.equal(parseDateTime('2025-01-05t10:00z'), Date.UTC(2025, 0, 5, 10, 0));
  assert.equal(parseDateTime('2025-01-05t10:00'), Date.UTC(2025, 0, 5, 10, 0));
  assert.equal(parseDateTime('2025-03-07t10:20'), Date.UTC(2025, 2, 7, 10, 20));
  assert.equal(parseDateTime('2025-03-07T10:20z'), Date.UTC(2025, 2, 7, 10, 20));
  assert.equal(parseDateTime('2025-03-07 10:20:30.5z'), Date.UTC(2025, 2, 7, 10, 20, 30, 500));
  assert.equal(parseDateTime('2025-03-07t23:30-01:30'), Date.UTC(2025, 2, 8, 1, 0));
});

test('not dates', () => {
  for (const text of [
    '2025-02-30',
    '2025-02-29',
    '1900-02-29',
    '2025-13-01',
    '2025-00-10',
    '2025-04-31',
    '2025-03',
    '2025-3-07',
    '25-03-07',
    '2025-03-07T',
    '2025-03-07T10',
    '2025-03-07T24:00',
    '2025-03-07T10:60',
    '2025-03-07T10:20:60',
    '2025-03-07T10:20.5',
    '2025-03-07T10:20:30.',
    '2025-03-07T10:20:30+0200',
    '2025-03-07T10:20:30+24:00',
    '2025-03-07Z',
    '2025-03-07z',
    '2025-03-07t',
    '2025-03-07t10',
    '2025-03-07T10:20zz',
    '2025-03-07x10:20',
    '2025-03-07T10:20Zz',
    '2025-03-07 ',
    ' 2025-03-07',
    '2025/03/07',
    '',
    '2025-03-07T10:20:30+02:00x',
    '٢٠٢٥-03-07',
    '20a5-03-07',
  ]) {
    assert.equal(parseDateTime(text), undefined, text);
  }
});

test('years 0..99 are those years, not 1900..1999 (0000-02-29 was March 1st before the fix)', () => {
  const expected = new Date(0);
  expected.setUTCFullYear(0, 1, 29);
  assert.equal(parseDateTime('0000-02-29'), expected.getTime());
  assert.equal(new Date(parseDateTime('0000-02-29')!).toISOString(), '0000-02-29T00:00:00.000Z');
  assert.equal(new Date(parseDateTime('0099-12-31T23:59:59Z')!).toISOString(), '0099-12-31T23:59:59.000Z');
  assert.equal(parseDateTime('0001-02-29'), undefined);
  assert.equal(new Date(parseDateTime('9999-12-31')!).toISOString(), '9999-12-31T00:00:00.000Z');
});

test('parseDateAt reads a slice without creating it', () => {
  const text = 'x,2025-03-07T10:20Z,y';
  assert.equal(parseDateAt(text, 2, 19), Date.UTC(2025, 2, 7, 10, 20));
  assert.ok(Number.isNaN(parseDateAt(text, 2, 20)));
  assert.ok(Number.isNaN(parseDateAt(text, 0, 10)));
});

test('isDate is date-only', () => {
  assert.equal(isDate('2025-03-07'), true);
  assert.equal(isDate('2025-02-30'), false);
  assert.equal(isDate('2025-03-07T10:00'), false);
});

test('same answers as the regular-expression reference on 200,000 generated strings', () => {
  let seed = 12345;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const pick = (...xs: string[]): string => xs[random(xs.length)]!;
  const d2 = (): string =>
    pick('00', '01', '09', '10', '12', '13', '23', '24', '28', '29', '30', '31', '59', '60', '99', '1', '1a');
  for (let i = 0; i < 200_000; i++) {
    let s = `${pick('2025', '2024', '1900', '2000', '0000', '0004', '9999', '202', '20x5')}-${d2()}-${d2()}`;
    if (random(4) > 0) {
      s += `${pick('T', ' ', 't', '', 'x')}${d2()}:${d2()}`;
      if (random(2)) s += `:${d2()}`;
      if (random(3) === 0) s += `.${pick('', '5', '12', '123', '1234567', 'x')}`;
      if (random(2)) s += pick('Z', '+02:00', '-05:30', '+24:00', '-00:60', '+0200', 'z', '+02:00Z', ' ', 'zz', 'x');
    }
    assert.equal(parseDateTime(s), reference(s), s);
  }
});
