/** Compiles function calls: scalar functions here, aggregates through the environment. */
import { MS_PER_DAY } from '../data/dates';
import { BOOL_NULL, BOOL_TRUE } from '../data/table';
import type { Call } from './ast';
import type { CompileEnv } from './compile';
import { compile } from './compile';
import { dateIfLiteral } from './compileCompare';
import {
  asBoolean,
  asNumber,
  nullOf,
  numberConst,
  UncheckedFormulaError,
  type Compiled,
  type CompiledNumber,
  type NumFn,
} from './compiled';
import { functionInfo } from './functions';

const MS_PER_UNIT: Record<string, number> = {
  days_between: MS_PER_DAY,
  hours_between: 3_600_000,
  minutes_between: 60_000,
};

export function compileCall(call: Call, env: CompileEnv): Compiled {
  const info = functionInfo(call.name);
  if (!info) throw new UncheckedFormulaError(`unknown function ${call.name}`);
  if (info.aggregate) return env.aggregate(call);
  const args = call.args.map((arg) => compile(arg, env));
  switch (call.name) {
    case 'abs':
      return map1(asNumber(args[0]!, 'abs'), Math.abs);
    case 'floor':
      return map1(asNumber(args[0]!, 'floor'), Math.floor);
    case 'ceil':
      return map1(asNumber(args[0]!, 'ceil'), Math.ceil);
    case 'round': {
      const x = asNumber(args[0]!, 'round');
      if (args.length === 1) return map1(x, (v) => roundHalfAway(v, 0));
      const fx = x.f;
      const fd = asNumber(args[1]!, 'round').f;
      return { type: 'number', f: (i) => roundHalfAway(fx(i), fd(i)) };
    }
    case 'coalesce':
      return coalesce(args);
    case 'if':
      return choose(asBoolean(args[0]!, 'if').f, args[1]!, args[2]!);
    default: {
      const unit = MS_PER_UNIT[call.name];
      if (unit === undefined) throw new UncheckedFormulaError(`no compiler for ${call.name}`);
      const fa = asDate(args[0]!);
      const fb = asDate(args[1]!);
      return { type: 'number', f: (i) => (fb(i) - fa(i)) / unit };
    }
  }
}

function map1(c: CompiledNumber, op: (v: number) => number): CompiledNumber {
  if (c.literal !== undefined) return numberConst(op(c.literal));
  const f = c.f;
  return { type: 'number', f: (i) => op(f(i)) };
}

function asDate(c: Compiled): NumFn {
  const d = dateIfLiteral(c, { type: 'date', f: () => NaN });
  return asNumber(d, 'a *_between function').f;
}

/**
 * Rounds half away from zero on the binary64 value x·10^d (x / 10^-d for negative d),
 * then scales back: round(2.675, 2) = 2.68 because 2.675 × 100 is exactly 267.5 in
 * binary64. Digits are truncated to an integer; -0 becomes 0.
 */
export function roundHalfAway(x: number, digits: number): number {
  if (x !== x || digits !== digits) return NaN;
  const d = Math.trunc(digits);
  if (d === 0) return roundScaled(x);
  if (d > 0) {
    const m = 10 ** d;
    const y = x * m;
    return Number.isFinite(y) ? roundScaled(y) / m : x;
  }
  const m = 10 ** -d;
  return Number.isFinite(m) ? roundScaled(x / m) * m : 0;
}

function roundScaled(y: number): number {
  const a = Math.abs(y);
  const f = Math.floor(a);
  const r = a - f >= 0.5 ? f + 1 : f;
  return y < 0 && r !== 0 ? -r : r;
}

/** The arguments as one type, string literals read as dates where the others are dates. */
function unified(args: Compiled[]): Compiled[] | undefined {
  const typed =
    args.find((a) => a.type !== 'null' && !(a.type === 'string' && a.literal !== undefined)) ??
    args.find((a) => a.type !== 'null');
  if (!typed || typed.type === 'null') return undefined;
  const type = typed.type;
  return args.map((a) => (a.type === 'null' ? nullOf(type) : dateIfLiteral(a, typed)));
}

function coalesce(argsIn: Compiled[]): Compiled {
  const args = unified(argsIn);
  if (!args) return { type: 'null' };
  const first = args[0]!;
  if (first.type === 'string') {
    const fs = args.map((a) => (a.type === 'string' ? a.f : () => null));
    return {
      type: 'string',
      f: (i) => {
        for (const f of fs) {
          const v = f(i);
          if (v !== null) return v;
        }
        return null;
      },
    };
  }
  if (first.type === 'null') return first;
  const isBoolean = first.type === 'boolean';
  const fs = args.map((a) => (a.type === 'string' || a.type === 'null' ? () => NaN : a.f));
  const f: NumFn = isBoolean
    ? (i) => {
        for (const g of fs) {
          const v = g(i);
          if (v !== BOOL_NULL) return v;
        }
        return BOOL_NULL;
      }
    : (i) => {
        for (const g of fs) {
          const v = g(i);
          if (v === v) return v;
        }
        return NaN;
      };
  return { type: first.type, f };
}

/** if(P, a, b): only the branch returned is evaluated; a null P returns b. */
function choose(p: NumFn, aIn: Compiled, bIn: Compiled): Compiled {
  const both = unified([aIn, bIn]);
  if (!both) return { type: 'null' };
  const [a, b] = both as [Compiled, Compiled];
  if (a.type === 'string' && b.type === 'string') {
    const fa = a.f;
    const fb = b.f;
    return { type: 'string', f: (i) => (p(i) === BOOL_TRUE ? fa(i) : fb(i)) };
  }
  if (a.type === 'null' || b.type === 'null' || a.type === 'string' || b.type === 'string') {
    throw new UncheckedFormulaError('if() with results of different types');
  }
  const fa = a.f;
  const fb = b.f;
  return { type: a.type, f: (i) => (p(i) === BOOL_TRUE ? fa(i) : fb(i)) };
}
