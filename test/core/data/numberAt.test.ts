// numberAt checks and reads a number in one pass: it must agree with isNumberAt and
// parseNumberAt (the value, or NaN where isNumberAt says no) on every text, to the bit.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { mulberry32 } from '../../../src/core/common/random';
import { isNumberAt, numberAt, parseNumberAt } from '../../../src/core/data/infer';

function expected(text: string): number {
  return isNumberAt(text, 0, text.length) ? parseNumberAt(text, 0, text.length) : NaN;
}

test('numberAt on hand-picked texts', () => {
  const cases: [string, number][] = [
    ['12', 12],
    ['-0', -0],
    ['+5', 5],
    ['.5', 0.5],
    ['5.', 5],
    ['1e3', 1000],
    ['1.5E-2', 0.015],
    ['1234567890123456789', Number('1234567890123456789')],
    ['0.1', 0.1],
  ];
  for (const [text, value] of cases) assert.ok(Object.is(numberAt(text, 0, text.length), value), text);
  for (const text of [
    '',
    '+',
    '-',
    '.',
    'e5',
    '1e',
    '1e+',
    '0x10',
    ' 1',
    '1 ',
    'Infinity',
    'NaN',
    '1,5',
    '--1',
    '1.2.3',
  ])
    assert.ok(Number.isNaN(numberAt(text, 0, text.length)), JSON.stringify(text));
});

test('numberAt agrees with isNumberAt + parseNumberAt on 200,000 random texts, also inside a longer text', () => {
  const next = mulberry32(7);
  const alphabet = ['0', '1', '5', '9', '.', '-', '+', 'e', 'E', ' ', 'x', '0', '7', '3'];
  for (let i = 0; i < 200_000; i++) {
    const length = Math.floor(next() * 22);
    let text = '';
    for (let k = 0; k < length; k++) text += alphabet[Math.floor(next() * alphabet.length)];
    assert.ok(Object.is(numberAt(text, 0, text.length), expected(text)), JSON.stringify(text));
    const padded = `9${text}9`;
    const inside = numberAt(padded, 1, padded.length - 1);
    const want = isNumberAt(padded, 1, padded.length - 1) ? parseNumberAt(padded, 1, padded.length - 1) : NaN;
    assert.ok(Object.is(inside, want), JSON.stringify(padded));
  }
});
