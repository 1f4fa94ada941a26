/**
 * Comparisons and `in` lists. Any null side gives null, except a comparison with the
 * literal null, which tests for null. A string literal compared with a date is read as a
 * date. Text is ordered by Unicode code point (SPEC 8.4). A constant side is folded into
 * the closure (the hot path: `score >= 9`).
 */
import { parseDateTime } from '../data/dates';
import { BOOL_FALSE, BOOL_NULL, BOOL_TRUE } from '../data/table';
import type { ComparisonOperator } from './ast';
import {
  booleanConst,
  numberConst,
  UncheckedFormulaError,
  type Compiled,
  type CompiledBoolean,
  type CompiledNumber,
  type CompiledString,
  type NumFn,
  type StrFn,
} from './compiled';

const FLIPPED: Record<ComparisonOperator, ComparisonOperator> = {
  '==': '==',
  '!=': '!=',
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
};

/** A string literal that meets a date becomes a date constant. */
export function dateIfLiteral(c: Compiled, other: Compiled): Compiled {
  if (other.type !== 'date' || c.type !== 'string' || c.literal === undefined) return c;
  const ms = parseDateTime(c.literal);
  if (ms === undefined) throw new UncheckedFormulaError(`${JSON.stringify(c.literal)} is not a date`);
  return numberConst(ms, 'date');
}

/** A test for null of one value: BOOL_TRUE when null (or BOOL_FALSE when `negated`). */
export function isNullTest(c: Compiled, negated: boolean): CompiledBoolean {
  const yes = negated ? BOOL_FALSE : BOOL_TRUE;
  const no = negated ? BOOL_TRUE : BOOL_FALSE;
  switch (c.type) {
    case 'null':
      return booleanConst(yes);
    case 'string': {
      const f = c.f;
      return { type: 'boolean', f: (i) => (f(i) === null ? yes : no) };
    }
    case 'boolean': {
      const f = c.f;
      return { type: 'boolean', f: (i) => (f(i) === BOOL_NULL ? yes : no) };
    }
    default: {
      const f = c.f;
      return {
        type: 'boolean',
        f: (i) => {
          const v = f(i);
          return v !== v ? yes : no;
        },
      };
    }
  }
}

/** Which sides of a comparison are the literal `null` as written. */
export interface LiteralNulls {
  left: boolean;
  right: boolean;
}

const NO_LITERAL_NULL: LiteralNulls = { left: false, right: false };

/**
 * With == or !=, a side that is the literal null tests the other side for null. Any other
 * null (a null-typed expression such as coalesce(null, null), an `in` item, a side of `<`)
 * makes the comparison null, as any null value does (SPEC 8.3).
 */
export function compileComparison(
  op: ComparisonOperator,
  leftIn: Compiled,
  rightIn: Compiled,
  literalNull: LiteralNulls = NO_LITERAL_NULL,
): CompiledBoolean {
  if ((op === '==' || op === '!=') && (literalNull.left || literalNull.right)) {
    return isNullTest(literalNull.left ? rightIn : leftIn, op === '!=');
  }
  if (leftIn.type === 'null') return nullAfter(rightIn);
  if (rightIn.type === 'null') return nullAfter(leftIn);
  let left = dateIfLiteral(leftIn, rightIn);
  let right = dateIfLiteral(rightIn, leftIn);
  // Keep a constant on the right, where the fast paths look for it.
  if (left.type !== 'null' && left.type !== 'string' && left.literal !== undefined) {
    [left, right] = [right, left];
    op = FLIPPED[op];
  }
  if (left.type === 'string' && right.type === 'string') {
    if (right.literal !== undefined && (op === '==' || op === '!='))
      return compareStringTo(op === '!=', left, right.literal);
    if (left.literal !== undefined && (op === '==' || op === '!='))
      return compareStringTo(op === '!=', right, left.literal);
    return compareStrings(op, left.f, right.f);
  }
  if (left.type === 'boolean' && right.type === 'boolean') {
    if (op !== '==' && op !== '!=') throw new UncheckedFormulaError(`conditions ordered with ${op}`);
    return compareBooleans(op === '!=', left.f, right.f);
  }
  if ((left.type === 'number' || left.type === 'date') && (right.type === 'number' || right.type === 'date')) {
    return right.literal !== undefined ? compareNumberTo(op, left, right.literal) : compareNumbers(op, left.f, right.f);
  }
  throw new UncheckedFormulaError(`${leftIn.type} ${op} ${rightIn.type}`);
}

/**
 * A comparison with a null side: null, once the other side has been evaluated, so that a
 * division by zero there is noted (SPEC 8.5) as it is in `null + x / y`.
 */
function nullAfter(other: Compiled): CompiledBoolean {
  if (other.type === 'null' || other.literal !== undefined) return booleanConst(BOOL_NULL);
  const f = other.f;
  return bool((i) => {
    f(i);
    return BOOL_NULL;
  });
}

function test<T extends number | string>(op: ComparisonOperator): (a: T, b: T) => boolean {
  switch (op) {
    case '==':
      return (a, b) => a === b;
    case '!=':
      return (a, b) => a !== b;
    case '<':
      return (a, b) => a < b;
    case '<=':
      return (a, b) => a <= b;
    case '>':
      return (a, b) => a > b;
    case '>=':
      return (a, b) => a >= b;
  }
}

/** Against a constant: one closure per operator, reading a column's array directly when it is one. */
function compareNumberTo(op: ComparisonOperator, left: CompiledNumber, c: number): CompiledBoolean {
  const v = left.values;
  if (v) {
    switch (op) {
      case '==':
        return bool((i) => {
          const a = v[i]!;
          return a !== a ? BOOL_NULL : a === c ? BOOL_TRUE : BOOL_FALSE;
        });
      case '!=':
        return bool((i) => {
          const a = v[i]!;
          return a !== a ? BOOL_NULL : a !== c ? BOOL_TRUE : BOOL_FALSE;
        });
      case '<':
        return bool((i) => {
          const a = v[i]!;
          return a !== a ? BOOL_NULL : a < c ? BOOL_TRUE : BOOL_FALSE;
        });
      case '<=':
        return bool((i) => {
          const a = v[i]!;
          return a !== a ? BOOL_NULL : a <= c ? BOOL_TRUE : BOOL_FALSE;
        });
      case '>':
        return bool((i) => {
          const a = v[i]!;
          return a !== a ? BOOL_NULL : a > c ? BOOL_TRUE : BOOL_FALSE;
        });
      case '>=':
        return bool((i) => {
          const a = v[i]!;
          return a !== a ? BOOL_NULL : a >= c ? BOOL_TRUE : BOOL_FALSE;
        });
    }
  }
  const fa = left.f;
  switch (op) {
    case '==':
      return bool((i) => {
        const a = fa(i);
        return a !== a ? BOOL_NULL : a === c ? BOOL_TRUE : BOOL_FALSE;
      });
    case '!=':
      return bool((i) => {
        const a = fa(i);
        return a !== a ? BOOL_NULL : a !== c ? BOOL_TRUE : BOOL_FALSE;
      });
    case '<':
      return bool((i) => {
        const a = fa(i);
        return a !== a ? BOOL_NULL : a < c ? BOOL_TRUE : BOOL_FALSE;
      });
    case '<=':
      return bool((i) => {
        const a = fa(i);
        return a !== a ? BOOL_NULL : a <= c ? BOOL_TRUE : BOOL_FALSE;
      });
    case '>':
      return bool((i) => {
        const a = fa(i);
        return a !== a ? BOOL_NULL : a > c ? BOOL_TRUE : BOOL_FALSE;
      });
    case '>=':
      return bool((i) => {
        const a = fa(i);
        return a !== a ? BOOL_NULL : a >= c ? BOOL_TRUE : BOOL_FALSE;
      });
  }
}

function bool(f: NumFn): CompiledBoolean {
  return { type: 'boolean', f };
}

/** Text against a constant with == or !=, reading a column's array directly when it is one. */
function compareStringTo(negated: boolean, left: CompiledString, c: string): CompiledBoolean {
  const yes = negated ? BOOL_FALSE : BOOL_TRUE;
  const no = negated ? BOOL_TRUE : BOOL_FALSE;
  if (left.column) {
    // A column's codes against the code of the constant (-1 when the text never occurs).
    const { codes, dictionary } = left.column;
    const code = dictionary.indexOf(c);
    return bool((i) => {
      const a = codes[i]!;
      return a < 0 ? BOOL_NULL : a === code ? yes : no;
    });
  }
  const fa = left.f;
  return bool((i) => {
    const a = fa(i);
    return a === null ? BOOL_NULL : a === c ? yes : no;
  });
}

function compareNumbers(op: ComparisonOperator, fa: NumFn, fb: NumFn): CompiledBoolean {
  const t = test<number>(op);
  return {
    type: 'boolean',
    f: (i) => {
      const a = fa(i);
      const b = fb(i);
      return a !== a || b !== b ? BOOL_NULL : t(a, b) ? BOOL_TRUE : BOOL_FALSE;
    },
  };
}

/** Two texts: equal as strings, ordered by code point. */
function compareStrings(op: ComparisonOperator, fa: StrFn, fb: StrFn): CompiledBoolean {
  const t = op === '==' || op === '!=' ? test<string>(op) : byCodePoint(op);
  return {
    type: 'boolean',
    f: (i) => {
      const a = fa(i);
      const b = fb(i);
      return a === null || b === null ? BOOL_NULL : t(a, b) ? BOOL_TRUE : BOOL_FALSE;
    },
  };
}

function byCodePoint(op: ComparisonOperator): (a: string, b: string) => boolean {
  const t = test<number>(op);
  return (a, b) => t(compareCodePoints(a, b), 0);
}

/**
 * Negative, 0 or positive as `a` sorts before, with or after `b` by Unicode code point
 * (SPEC 8.4). JavaScript's `<` compares UTF-16 code units instead, which puts a character
 * beyond U+FFFF (two surrogate units, 0xD800-0xDFFF) before one in U+E000-U+FFFF: U+1F600
 * before U+FF5E. Code point order is also UTF-8 byte order, as in DuckDB.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let k = 0; k < n; k++) {
    const x = a.charCodeAt(k);
    const y = b.charCodeAt(k);
    if (x === y) continue;
    if (!isSurrogate(x) && !isSurrogate(y)) return x - y;
    return compareFrom(a, b, k > 0 && isHighSurrogate(a.charCodeAt(k - 1)) ? k - 1 : k);
  }
  return a.length - b.length;
}

/**
 * Code point by code point from unit `k` (the start of a character, equal up to there). A
 * surrogate pair is one code point above U+FFFF, but a lone surrogate (JSON data may hold
 * "\ud800") is its own code point U+D800-U+DFFF, below U+E000: so read whole code points.
 */
function compareFrom(a: string, b: string, k: number): number {
  while (k < a.length && k < b.length) {
    const x = a.codePointAt(k)!;
    const y = b.codePointAt(k)!;
    if (x !== y) return x - y;
    k += x > 0xffff ? 2 : 1;
  }
  return a.length - b.length;
}

function isSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit < 0xe000;
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit < 0xdc00;
}

function compareBooleans(negated: boolean, fa: NumFn, fb: NumFn): CompiledBoolean {
  return {
    type: 'boolean',
    f: (i) => {
      const a = fa(i);
      const b = fb(i);
      if (a === BOOL_NULL || b === BOOL_NULL) return BOOL_NULL;
      return (a === b) !== negated ? BOOL_TRUE : BOOL_FALSE;
    },
  };
}

/**
 * `x in (items)`: null when x is null; true on a match; else null when an item is null
 * (SQL: `2 in (1, null)` is null, so `2 not in (1, null)` is null too), else false.
 * `not in` negates that. Constant lists become a Set lookup.
 */
export function compileIn(value: Compiled, itemsIn: Compiled[], negated: boolean): CompiledBoolean {
  // SPEC 3: a null x gives null, whatever the list.
  if (value.type === 'null') return booleanConst(BOOL_NULL);
  const items = itemsIn.map((item) => dateIfLiteral(item, value));
  const yes = negated ? BOOL_FALSE : BOOL_TRUE;
  const no = negated ? BOOL_TRUE : BOOL_FALSE;
  const constants = items.every((item) => item.type !== 'null' && item.literal !== undefined);
  if (constants) {
    const set = new Set<number | string>(items.map((item) => (item.type === 'null' ? '' : item.literal!)));
    if (value.type === 'string') {
      const f = value.f;
      return bool((i) => {
        const v = f(i);
        return v === null ? BOOL_NULL : set.has(v) ? yes : no;
      });
    }
    const f = value.f;
    if (value.type === 'boolean') {
      return bool((i) => {
        const v = f(i);
        return v === BOOL_NULL ? BOOL_NULL : set.has(v) ? yes : no;
      });
    }
    return bool((i) => {
      const v = f(i);
      return v !== v ? BOOL_NULL : set.has(v) ? yes : no;
    });
  }
  const tests = items.map((item) => compileComparison('==', value, item).f);
  const valueIsNull = isNullTest(value, false).f;
  return {
    type: 'boolean',
    f: (i) => {
      if (valueIsNull(i) === BOOL_TRUE) return BOOL_NULL;
      let sawNull = false;
      for (const t of tests) {
        const r = t(i);
        if (r === BOOL_TRUE) return yes;
        if (r === BOOL_NULL) sawNull = true;
      }
      return sawNull ? BOOL_NULL : no;
    },
  };
}
