/**
 * Random token sequences for the formula lexer and parser: real tokens in any order (names,
 * numbers, strings, keywords, operators, calls, `where`), broken ones (unterminated quotes
 * and back quotes, bad escapes, stray characters), and generated formulas cut or spliced.
 */
import { between, chance, oddText, pick, weighted, type Next } from './choose';

const TOKENS = [
  'sum',
  'avg',
  'count',
  'pct',
  'share',
  'min',
  'max',
  'median',
  'percentile',
  'count_distinct',
  'abs',
  'round',
  'floor',
  'ceil',
  'coalesce',
  'if',
  'days_between',
  'hours_between',
  'minutes_between',
  'summ',
  'Count',
  'x',
  'score',
  'channel',
  'created_at',
  'nps',
  'aht',
  '_',
  'and',
  'or',
  'not',
  'in',
  'where',
  'true',
  'false',
  'null',
  'True',
  'NULL',
  '(',
  ')',
  '(',
  ')',
  ',',
  '+',
  '-',
  '*',
  '/',
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  '=',
  '!',
  '&&',
  '||',
  '%',
  '^',
  '.',
  '0',
  '1',
  '9',
  '1.5',
  '.5',
  '1e3',
  '1e',
  '1e+',
  '1.2.3',
  '00',
  '1e400',
  '0x10',
  '"a"',
  "'b'",
  '"2025-01-01"',
  '"2025-02-30"',
  '"\\"q\\""',
  "'\\''",
  '"\\\\"',
  '"\\n"',
  '"',
  "'",
  '`',
  '`a b`',
  '`',
  '``',
  '#',
  ';',
  '\t',
  '\n',
  '\u00a0',
];

export function tokenSoup(next: Next): string {
  const n = weighted(next, [
    [4, () => between(next, 1, 8)],
    [3, () => between(next, 9, 30)],
    [0.5, () => between(next, 200, 2000)],
  ] as const)();
  const parts: string[] = [];
  for (let k = 0; k < n; k++) {
    parts.push(chance(next, 0.05) ? oddText(next, 2) : pick(next, TOKENS));
    parts.push(pick(next, ['', ' ', ' ', '  ', '\t']));
  }
  return parts.join('');
}

/** A formula cut at a random place, or with a piece of itself spliced in elsewhere. */
export function spliced(next: Next, text: string): string {
  const a = between(next, 0, text.length);
  const b = between(next, 0, text.length);
  if (chance(next, 0.4)) return text.slice(0, a);
  if (chance(next, 0.5)) return text.slice(0, a) + text.slice(Math.min(a, b), Math.max(a, b)) + text.slice(a);
  return text.slice(0, a) + pick(next, TOKENS) + text.slice(a);
}

/** Very deep nesting: parentheses, unary minus, not, calls. */
export function deep(next: Next): string {
  const depth = between(next, 50, 3000);
  const [open, close] = pick(next, [
    ['(', ')'],
    ['-', ''],
    ['not ', ''],
    ['abs(', ')'],
    ['sum(', ')'],
    ['coalesce(1, ', ')'],
  ] as const);
  return (
    open.repeat(depth) + pick(next, ['x', '1', 'count()', 'true']) + close.repeat(chance(next, 0.8) ? depth : depth - 1)
  );
}
