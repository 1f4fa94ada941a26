/**
 * The one seeded pseudo-random generator (mulberry32) of the product, its tests and its
 * scripts: the same seed gives the same numbers on every machine, so generated samples,
 * starter data, fuzz cases and benchmark inputs are reproducible.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A whole number from 0 to n − 1, from a generator. */
export function randomInt(next: () => number, n: number): number {
  return Math.floor(next() * n);
}
