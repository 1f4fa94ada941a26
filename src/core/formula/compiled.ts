/**
 * Compiled expressions: closures from an index (a row, or a period for the outer part of a
 * formula) to a value. No allocation per call: numbers and dates are numbers with NaN for
 * null, conditions are BOOL_FALSE / BOOL_TRUE / BOOL_NULL, text is a string or null.
 */
import { BOOL_NULL, type StringColumn } from '../data/table';

export type NumFn = (i: number) => number;
export type StrFn = (i: number) => string | null;

/**
 * `literal` is set for a constant; `values` for a plain column read by row index, so that
 * hot loops can read the array directly instead of calling `f`.
 */
export type Compiled =
  /** Numbers; dates as epoch ms UTC. */
  | { type: 'number' | 'date'; f: NumFn; literal?: number; values?: Float64Array }
  /** Conditions as BOOL_FALSE / BOOL_TRUE / BOOL_NULL. */
  | { type: 'boolean'; f: NumFn; literal?: number; values?: Uint8Array }
  | { type: 'string'; f: StrFn; literal?: string; column?: StringColumn }
  /** The literal `null`. */
  | { type: 'null' };

export type CompiledNumber = Extract<Compiled, { type: 'number' | 'date' }>;
export type CompiledBoolean = Extract<Compiled, { type: 'boolean' }>;
export type CompiledString = Extract<Compiled, { type: 'string' }>;

export function numberConst(value: number, type: 'number' | 'date' = 'number'): CompiledNumber {
  return { type, f: () => value, literal: value };
}

export function booleanConst(value: number): CompiledBoolean {
  return { type: 'boolean', f: () => value, literal: value };
}

export function stringConst(value: string | null): CompiledString {
  return value === null ? { type: 'string', f: () => null } : { type: 'string', f: () => value, literal: value };
}

/** The literal null as a value of `type`. */
export function nullOf(type: 'number' | 'date' | 'boolean' | 'string'): Compiled {
  if (type === 'boolean') return { type, f: () => BOOL_NULL };
  if (type === 'string') return { type, f: () => null };
  return { type, f: () => NaN };
}

/** Thrown for a tree the checker would have refused: evaluation runs only on checked formulas. */
export class UncheckedFormulaError extends Error {
  constructor(message: string) {
    super(`Formula was not checked before evaluation: ${message}`);
  }
}

export function asNumber(c: Compiled, what: string): CompiledNumber {
  if (c.type === 'null') return nullOf('number') as CompiledNumber;
  if (c.type !== 'number' && c.type !== 'date')
    throw new UncheckedFormulaError(`${what} needs a number, got ${c.type}`);
  return c;
}

export function asBoolean(c: Compiled, what: string): CompiledBoolean {
  if (c.type === 'null') return nullOf('boolean') as CompiledBoolean;
  if (c.type !== 'boolean') throw new UncheckedFormulaError(`${what} needs a condition, got ${c.type}`);
  return c;
}
