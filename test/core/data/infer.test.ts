import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { booleanAt, isNumberAt, parseNumberAt } from '../../../src/core/data/infer';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

test('the number check is exactly the SPEC regular expression', () => {
  const yes = ['0', '1e5', '.5', '+3', '1.', '-2E-3', '007', '1.5e+10', '-0', '12345678901234567890'];
  const no = [
    '',
    '.',
    '+',
    '-',
    'e5',
    '1e',
    '1e+',
    '1..2',
    '1.2.3',
    ' 1',
    '1 ',
    '0x10',
    'NaN',
    'Infinity',
    '1,5',
    '١',
    '+-1',
    '1e5.5',
    '.e1',
  ];
  for (const s of yes) assert.equal(isNumberAt(s, 0, s.length), true, s);
  for (const s of no) assert.equal(isNumberAt(s, 0, s.length), false, s);
  // Exhaustively over every string of up to 5 characters from a small alphabet.
  const alphabet = ['1', '0', '.', 'e', 'E', '+', '-', 'x'];
  let strings = [''];
  for (let len = 1; len <= 5; len++) {
    strings = strings.flatMap((s) => alphabet.map((c) => s + c));
    for (const s of strings) assert.equal(isNumberAt(s, 0, s.length), NUMBER.test(s), JSON.stringify(s));
  }
});

test('the number check reads only its slice', () => {
  assert.equal(isNumberAt('12,34', 0, 2), true);
  assert.equal(isNumberAt('1e,5', 0, 2), false);
  assert.equal(isNumberAt('x+3.5y', 1, 5), true);
});

test('numbers parse to the same double as Number()', () => {
  const samples = [
    '0',
    '-0',
    '1e5',
    '.5',
    '+3',
    '1.',
    '-2E-3',
    '0.1',
    '0.3',
    '123456789012345',
    '1234567890123456',
    '9007199254740993',
    '3.14159265358979',
    '2.675',
    '1e-300',
    '1e400',
    '-1e400',
    '0.000001234',
    '99999999999999.9',
    '007',
  ];
  let seed = 7;
  for (let i = 0; i < 50_000; i++) {
    seed = (seed * 48271) % 2147483647;
    const digits = String(seed);
    const cut = seed % (digits.length + 1);
    samples.push(`${seed % 3 === 0 ? '-' : ''}${digits.slice(0, cut)}.${digits.slice(cut)}`);
  }
  for (const s of samples) {
    if (!isNumberAt(s, 0, s.length)) continue;
    assert.ok(Object.is(parseNumberAt(s, 0, s.length), Number(s)), s);
  }
});

test('booleans are true/false in any case', () => {
  for (const s of ['true', 'TRUE', 'True', 'tRuE']) assert.equal(booleanAt(s, 0, s.length), 1, s);
  for (const s of ['false', 'FALSE', 'False']) assert.equal(booleanAt(s, 0, s.length), 0, s);
  for (const s of [
    'yes',
    'no',
    't',
    'f',
    '1',
    '0',
    'truee',
    'fals',
    ' true',
    'TRUE ',
    'tru3',
    't\u0052ue'.replace('R', '2'),
  ]) {
    assert.equal(booleanAt(s, 0, s.length), -1, s);
  }
});
