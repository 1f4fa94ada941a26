/**
 * Binary64 arithmetic as IEEE 754 (and so the core) gives it, for an engine whose double
 * operators raise an error instead: PostgreSQL fails `1e308 * 10` ("value out of range:
 * overflow"), `1e-200 * 1e-200` (underflow), a SUM whose total passes ±1.8e308, and even an
 * AVG of values above ~1e154 (it also sums their squares). Written in standard SQL that never
 * overflows or underflows itself:
 *   + −   when an operand passes 2^1022, the halves are added (exact: halving is) and the
 *         total is ±infinity when the half-sum reaches 2^1023;
 *   × ÷   each operand is first scaled by 2^∓600 into [2^-500, 2^500] (exact), the scaled
 *         product or quotient cannot leave the normal range, and scaling it back gives
 *         ±infinity or 0 where the exact one would (a result in the subnormal range may be
 *         rounded twice: off by at most one unit of 2^-1074);
 *   SUM   of the values scaled by 2^-64 (those below 2^-900, which scaling would underflow,
 *         summed apart), ±infinity when that sum reaches 2^960.
 * Operands are named once in a scalar sub-select, so nested arithmetic does not repeat them.
 * Infinities and NaN in the operands never raise: IEEE results follow.
 */
import type { ArithmeticOperator } from '../dialect';

export interface IeeeArithmetic {
  arithmetic(op: ArithmeticOperator, a: string, b: string): string;
  sumDouble(x: string): string;
}

/** The forms for a dialect with these literals and quoting. */
export function ieeeArithmetic(number: (value: number) => string, ident: (name: string) => string): IeeeArithmetic {
  const n = number;
  const pow2 = (k: number): string => n(2 ** k);
  const inf = n(Infinity);
  const [l, r, p, e, s, t, v, o] = ['ieee_l', 'ieee_r', 'ieee_p', 'ieee_e', 'ieee_s', 'ieee_t', 'ieee_v', 'ieee'].map(
    ident,
  ) as [string, string, string, string, string, string, string, string];
  const bind = (body: string, values: [string, string][], from = ''): string =>
    `(SELECT ${body} FROM (SELECT ${values.map(([sql, name]) => `${sql} AS ${name}`).join(', ')}${from}) AS ${o})`;

  function addSub(op: '+' | '-', a: string, b: string): string {
    // With an operand above 2^1022 one below 1 cannot change the sum (it is under half a unit): 0 then.
    const half = (x: string): string => `CASE WHEN ABS(${x}) < ${n(1)} THEN ${n(0)} ELSE ${x} END * ${n(0.5)}`;
    const h = `(${half(l)} ${op} ${half(r)})`;
    const big = `CASE WHEN ABS(${h}) >= ${pow2(1023)} THEN SIGN(${h}) * ${inf} ELSE ${h} * ${n(2)} END`;
    const body = `CASE WHEN ABS(${l}) <= ${pow2(1022)} AND ABS(${r}) <= ${pow2(1022)} THEN ${l} ${op} ${r} ELSE ${big} END`;
    return bind(body, [
      [a, l],
      [b, r],
    ]);
  }

  function mulDiv(op: '*' | '/', a: string, b: string): string {
    const factor = (x: string): string =>
      `CASE WHEN ABS(${x}) > ${pow2(500)} THEN ${pow2(-600)} WHEN ABS(${x}) < ${pow2(-500)} THEN ${pow2(600)} ELSE ${n(1)} END`;
    const exponent = (x: string): string =>
      `CASE WHEN ABS(${x}) > ${pow2(500)} THEN ${n(600)} WHEN ABS(${x}) < ${pow2(-500)} THEN ${n(-600)} ELSE ${n(0)} END`;
    const scaled = `(${l} * ${factor(l)}) ${op} (${r} * ${factor(r)})`;
    const e2 = `(${exponent(l)}) ${op === '*' ? '+' : '-'} (${exponent(r)})`;
    const back = `${p} * POWER(${n(2)}, ${e} / ${n(2)}) * POWER(${n(2)}, ${e} / ${n(2)})`;
    const body =
      `CASE WHEN ${e} = ${n(0)} THEN ${p} ` +
      `WHEN ${e} > ${n(0)} THEN CASE WHEN ABS(${p}) >= POWER(${n(2)}, ${n(1024)} - ${e}) THEN SIGN(${p}) * ${inf} ELSE ${back} END ` +
      `ELSE CASE WHEN ABS(${p}) <= POWER(${n(2)}, ${n(-1075)} - ${e}) THEN SIGN(${p}) * ${n(0)} ELSE ${back} END END`;
    const inner = `(SELECT ${a} AS ${l}, ${b} AS ${r}) AS ${ident('ieee_o')}`;
    return bind(
      body,
      [
        [scaled, p],
        [e2, e],
      ],
      ` FROM ${inner}`,
    );
  }

  return {
    arithmetic: (op, a, b) => (op === '+' || op === '-' ? addSub(op, a, b) : mulDiv(op, a, b)),
    sumDouble: (x) => {
      const part = (when: string, value: string): string =>
        `SUM((SELECT CASE WHEN ${when} THEN ${value} END FROM (SELECT ${x} AS ${v}) AS ${o}))`;
      const big = part(`ABS(${v}) >= ${pow2(-900)}`, `${v} * ${pow2(-64)}`);
      const small = part(`ABS(${v}) < ${pow2(-900)}`, v);
      const body =
        `CASE WHEN ABS(${s}) >= ${pow2(960)} THEN SIGN(${s}) * ${inf} ` +
        `ELSE COALESCE(${s} * ${pow2(64)}, ${n(0)}) + COALESCE(${t}, ${n(0)}) END`;
      return bind(body, [
        [big, s],
        [small, t],
      ]);
    },
  };
}
