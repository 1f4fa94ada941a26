/**
 * A deliberately simple reference interpreter of the formula syntax tree, written from
 * SPEC 3 and SPEC 8 rather than from the compiled evaluator: it walks the tree once per row
 * or per period, with values as plain JavaScript values (null is null, dates are RDate),
 * and keeps rows as objects. The differential target compares it with evaluateSourced.
 *
 * Choices where SPEC is silent, made as a user of SQL would expect (and documented with the
 * fuzz harness): `and` skips its right side after a false and `or` after a true, and
 * `coalesce` stops at its first non-null argument, so a division there is not "evaluated"
 * (SPEC 8.5); `null / 0` is null by null propagation and no division by zero; with a grain,
 * rows with a null time are left out before the filter runs; a NaN from arithmetic on
 * infinities is null; a value that is not finite at the end is null.
 */
import type { Call, Expr } from '../../src/core/formula/ast';
import type { Grain } from '../../src/core/model/kpiFile';
import type { ColumnType } from '../../src/core/model/kpiFile';
import { parseDateTime } from '../../src/core/data/dates';
import { refPeriodOf } from './referencePeriods';

/** A date or date-time as epoch ms, UTC. */
export class RDate {
  constructor(readonly ms: number) {}
}

export type RValue = number | string | boolean | RDate | null;
export type RefRow = Readonly<Record<string, RValue>>;

export interface RefTable {
  types: ReadonlyMap<string, ColumnType>;
  rows: readonly RefRow[];
}

export interface RefResult {
  series: { period: string; start: string; value: number | null }[] | undefined;
  value: number | null;
  divisionByZero: boolean;
}

type StaticType = ColumnType | 'null';

const AGGREGATES = new Set([
  'count',
  'pct',
  'share',
  'sum',
  'avg',
  'min',
  'max',
  'median',
  'percentile',
  'count_distinct',
]);
const UNIT_MS: Readonly<Record<string, number>> = {
  days_between: 86_400_000,
  hours_between: 3_600_000,
  minutes_between: 60_000,
};

/** The rows an expression is evaluated against: one row, or the rows of one period (outer part). */
type Scope = { row: RefRow } | { rows: readonly RefRow[] };

class Interpreter {
  divisionByZero = false;

  constructor(private readonly types: ReadonlyMap<string, ColumnType>) {}

  /** The static type, only as far as needed to read a string literal as a date where it meets one. */
  typeOf(node: Expr): StaticType {
    switch (node.kind) {
      case 'number':
      case 'unary':
        return node.kind === 'unary' && node.op === 'not' ? 'boolean' : 'number';
      case 'string':
        return 'string';
      case 'boolean':
      case 'in':
        return 'boolean';
      case 'null':
        return 'null';
      case 'identifier':
        return this.types.get(node.name) ?? 'null';
      case 'binary':
        return ['+', '-', '*', '/'].includes(node.op) ? 'number' : 'boolean';
      case 'call': {
        if (node.name !== 'coalesce' && node.name !== 'if') return 'number';
        const results = node.name === 'if' ? node.args.slice(1) : node.args;
        const types = results.map((a) => this.typeOf(a));
        if (types.includes('date')) return 'date';
        return types.find((t) => t !== 'null') ?? 'null';
      }
    }
  }

  /** Evaluates `node`; `asDate` reads a string literal as a date (it meets a date). */
  ev(node: Expr, scope: Scope, asDate = false): RValue {
    switch (node.kind) {
      case 'number':
      case 'boolean':
        return node.value;
      case 'string':
        return asDate ? new RDate(parseDateTime(node.value)!) : node.value;
      case 'null':
        return null;
      case 'identifier': {
        if (!('row' in scope)) throw new Error(`column ${node.name} outside an aggregate`);
        return scope.row[node.name] ?? null;
      }
      case 'unary': {
        const v = this.ev(node.operand, scope);
        if (v === null) return null;
        return node.op === '-' ? -(v as number) : !(v as boolean);
      }
      case 'binary':
        return this.binary(node.op, node.left, node.right, scope);
      case 'in': {
        const itemsDate = node.items.some((i) => this.typeOf(i) === 'date');
        const valueDate = this.typeOf(node.value) === 'date';
        const v = this.ev(node.value, scope, itemsDate);
        if (v === null) return null;
        let result: boolean | null = false;
        for (const item of node.items) {
          const w = this.ev(item, scope, valueDate);
          if (w === null) result = null;
          else if (equal(v, w)) {
            result = true;
            break;
          }
        }
        return node.negated && result !== null ? !result : result;
      }
      case 'call':
        return this.call(node, scope, asDate);
    }
  }

  private binary(op: string, left: Expr, right: Expr, scope: Scope): RValue {
    if (op === 'and' || op === 'or') {
      const a = this.ev(left, scope) as boolean | null;
      if (op === 'and' && a === false) return false;
      if (op === 'or' && a === true) return true;
      const b = this.ev(right, scope) as boolean | null;
      if (op === 'and') return b === false ? false : a === true && b === true ? true : null;
      return b === true ? true : a === false && b === false ? false : null;
    }
    if ((op === '==' || op === '!=') && (left.kind === 'null' || right.kind === 'null')) {
      const other = left.kind === 'null' ? right : left;
      const isNull = this.ev(other, scope) === null;
      return op === '==' ? isNull : !isNull;
    }
    const a = this.ev(left, scope, this.typeOf(right) === 'date');
    const b = this.ev(right, scope, this.typeOf(left) === 'date');
    if (a === null || b === null) return null;
    switch (op) {
      case '+':
        return finiteOrNull((a as number) + (b as number));
      case '-':
        return finiteOrNull((a as number) - (b as number));
      case '*':
        return finiteOrNull((a as number) * (b as number));
      case '/':
        if (b === 0) {
          this.divisionByZero = true;
          return null;
        }
        return finiteOrNull((a as number) / (b as number));
      case '==':
        return equal(a, b);
      case '!=':
        return !equal(a, b);
      default:
        return ordered(op, compare(a, b));
    }
  }

  private call(node: Call, scope: Scope, asDate: boolean): RValue {
    if (AGGREGATES.has(node.name)) {
      if (!('rows' in scope)) throw new Error(`${node.name}() inside a row expression`);
      return this.aggregate(node, scope.rows);
    }
    const args = node.args;
    switch (node.name) {
      case 'coalesce': {
        const date = asDate || this.typeOf(node) === 'date';
        for (const arg of args) {
          const v = this.ev(arg, scope, date);
          if (v !== null) return v;
        }
        return null;
      }
      case 'if': {
        const date = asDate || this.typeOf(node) === 'date';
        return this.ev(args[0]!, scope) === true ? this.ev(args[1]!, scope, date) : this.ev(args[2]!, scope, date);
      }
      case 'abs':
      case 'floor':
      case 'ceil': {
        const x = this.ev(args[0]!, scope) as number | null;
        if (x === null) return null;
        return node.name === 'abs' ? Math.abs(x) : node.name === 'floor' ? Math.floor(x) : Math.ceil(x);
      }
      case 'round': {
        const x = this.ev(args[0]!, scope) as number | null;
        const d = args.length > 1 ? (this.ev(args[1]!, scope) as number | null) : 0;
        if (x === null || d === null) return null;
        return roundHalfAwayFromZero(x, d);
      }
      default: {
        const unit = UNIT_MS[node.name];
        if (unit === undefined) throw new Error(`unknown function ${node.name}`);
        const a = this.ev(args[0]!, scope, true) as RDate | null;
        const b = this.ev(args[1]!, scope, true) as RDate | null;
        if (a === null || b === null) return null;
        return (b.ms - a.ms) / unit;
      }
    }
  }

  private aggregate(node: Call, rows: readonly RefRow[]): RValue {
    const name = node.name;
    if (name === 'count' && node.args.length === 0) return rows.length;
    if (name === 'count' || name === 'pct' || name === 'share') {
      const hits = rows.filter((row) => this.ev(node.args[0]!, { row }) === true).length;
      if (name === 'count') return hits;
      if (rows.length === 0) return null;
      return name === 'pct' ? (100 * hits) / rows.length : hits / rows.length;
    }
    // `where` applies to all arguments (SPEC 8.3): only rows it keeps are read.
    const kept = node.where ? rows.filter((row) => this.ev(node.where!.predicate, { row }) === true) : rows;
    const values: RValue[] = [];
    for (const row of kept) {
      const v = this.ev(node.args[0]!, { row });
      if (v !== null) values.push(v);
    }
    const numbers = values as number[];
    switch (name) {
      case 'sum':
        return numbers.reduce((s, v) => s + v, 0);
      case 'avg':
        return numbers.length === 0 ? null : numbers.reduce((s, v) => s + v, 0) / numbers.length;
      case 'min':
        return numbers.length === 0 ? null : numbers.reduce((m, v) => (v < m ? v : m));
      case 'max':
        return numbers.length === 0 ? null : numbers.reduce((m, v) => (v > m ? v : m));
      case 'median':
        return percentile(numbers, 50);
      case 'percentile':
        return percentile(numbers, this.ev(node.args[1]!, { rows: [] }) as number | null);
      case 'count_distinct':
        return new Set(values.map(distinctKey)).size;
      default:
        throw new Error(`unknown aggregate ${name}`);
    }
  }
}

function finiteOrNull(v: number): number | null {
  return Number.isNaN(v) ? null : v;
}

function distinctKey(v: RValue): string {
  if (v instanceof RDate) return `d${v.ms}`;
  // 0 and -0 are one value, as in SQL.
  return typeof v === 'number' ? `n${v === 0 ? 0 : v}` : `${typeof v}${String(v)}`;
}

function equal(a: RValue, b: RValue): boolean {
  if (a instanceof RDate && b instanceof RDate) return a.ms === b.ms;
  return a === b;
}

/** Negative, zero or positive; text by Unicode code point (SPEC 8.4). */
function compare(a: RValue, b: RValue): number {
  if (a instanceof RDate && b instanceof RDate) return a.ms - b.ms;
  if (typeof a === 'string' && typeof b === 'string') {
    const x = Array.from(a, (c) => c.codePointAt(0)!);
    const y = Array.from(b, (c) => c.codePointAt(0)!);
    for (let k = 0; k < Math.min(x.length, y.length); k++) if (x[k] !== y[k]) return x[k]! - y[k]!;
    return x.length - y.length;
  }
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

function ordered(op: string, c: number): boolean {
  return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
}

/** SPEC 3: the binary64 value x·10^d rounded half away from zero, divided by 10^d. */
function roundHalfAwayFromZero(x: number, d: number): number {
  const scale = 10 ** d;
  const m = x * scale;
  // Math.round rounds half up (towards +∞): that is away from zero for m ≥ 0.
  const r = m >= 0 ? Math.round(m) : -Math.round(-m);
  return d === 0 ? r : r / scale;
}

/** Continuous percentile: linear interpolation between the closest ranks (numpy's default). */
function percentile(values: number[], p: number | null): number | null {
  if (values.length === 0 || p === null || !(p >= 0 && p <= 100)) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

function resultOf(v: RValue): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** A sourced KPI's value (and series, with a grain) as SPEC 3 and 5 define them. */
export function referenceEvaluate(
  formula: Expr,
  filter: Expr | undefined,
  table: RefTable,
  grouping?: { time: string; grain: Grain },
): RefResult {
  const it = new Interpreter(table.types);
  const timeOf = (row: RefRow): number | null => {
    const t = grouping ? row[grouping.time] : null;
    if (t instanceof RDate) return t.ms;
    if (typeof t === 'string') return parseDateTime(t) ?? null;
    return null;
  };
  let rows = table.rows;
  if (grouping) rows = rows.filter((row) => timeOf(row) !== null);
  if (filter) rows = rows.filter((row) => it.ev(filter, { row }) === true);
  if (!grouping) {
    const value = resultOf(it.ev(formula, { rows }));
    return { series: undefined, value, divisionByZero: it.divisionByZero };
  }
  const groups = new Map<string, { start: string; startMs: number; rows: RefRow[] }>();
  for (const row of rows) {
    const period = refPeriodOf(timeOf(row)!, grouping.grain);
    const group = groups.get(period.label) ?? { start: period.start, startMs: period.startMs, rows: [] };
    group.rows.push(row);
    groups.set(period.label, group);
  }
  const ordered = [...groups].sort(([, a], [, b]) => a.startMs - b.startMs);
  const series = ordered.map(([period, g]) => ({
    period,
    start: g.start,
    value: resultOf(it.ev(formula, { rows: g.rows })),
  }));
  const value = series.length > 0 ? series[series.length - 1]!.value : null;
  return { series, value, divisionByZero: it.divisionByZero };
}
