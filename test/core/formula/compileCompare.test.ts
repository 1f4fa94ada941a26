// compareCodePoints: text order by Unicode code point (SPEC 8.4), including the surrogate
// code points U+D800-U+DFFF of a lone surrogate, which JSON data can hold ("\ud800").
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareCodePoints } from '../../../src/core/formula/compileCompare';

/** The sign of a comparison by code point, computed the slow way. */
function expected(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0)!);
  const y = Array.from(b, (c) => c.codePointAt(0)!);
  for (let k = 0; k < Math.min(x.length, y.length); k++) if (x[k] !== y[k]) return Math.sign(x[k]! - y[k]!);
  return Math.sign(x.length - y.length);
}

const TEXTS = [
  '',
  'a',
  'b',
  'ab',
  '\uFF5E',
  '\uE000',
  '\u{1F600}',
  '\u{10FFFF}',
  '\ud800',
  '\ud800x',
  '\udc00',
  '\ud83d\ud83d',
  '\ud83dA',
  'x\udfff',
];

test('lone surrogates sort as their own code points (U+D800 before U+E000 and U+FF5E)', () => {
  assert.ok(compareCodePoints('\ud800x', '\uFF5E') < 0, 'U+D800 < U+FF5E');
  assert.ok(compareCodePoints('\udc00', '\uE000') < 0, 'U+DC00 < U+E000');
  assert.ok(compareCodePoints('\ud83dA', '\u{1F600}') < 0, 'U+D83D U+0041 < U+1F600');
});

test('every pair of texts, including pairs and lone surrogates, orders as by code point', () => {
  for (const a of TEXTS)
    for (const b of TEXTS)
      assert.equal(Math.sign(compareCodePoints(a, b)), expected(a, b), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
});
