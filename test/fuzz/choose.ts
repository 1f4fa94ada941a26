/** Small helpers over the product's seeded generator: pick, chance, whole numbers in a range. */
import { randomInt } from '../../src/core/common/random';

export type Next = () => number;

export function pick<T>(next: Next, items: readonly T[]): T {
  return items[randomInt(next, items.length)]!;
}

/** True with probability p. */
export function chance(next: Next, p: number): boolean {
  return next() < p;
}

/** A whole number from lo to hi, both included. */
export function between(next: Next, lo: number, hi: number): number {
  return lo + randomInt(next, hi - lo + 1);
}

/** Picks by weight: `[[3, 'a'], [1, 'b']]` gives 'a' three times as often. */
export function weighted<T>(next: Next, choices: readonly (readonly [number, T])[]): T {
  const total = choices.reduce((s, [w]) => s + w, 0);
  let r = next() * total;
  for (const [w, item] of choices) {
    if ((r -= w) < 0) return item;
  }
  return choices[choices.length - 1]![1];
}

/** Odd text: unicode beyond the BMP, combining marks, tabs, control characters, lone surrogates. */
export const ODD_TEXT = [
  '',
  ' ',
  '\t',
  'é',
  'e\u0301',
  '😀',
  '\u{10FFFF}',
  '\uFF5E',
  '\ud800',
  '\udc00',
  '\u0000',
  '\u200b',
  '\ufeff',
  '\u2028',
  '\r\n',
  '\n',
  '"',
  "'",
  '`',
  '\\',
  '#',
  ': ',
  '- ',
  '&a',
  '*a',
  '!!str',
  '{',
  '[',
  '%',
  '@',
  'ß',
  'İ',
  '日本',
];

export function oddText(next: Next, maxParts = 4): string {
  let s = '';
  const n = between(next, 1, maxParts);
  for (let k = 0; k < n; k++) s += chance(next, 0.5) ? pick(next, ODD_TEXT) : pick(next, ['a', 'x_1', 'Zz', '9', '-']);
  return s;
}
