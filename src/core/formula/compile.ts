/**
 * Compiles a checked syntax tree into closures. The environment decides what names and
 * aggregates read: columns by row index inside aggregates and filters, per-period
 * aggregate results (or derived inputs) in the outer part of a formula.
 */
import { BOOL_FALSE, BOOL_NULL, BOOL_TRUE } from '../data/table';
import type { Binary, Call, Expr, Identifier } from './ast';
import { compileCall } from './compileCall';
import { compileComparison, compileIn } from './compileCompare';
import {
  asBoolean,
  asNumber,
  booleanConst,
  numberConst,
  stringConst,
  type Compiled,
  type CompiledBoolean,
  type CompiledNumber,
} from './compiled';

export interface CompileEnv {
  identifier(node: Identifier): Compiled;
  aggregate(node: Call): Compiled;
  /** Called each time a division by zero (of a non-null number) happens. */
  divisionByZero(): void;
}

export function compile(node: Expr, env: CompileEnv): Compiled {
  switch (node.kind) {
    case 'number':
      return numberConst(node.value);
    case 'string':
      return stringConst(node.value);
    case 'boolean':
      return booleanConst(node.value ? BOOL_TRUE : BOOL_FALSE);
    case 'null':
      return { type: 'null' };
    case 'identifier':
      return env.identifier(node);
    case 'unary':
      return node.op === '-'
        ? negate(asNumber(compile(node.operand, env), '-'))
        : not(asBoolean(compile(node.operand, env), 'not'));
    case 'binary':
      return compileBinary(node, env);
    case 'in':
      return compileIn(
        compile(node.value, env),
        node.items.map((item) => compile(item, env)),
        node.negated,
      );
    case 'call':
      return compileCall(node, env);
  }
}

function negate(c: CompiledNumber): CompiledNumber {
  if (c.literal !== undefined) return numberConst(-c.literal);
  const f = c.f;
  return { type: 'number', f: (i) => -f(i) };
}

function not(c: CompiledBoolean): CompiledBoolean {
  const f = c.f;
  return {
    type: 'boolean',
    f: (i) => {
      const a = f(i);
      return a === BOOL_NULL ? BOOL_NULL : 1 - a;
    },
  };
}

function compileBinary(node: Binary, env: CompileEnv): Compiled {
  const left = compile(node.left, env);
  const right = compile(node.right, env);
  switch (node.op) {
    case 'and':
      return and(asBoolean(left, 'and'), asBoolean(right, 'and'));
    case 'or':
      return or(asBoolean(left, 'or'), asBoolean(right, 'or'));
    case '+':
    case '-':
    case '*':
    case '/':
      return arithmetic(node.op, asNumber(left, node.op), asNumber(right, node.op), env);
    default:
      // Only the literal null tests for null (SPEC 3); a null-typed expression compares as null.
      return compileComparison(node.op, left, right, {
        left: node.left.kind === 'null',
        right: node.right.kind === 'null',
      });
  }
}

/** SQL three-valued `and`: false wins, then null. The right side is skipped after a false. */
function and(l: CompiledBoolean, r: CompiledBoolean): CompiledBoolean {
  const fa = l.f;
  const fb = r.f;
  return {
    type: 'boolean',
    f: (i) => {
      const a = fa(i);
      if (a === BOOL_FALSE) return BOOL_FALSE;
      const b = fb(i);
      if (b === BOOL_FALSE) return BOOL_FALSE;
      return a === BOOL_TRUE && b === BOOL_TRUE ? BOOL_TRUE : BOOL_NULL;
    },
  };
}

/** SQL three-valued `or`: true wins, then null. The right side is skipped after a true. */
function or(l: CompiledBoolean, r: CompiledBoolean): CompiledBoolean {
  const fa = l.f;
  const fb = r.f;
  return {
    type: 'boolean',
    f: (i) => {
      const a = fa(i);
      if (a === BOOL_TRUE) return BOOL_TRUE;
      const b = fb(i);
      if (b === BOOL_TRUE) return BOOL_TRUE;
      return a === BOOL_FALSE && b === BOOL_FALSE ? BOOL_FALSE : BOOL_NULL;
    },
  };
}

function arithmetic(op: '+' | '-' | '*' | '/', l: CompiledNumber, r: CompiledNumber, env: CompileEnv): CompiledNumber {
  const fa = l.f;
  const fb = r.f;
  if (l.literal !== undefined && r.literal !== undefined && !(op === '/' && r.literal === 0)) {
    const a = l.literal;
    const b = r.literal;
    return numberConst(op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : a / b);
  }
  switch (op) {
    case '+':
      return { type: 'number', f: (i) => fa(i) + fb(i) };
    case '-':
      return { type: 'number', f: (i) => fa(i) - fb(i) };
    case '*':
      return { type: 'number', f: (i) => fa(i) * fb(i) };
    case '/': {
      const divisor = r.literal;
      if (divisor !== undefined && divisor !== 0) return { type: 'number', f: (i) => fa(i) / divisor };
      return {
        type: 'number',
        f: (i) => {
          const a = fa(i);
          const b = fb(i);
          if (b === 0) {
            if (a === a) env.divisionByZero();
            return NaN;
          }
          return a / b;
        },
      };
    }
  }
}
