/**
 * Binary64 arithmetic as IEEE 754 (and so the core) gives it, for an engine whose double
 * operators raise an error instead: PostgreSQL fails `1e308 * 10` ("value out of range:
 * overflow"), `1e-200 * 1e-200` (underflow), a SUM whose total passes ±1.8e308, and even an
 * AVG of values above ~1e154 (it also sums their squares). Written in standard SQL that never
 * overflows or underflows itself. Each operator is the engine's own on rows whose operands
 * cannot overflow or underflow (below 2^1022 for + −, within [2^-500, 2^500] for × ÷), and
 * an exact form, in a sub-select that runs only there, on the others:
 *   + −   the halves are added (exact: halving is; an operand below 1 cannot change the sum
 *         and is 0) and the total is ±infinity when the half-sum reaches 2^1023;
 *   × ÷   each operand is first scaled by 2^∓600 into [2^-500, 2^500] (exact), the scaled
 *         product or quotient cannot leave the normal range, and scaling it back gives
 *         ±infinity or 0 where the exact one would (a result in the subnormal range may be
 *         rounded twice: off by at most one unit of 2^-1074);
 *   SUM   of the values scaled by 2^-64, ±infinity when that sum reaches 2^960; values
 *         below 2^-958, whose scaled value would lose bits or underflow, count as 0.
 * Operands longer than INLINE are named once in a sub-select first, so that nested
 * arithmetic does not triple its text at each level. Infinities and NaN never raise: IEEE
 * results follow. Measured on 1M rows (PostgreSQL 15, JIT off): sum(a * b) ~0.22 s against
 * 0.06 s natively, sum(a * b - a / b) ~1.3 s against 0.08 s.
 */
import type { ArithmeticOperator } from '../dialect';

export interface IeeeArithmetic {
  arithmetic(op: ArithmeticOperator, a: string, b: string): string;
  sumDouble(x: string): string;
}

/** Operands up to this long together are written as they are (three times each); longer ones are named. */
const INLINE = 400;

/** The forms for a dialect with these literals and quoting. */
export function ieeeArithmetic(number: (value: number) => string, ident: (name: string) => string): IeeeArithmetic {
  const n = number;
  const pow2 = (k: number): string => n(2 ** k);
  const inf = n(Infinity);

  /**
   * `body` over values named once in a scalar sub-select (each is then read, not recomputed,
   * however often `body` uses it). OFFSET 0 keeps PostgreSQL's planner from pulling the
   * sub-select up into each use, which would bring the repetition back.
   */
  function named(values: readonly string[], body: (names: string[]) => string, level: number): string {
    const names = values.map((_, i) => ident(`ieee_${level}_${i + 1}`));
    const select = values.map((v, i) => `${v} AS ${names[i]!}`).join(', ');
    return `(SELECT ${body(names)} FROM (SELECT ${select} OFFSET 0) AS ${ident(`ieee_${level}`)})`;
  }

  /**
   * The engine's own `l op r` unless `risky` (a test that may be null: then the engine's,
   * which gives null too); the exact form, in a sub-select, only on the risky rows. Short
   * operands are written three times; longer ones are named once first (a sub-select per
   * row, but the text stays linear in the formula's: nested, each level would triple it).
   */
  function guarded(
    op: ArithmeticOperator,
    l: string,
    r: string,
    risky: (l: string, r: string) => string,
    exact: (l: string, r: string) => string,
  ): string {
    const form = (a: string, b: string): string =>
      `(CASE WHEN ${risky(a, b)} THEN ${named([a, b], ([x, y]) => exact(x!, y!), 1)} ELSE ${a} ${op} ${b} END)`;
    if (l.length + r.length <= INLINE) return form(l, r);
    return named([l, r], ([a, b]) => form(a!, b!), 0);
  }

  /** + or − for operands of which one passes 2^1022 (or is NaN). */
  function addSub(op: '+' | '-', l: string, r: string): string {
    // With an operand above 2^1022 one below 1 cannot change the sum (it is under half a unit): 0 then.
    const half = (x: string): string => `CASE WHEN ABS(${x}) < ${n(1)} THEN ${n(0)} ELSE ${x} END * ${n(0.5)}`;
    const h = `(${half(l)} ${op} ${half(r)})`;
    return `CASE WHEN ABS(${h}) >= ${pow2(1023)} THEN SIGN(${h}) * ${inf} ELSE ${h} * ${n(2)} END`;
  }

  /** × or ÷ for any operands (the risky ones: 0, NaN, infinities, or outside [2^-500, 2^500]). */
  function mulDiv(op: '*' | '/', l: string, r: string): string {
    const factor = (x: string): string =>
      `CASE WHEN ABS(${x}) > ${pow2(500)} THEN ${pow2(-600)} WHEN ABS(${x}) < ${pow2(-500)} THEN ${pow2(600)} ELSE ${n(1)} END`;
    const exponent = (x: string): string =>
      `CASE WHEN ABS(${x}) > ${pow2(500)} THEN ${n(600)} WHEN ABS(${x}) < ${pow2(-500)} THEN ${n(-600)} ELSE ${n(0)} END`;
    // The scaled result and the power of two it is to be scaled back by.
    const p = `((${l} * ${factor(l)}) ${op} (${r} * ${factor(r)}))`;
    const e = `((${exponent(l)}) ${op === '*' ? '+' : '-'} (${exponent(r)}))`;
    return named(
      [p, e],
      ([p, e]) => {
        const back = `${p!} * POWER(${n(2)}, ${e!} / ${n(2)}) * POWER(${n(2)}, ${e!} / ${n(2)})`;
        return (
          `CASE WHEN ${e!} = ${n(0)} THEN ${p!} ` +
          `WHEN ${e!} > ${n(0)} THEN CASE WHEN ABS(${p!}) >= POWER(${n(2)}, ${n(1024)} - ${e!}) THEN SIGN(${p!}) * ${inf} ELSE ${back} END ` +
          `ELSE CASE WHEN ABS(${p!}) <= POWER(${n(2)}, ${n(-1075)} - ${e!}) THEN SIGN(${p!}) * ${n(0)} ELSE ${back} END END`
        );
      },
      2,
    );
  }

  const moderate = (x: string): string => `ABS(${x}) BETWEEN ${pow2(-500)} AND ${pow2(500)}`;

  return {
    arithmetic: (op, l, r) =>
      op === '+' || op === '-'
        ? guarded(
            op,
            l,
            r,
            (a, b) => `ABS(${a}) > ${pow2(1022)} OR ABS(${b}) > ${pow2(1022)}`,
            (a, b) => addSub(op, a, b),
          )
        : guarded(
            op,
            l,
            r,
            (a, b) => `NOT (${moderate(a)}) OR NOT (${moderate(b)})`,
            (a, b) => mulDiv(op, a, b),
          ),
    sumDouble: (x) => {
      // x is written twice, never nested; values below 2^-958, whose scaled value would lose
      // bits or underflow (an error), count as 0: a sum of only such values is 0.
      // The SUM is named once: PostgreSQL computes copies of an aggregate holding a sub-select apart.
      const scaled = `SUM(CASE WHEN ABS(${x}) >= ${pow2(-958)} THEN ${x} * ${pow2(-64)} END)`;
      return named(
        [scaled],
        ([s]) =>
          `CASE WHEN ABS(${s!}) >= ${pow2(960)} THEN SIGN(${s!}) * ${inf} ELSE COALESCE(${s!} * ${pow2(64)}, ${n(0)}) END`,
        3,
      );
    },
  };
}
