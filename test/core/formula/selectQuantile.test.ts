// selectQuantile (quickselect) must give quantileOfSorted's answer on the sorted values, to
// the bit: random groups with duplicates, infinities, -0 and adversarial orders.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { mulberry32 } from '../../../src/core/common/random';
import { quantileOfSorted } from '../../../src/core/formula/aggregates';
import { selectQuantile } from '../../../src/core/formula/selectQuantile';

function bySort(values: Float64Array, q: number): number {
  return quantileOfSorted(Float64Array.from(values).sort(), q);
}

test('hand-computed quantiles: median of 1..4 is 2.5, p90 of 1..11 is 10, one value is itself', () => {
  assert.equal(selectQuantile(Float64Array.from([4, 1, 3, 2]), 0.5), 2.5);
  assert.equal(selectQuantile(Float64Array.from([11, 1, 10, 2, 9, 3, 8, 4, 7, 5, 6]), 0.9), 10);
  assert.equal(selectQuantile(Float64Array.from([7]), 0.3), 7);
  assert.ok(Number.isNaN(selectQuantile(new Float64Array(0), 0.5)));
});

test('the same value as a full sort on random, repeated, sorted, reversed and -0 groups', () => {
  const next = mulberry32(42);
  const kinds: ((n: number) => Float64Array)[] = [
    (n) => Float64Array.from({ length: n }, () => Math.floor(next() * 1000) / 7),
    (n) => Float64Array.from({ length: n }, () => Math.floor(next() * 3)), // many duplicates
    (n) => Float64Array.from({ length: n }, (_, i) => i), // sorted
    (n) => Float64Array.from({ length: n }, (_, i) => n - i), // reversed
    (n) => Float64Array.from({ length: n }, (_, i) => (i % 2 === 0 ? i : -i)), // organ pipe-ish
    (n) => Float64Array.from({ length: n }, () => [-Infinity, Infinity, 1, -1][Math.floor(next() * 4)]!),
    (n) => Float64Array.from({ length: n }, () => [0, -0, 1, -1][Math.floor(next() * 4)]!),
    (n) => Float64Array.from({ length: n }, () => 5), // all equal
  ];
  for (const make of kinds) {
    for (const n of [1, 2, 3, 5, 16, 17, 18, 33, 100, 1000, 20_000]) {
      const values = make(n);
      for (const q of [0, 0.1, 0.25, 0.5, 0.9, 0.99, 1]) {
        const want = bySort(values, q);
        const got = selectQuantile(Float64Array.from(values), q);
        assert.ok(Object.is(got, want), `n ${n}, q ${q}: ${got} !== ${want}`);
      }
    }
  }
});
