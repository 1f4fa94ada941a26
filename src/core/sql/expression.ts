/**
 * A checked formula expression as SQL, with SPEC 3's semantics rather than the engine's:
 * the same structure as formula/compile.ts, node by node, so that types, constants, nulls
 * and string literals read as dates come out as the in-memory engine computes them.
 *
 * Each value carries `dz`: a never-null SQL condition that is true when evaluating the
 * expression divides a non-null number by zero, following what the core evaluates (SPEC
 * 8.5): the right side of `and` only after a non-false left, an `if` branch only when
 * taken, a `coalesce` argument only after null ones. `false` when it cannot happen.
 */
import { parseDateTime } from '../data/dates';
import type { Binary, Call, ComparisonOperator, Expr, Identifier } from '../formula/ast';
import { roundHalfAway } from '../formula/compileCall';
import { functionInfo } from '../formula/functions';
import { UncheckedFormulaError } from '../formula/compiled';
import type { SqlDialect } from './dialect';
import { arithmeticSql, castDouble } from './dialect';

export type SqlType = 'number' | 'date' | 'boolean' | 'string' | 'null';

/** A never-null SQL boolean, or false when the condition can never hold. */
export type Cond = string | false;

export interface SqlValue {
  type: SqlType;
  sql: string;
  dz: Cond;
  /** Set for a constant, as formula/compiled.ts's `literal`. */
  literal?: number | string | boolean;
}

export interface SqlEnv {
  dialect: SqlDialect;
  identifier(node: Identifier): SqlValue;
  aggregate(node: Call): SqlValue;
}

export function anyOf(...conds: Cond[]): Cond {
  const real = conds.filter((c): c is string => c !== false);
  if (real.length === 0) return false;
  if (real.includes('TRUE')) return 'TRUE';
  return real.length === 1 ? real[0]! : `(${real.join(' OR ')})`;
}

/** `when` (a never-null condition) and then `cond`. */
export function both(when: string, cond: Cond): Cond {
  if (cond === false) return false;
  return when === 'TRUE' ? cond : `(${when} AND ${cond})`;
}

/** True exactly when a (possibly null) SQL boolean is true. */
export function isTrue(sql: string): string {
  return sql === 'TRUE' || sql === 'FALSE' ? sql : `COALESCE(${sql}, FALSE)`;
}

export function typedNull(dialect: SqlDialect, type: SqlType): string {
  if (type === 'boolean') return `CAST(NULL AS ${dialect.booleanType})`;
  if (type === 'string') return `CAST(NULL AS ${dialect.textType})`;
  return `CAST(NULL AS ${dialect.doubleType})`;
}

function constant(dialect: SqlDialect, value: number, type: 'number' | 'date' = 'number'): SqlValue {
  return { type, sql: dialect.number(value), dz: false, literal: value };
}

export function toSql(node: Expr, env: SqlEnv): SqlValue {
  const d = env.dialect;
  switch (node.kind) {
    case 'number':
      return constant(d, node.value);
    case 'string':
      return { type: 'string', sql: d.string(node.value), dz: false, literal: node.value };
    case 'boolean':
      return { type: 'boolean', sql: node.value ? 'TRUE' : 'FALSE', dz: false, literal: node.value };
    case 'null':
      return { type: 'null', sql: 'NULL', dz: false };
    case 'identifier':
      return env.identifier(node);
    case 'unary': {
      if (node.op === '-') {
        const x = asNumber(d, toSql(node.operand, env));
        if (typeof x.literal === 'number') return constant(d, -x.literal);
        return { type: 'number', sql: `(- ${x.sql})`, dz: x.dz };
      }
      const x = asBoolean(d, toSql(node.operand, env));
      return { type: 'boolean', sql: `(NOT ${x.sql})`, dz: x.dz };
    }
    case 'binary':
      return binary(node, env);
    case 'in':
      return inList(
        d,
        toSql(node.value, env),
        node.items.map((item) => toSql(item, env)),
        node.negated,
      );
    case 'call':
      return call(node, env);
  }
}

export function asNumber(d: SqlDialect, v: SqlValue): SqlValue {
  if (v.type === 'null') return { type: 'number', sql: typedNull(d, 'number'), dz: false };
  if (v.type !== 'number' && v.type !== 'date') throw new UncheckedFormulaError(`a number was needed, got ${v.type}`);
  return v;
}

export function asBoolean(d: SqlDialect, v: SqlValue): SqlValue {
  if (v.type === 'null') return { type: 'boolean', sql: typedNull(d, 'boolean'), dz: false };
  if (v.type !== 'boolean') throw new UncheckedFormulaError(`a condition was needed, got ${v.type}`);
  return v;
}

function binary(node: Binary, env: SqlEnv): SqlValue {
  const d = env.dialect;
  const left = toSql(node.left, env);
  const right = toSql(node.right, env);
  switch (node.op) {
    case 'and':
    case 'or': {
      const l = asBoolean(d, left);
      const r = asBoolean(d, right);
      // The right side is evaluated after a non-false left (and) or a non-true left (or).
      const skipsRight = node.op === 'and' ? l.literal === false : l.literal === true;
      const rightRuns = node.op === 'and' ? `COALESCE(${l.sql}, TRUE)` : `(NOT COALESCE(${l.sql}, FALSE))`;
      const dz = skipsRight ? l.dz : anyOf(l.dz, l.literal !== undefined ? r.dz : both(rightRuns, r.dz));
      return { type: 'boolean', sql: `(${l.sql} ${node.op.toUpperCase()} ${r.sql})`, dz };
    }
    case '+':
    case '-':
    case '*':
    case '/':
      return arithmetic(d, node.op, asNumber(d, left), asNumber(d, right));
    default:
      return comparison(d, node.op, left, right, {
        left: node.left.kind === 'null',
        right: node.right.kind === 'null',
      });
  }
}

function arithmetic(d: SqlDialect, op: '+' | '-' | '*' | '/', l: SqlValue, r: SqlValue): SqlValue {
  const a = l.literal;
  const b = r.literal;
  if (typeof a === 'number' && typeof b === 'number' && !(op === '/' && b === 0)) {
    return constant(d, op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : a / b);
  }
  if (op !== '/' || (typeof b === 'number' && b !== 0)) {
    return { type: 'number', sql: arithmeticSql(op, l.sql, r.sql), dz: anyOf(l.dz, r.dz) };
  }
  const numeratorKnown = l.literal !== undefined ? 'TRUE' : `${l.sql} IS NOT NULL`;
  const divisorZero = b === 0 ? 'TRUE' : `COALESCE(${r.sql} = 0, FALSE)`;
  return {
    type: 'number',
    sql: arithmeticSql('/', l.sql, `NULLIF(${r.sql}, 0)`),
    dz: anyOf(l.dz, r.dz, both(divisorZero, numeratorKnown)),
  };
}

/** A string literal that meets a date becomes the date constant (epoch ms). */
function dateIfLiteral(d: SqlDialect, v: SqlValue, other: SqlValue): SqlValue {
  if (other.type !== 'date' || v.type !== 'string' || typeof v.literal !== 'string') return v;
  const ms = parseDateTime(v.literal);
  if (ms === undefined) throw new UncheckedFormulaError(`${JSON.stringify(v.literal)} is not a date`);
  return constant(d, ms, 'date');
}

const SQL_OPERATOR: Record<ComparisonOperator, string> = {
  '==': '=',
  '!=': '<>',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};

function nullTest(v: SqlValue, negated: boolean): SqlValue {
  if (v.type === 'null') return { type: 'boolean', sql: negated ? 'FALSE' : 'TRUE', dz: false, literal: !negated };
  return { type: 'boolean', sql: `(${v.sql} IS ${negated ? 'NOT ' : ''}NULL)`, dz: v.dz };
}

function comparison(
  d: SqlDialect,
  op: ComparisonOperator,
  leftIn: SqlValue,
  rightIn: SqlValue,
  literalNull: { left: boolean; right: boolean },
): SqlValue {
  if ((op === '==' || op === '!=') && (literalNull.left || literalNull.right)) {
    return nullTest(literalNull.left ? rightIn : leftIn, op === '!=');
  }
  // A null side: null, after the other side was evaluated (formula/compileCompare.ts nullAfter).
  if (leftIn.type === 'null' || rightIn.type === 'null') {
    return { type: 'boolean', sql: typedNull(d, 'boolean'), dz: anyOf(leftIn.dz, rightIn.dz) };
  }
  const left = dateIfLiteral(d, leftIn, rightIn);
  const right = dateIfLiteral(d, rightIn, leftIn);
  const dz = anyOf(left.dz, right.dz);
  const sqlOp = SQL_OPERATOR[op];
  if (left.type === 'string' && right.type === 'string') {
    return { type: 'boolean', sql: `(${d.byCodePoint(left.sql)} ${sqlOp} ${d.byCodePoint(right.sql)})`, dz };
  }
  const numeric = (t: SqlType): boolean => t === 'number' || t === 'date';
  const sameKind = (left.type === 'boolean' && right.type === 'boolean') || (numeric(left.type) && numeric(right.type));
  if (!sameKind || (left.type === 'boolean' && op !== '==' && op !== '!='))
    throw new UncheckedFormulaError(`${leftIn.type} ${op} ${rightIn.type}`);
  return { type: 'boolean', sql: `(${left.sql} ${sqlOp} ${right.sql})`, dz };
}

/**
 * `x in (items)` has SQL's own semantics (null x: null; a match: true; else null when an
 * item is null, else false). Items are evaluated one by one until a match.
 */
function inList(d: SqlDialect, value: SqlValue, itemsIn: SqlValue[], negated: boolean): SqlValue {
  if (value.type === 'null') return { type: 'boolean', sql: typedNull(d, 'boolean'), dz: false };
  const items = itemsIn.map((item) => (item.type === 'null' ? item : dateIfLiteral(d, item, value)));
  const text = value.type === 'string';
  const list = items.map((item) => (item.type === 'null' ? 'NULL' : text ? d.byCodePoint(item.sql) : item.sql));
  const tested = text ? d.byCodePoint(value.sql) : value.sql;
  // Item k is evaluated when x is not null and no item before it matched.
  let itemsDz: Cond = false;
  for (let k = items.length - 1; k >= 0; k--) {
    const item = items[k]!;
    const later: Cond = itemsDz === false ? false : both(`(NOT ${isTrue(`${tested} = ${list[k]}`)})`, itemsDz);
    itemsDz = anyOf(item.dz, later);
  }
  const dz = anyOf(value.dz, both(`${value.sql} IS NOT NULL`, itemsDz));
  return { type: 'boolean', sql: `(${tested} ${negated ? 'NOT IN' : 'IN'} (${list.join(', ')}))`, dz };
}

const MS_PER_UNIT: Record<string, number> = {
  days_between: 86_400_000,
  hours_between: 3_600_000,
  minutes_between: 60_000,
};

function call(node: Call, env: SqlEnv): SqlValue {
  const d = env.dialect;
  const info = functionInfo(node.name);
  if (!info) throw new UncheckedFormulaError(`unknown function ${node.name}`);
  if (info.aggregate) return env.aggregate(node);
  const args = node.args.map((arg) => toSql(arg, env));
  switch (node.name) {
    case 'abs':
      return map1(d, asNumber(d, args[0]!), 'ABS', Math.abs);
    case 'floor':
      return map1(d, asNumber(d, args[0]!), 'FLOOR', Math.floor);
    case 'ceil':
      return map1(d, asNumber(d, args[0]!), 'CEIL', Math.ceil);
    case 'round':
      return round(d, asNumber(d, args[0]!), args[1] && asNumber(d, args[1]));
    case 'coalesce':
      return coalesce(d, args);
    case 'if':
      return choose(d, asBoolean(d, args[0]!), args[1]!, args[2]!);
    default: {
      const unit = MS_PER_UNIT[node.name];
      if (unit === undefined) throw new UncheckedFormulaError(`no SQL for ${node.name}`);
      const date = { type: 'date', sql: '', dz: false } as const;
      const a = asNumber(d, dateIfLiteral(d, args[0]!, date));
      const b = asNumber(d, dateIfLiteral(d, args[1]!, date));
      return { type: 'number', sql: `((${b.sql} - ${a.sql}) / ${d.number(unit)})`, dz: anyOf(a.dz, b.dz) };
    }
  }
}

function map1(d: SqlDialect, x: SqlValue, fn: string, op: (v: number) => number): SqlValue {
  if (typeof x.literal === 'number') return constant(d, op(x.literal));
  return { type: 'number', sql: `${fn}(${x.sql})`, dz: x.dz };
}

/** roundHalfAway (formula/compileCall.ts) of a double `y` already scaled: half away from zero. */
function roundScaled(d: SqlDialect, y: string): string {
  const a = `ABS(${y})`;
  return `(SIGN(${y}) * CASE WHEN ${a} - FLOOR(${a}) >= ${d.number(0.5)} THEN FLOOR(${a}) + ${d.number(1)} ELSE FLOOR(${a}) END)`;
}

/**
 * roundHalfAway for digits t > 0, m = 10^t finite: x·m rounded, then divided by m; x itself
 * where x·m overflows (or is NaN), as the core gives it.
 */
function roundUp(d: SqlDialect, x: string, m: string): string {
  const y = arithmeticSql('*', x, m);
  return `CASE WHEN ABS(${y}) <= ${d.number(Number.MAX_VALUE)} THEN ${roundScaled(d, y)} / ${m} ELSE ${x} END`;
}

/** roundHalfAway for digits t < 0, m = 10^-t finite: x / m rounded, then times m. */
function roundDown(d: SqlDialect, x: string, m: string): string {
  return arithmeticSql('*', roundScaled(d, arithmeticSql('/', x, m)), m);
}

function round(d: SqlDialect, x: SqlValue, digits: SqlValue | undefined): SqlValue {
  if (!digits) {
    if (typeof x.literal === 'number') return constant(d, roundHalfAway(x.literal, 0));
    return { type: 'number', sql: roundScaled(d, x.sql), dz: x.dz };
  }
  const dz = anyOf(x.dz, digits.dz);
  const zeroUnlessNull = `CASE WHEN ${x.sql} IS NULL THEN NULL ELSE ${d.number(0)} END`;
  if (typeof digits.literal === 'number') {
    const t = Math.trunc(digits.literal);
    if (typeof x.literal === 'number') return { ...constant(d, roundHalfAway(x.literal, t)), dz };
    if (t === 0) return { type: 'number', sql: roundScaled(d, x.sql), dz };
    if (t > 0) {
      const m = 10 ** t;
      // x·∞ is never finite: the core gives x.
      return { type: 'number', sql: Number.isFinite(m) ? roundUp(d, x.sql, d.number(m)) : x.sql, dz };
    }
    const m = 10 ** -t;
    return { type: 'number', sql: Number.isFinite(m) ? roundDown(d, x.sql, d.number(m)) : zeroUnlessNull, dz };
  }
  // 10^t is finite up to t = 308 (as in JavaScript): beyond, no POWER, which may fail there.
  const t = `TRUNC(${digits.sql})`;
  const up = `CASE WHEN ${t} > ${d.number(308)} THEN ${d.number(Infinity)} ELSE POWER(${d.number(10)}, ${t}) END`;
  const down = `POWER(${d.number(10)}, - ${t})`;
  const sql =
    `CASE WHEN ${t} = 0 THEN ${roundScaled(d, x.sql)} ` +
    `WHEN ${t} > 0 THEN ${roundUp(d, x.sql, `(${up})`)} ` +
    `WHEN - ${t} > ${d.number(308)} THEN ${zeroUnlessNull} ` +
    `ELSE ${roundDown(d, x.sql, down)} END`;
  return { type: 'number', sql, dz };
}

/** The arguments as one type (formula/compileCall.ts unified); undefined when all are null. */
function unified(d: SqlDialect, args: SqlValue[]): SqlValue[] | undefined {
  const typed =
    args.find((a) => a.type !== 'null' && !(a.type === 'string' && a.literal !== undefined)) ??
    args.find((a) => a.type !== 'null');
  if (!typed) return undefined;
  return args.map((a) =>
    a.type === 'null' ? { type: typed.type, sql: typedNull(d, typed.type), dz: false } : dateIfLiteral(d, a, typed),
  );
}

function coalesce(d: SqlDialect, argsIn: SqlValue[]): SqlValue {
  const args = unified(d, argsIn);
  // Every argument is null: nothing is evaluated.
  if (!args) return { type: 'null', sql: 'NULL', dz: false };
  // Argument k is evaluated when every one before it is null.
  let dz: Cond = false;
  for (let k = args.length - 1; k >= 0; k--) {
    const a = args[k]!;
    dz = anyOf(a.dz, k < args.length - 1 ? both(`${a.sql} IS NULL`, dz) : false);
  }
  return { type: args[0]!.type, sql: `COALESCE(${args.map((a) => a.sql).join(', ')})`, dz };
}

function choose(d: SqlDialect, p: SqlValue, aIn: SqlValue, bIn: SqlValue): SqlValue {
  const pair = unified(d, [aIn, bIn]);
  // Both results are null: the condition is not even evaluated.
  if (!pair) return { type: 'null', sql: 'NULL', dz: false };
  const [a, b] = pair as [SqlValue, SqlValue];
  if (a.type !== b.type) throw new UncheckedFormulaError('if() with results of different types');
  const taken = isTrue(p.sql);
  const dz = anyOf(p.dz, both(taken, a.dz), both(`(NOT ${taken})`, b.dz));
  return { type: a.type, sql: `CASE WHEN ${p.sql} THEN ${a.sql} ELSE ${b.sql} END`, dz };
}

/** A count as a double: SQL counts are integers, formulas compute in binary64. */
export function countSql(d: SqlDialect, condition: string | undefined): string {
  return castDouble(d, condition === undefined ? 'COUNT(*)' : `COUNT(CASE WHEN ${condition} THEN 1 END)`);
}
