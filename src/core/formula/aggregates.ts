/**
 * Aggregates accumulate per period in typed arrays during the one pass over the rows.
 * `add(row, p)` is called for each row that passed the filter, with its period index;
 * `finish()` gives one value per period (NaN for null).
 */
import { BOOL_TRUE, type StringColumn } from '../data/table';
import type { Call } from './ast';
import { walk } from './ast';
import { compile, type CompileEnv } from './compile';
import { asBoolean, asNumber, UncheckedFormulaError, type CompiledBoolean, type CompiledNumber } from './compiled';
import { selectQuantile } from './selectQuantile';

export interface AggregateContext {
  periodCount: number;
  /** Rows per period after the filter; complete when `finish()` is called. */
  rowsPerPeriod: Float64Array;
  /** Compiles row expressions: names read columns by row index. */
  rowEnv: CompileEnv;
  /** Set by rowEnv when a row expression divides by zero; the aggregator clears it. */
  rowState: { divided: boolean };
}

export interface Aggregator {
  /** Undefined for count(), which needs no work per row. */
  add: ((row: number, p: number) => void) | undefined;
  finish(): Float64Array;
  /** Periods in which a row expression of this aggregate divided by zero. */
  divided: Uint8Array;
}

type Add = (row: number, p: number) => void;

export function makeAggregator(call: Call, ctx: AggregateContext): Aggregator {
  const divided = new Uint8Array(ctx.periodCount);
  const n = ctx.periodCount;
  const rows = ctx.rowsPerPeriod;
  const arg = (k: number): CompiledNumber => asNumber(compile(call.args[k]!, ctx.rowEnv), call.name);
  const predicate = (k: number): CompiledBoolean => asBoolean(compile(call.args[k]!, ctx.rowEnv), call.name);
  const where = call.where ? asBoolean(compile(call.where.predicate, ctx.rowEnv), 'where').f : undefined;
  const state = ctx.rowState;
  let mayDivide = false;
  walk(call, (node) => {
    if (node.kind === 'binary' && node.op === '/') mayDivide = true;
  });
  /** Adds the where test and, where a division may happen, its bookkeeping around an adder. */
  const wrap = (add: Add): Add => {
    const w = where;
    if (!mayDivide) {
      return w === undefined
        ? add
        : (r, p) => {
            if (w(r) === BOOL_TRUE) add(r, p);
          };
    }
    if (w === undefined) {
      return (r, p) => {
        add(r, p);
        if (state.divided) {
          divided[p] = 1;
          state.divided = false;
        }
      };
    }
    return (r, p) => {
      if (w(r) === BOOL_TRUE) add(r, p);
      if (state.divided) {
        divided[p] = 1;
        state.divided = false;
      }
    };
  };

  switch (call.name) {
    case 'count':
    case 'pct':
    case 'share': {
      if (call.args.length === 0) return { add: undefined, finish: () => rows.slice(), divided };
      const c = predicate(0);
      const counts = new Float64Array(n);
      const scale = call.name === 'pct' ? 100 : 1;
      const values = c.values;
      const f = c.f;
      return {
        add: wrap(
          values
            ? (r, p) => {
                if (values[r] === BOOL_TRUE) counts[p]++;
              }
            : (r, p) => {
                if (f(r) === BOOL_TRUE) counts[p]++;
              },
        ),
        finish: () => {
          if (call.name === 'count') return counts;
          return counts.map((c, p) => (rows[p]! > 0 ? (scale * c) / rows[p]! : NaN));
        },
        divided,
      };
    }
    case 'sum':
    case 'avg': {
      const { f, values } = arg(0);
      const sums = new Float64Array(n);
      const counts = new Float64Array(n);
      return {
        add: wrap(
          values
            ? (r, p) => {
                const v = values[r]!;
                if (v === v) {
                  sums[p] += v;
                  counts[p]++;
                }
              }
            : (r, p) => {
                const v = f(r);
                if (v === v) {
                  sums[p] += v;
                  counts[p]++;
                }
              },
        ),
        finish: () => (call.name === 'sum' ? sums : sums.map((s, p) => (counts[p]! > 0 ? s / counts[p]! : NaN))),
        divided,
      };
    }
    case 'min':
    case 'max': {
      const { f: read } = arg(0);
      const best = new Float64Array(n).fill(NaN);
      const add: Add =
        call.name === 'min'
          ? (r, p) => {
              const v = read(r);
              if (v === v && !(best[p]! <= v)) best[p] = v;
            }
          : (r, p) => {
              const v = read(r);
              if (v === v && !(best[p]! >= v)) best[p] = v;
            };
      return { add: wrap(add), finish: () => best, divided };
    }
    case 'median':
    case 'percentile': {
      const { f, values } = arg(0);
      const q = call.name === 'median' ? 50 : asNumber(compile(call.args[1]!, ctx.rowEnv), 'percentile').f(0);
      if (state.divided) {
        // The percentile itself divided by zero (it is then null): every period's value is affected.
        divided.fill(1);
        state.divided = false;
      }
      const lists = new ValueLists(n);
      return {
        add: wrap(
          values
            ? (r, p) => {
                const v = values[r]!;
                if (v === v) lists.push(p, v);
              }
            : (r, p) => {
                const v = f(r);
                if (v === v) lists.push(p, v);
              },
        ),
        finish: () => lists.quantiles(q / 100),
        divided,
      };
    }
    case 'count_distinct':
      return countDistinct(call, ctx, wrap, divided);
    default:
      throw new UncheckedFormulaError(`${call.name} is not an aggregate`);
  }
}

function countDistinct(call: Call, ctx: AggregateContext, wrap: (add: Add) => Add, divided: Uint8Array): Aggregator {
  const c = compile(call.args[0]!, ctx.rowEnv);
  // count_distinct(null) has no value to count; its where is still evaluated row by row.
  if (c.type === 'null')
    return { add: wrap(() => undefined), finish: () => new Float64Array(ctx.periodCount), divided };
  const sets: (Set<number | string> | undefined)[] = new Array<Set<number | string> | undefined>(ctx.periodCount);
  const finish = (): Float64Array => Float64Array.from(sets, (s) => s?.size ?? 0);
  if (c.type === 'string' && c.column) return distinctCodes(c.column, ctx.periodCount, wrap, divided);
  if (c.type === 'string') {
    const f = c.f;
    return {
      add: wrap((r, p) => {
        const v = f(r);
        if (v !== null) (sets[p] ??= new Set()).add(v);
      }),
      finish,
      divided,
    };
  }
  const f = c.f;
  const isNull = c.type === 'boolean' ? (v: number) => v > BOOL_TRUE : (v: number) => v !== v;
  return {
    add: wrap((r, p) => {
      const v = f(r);
      if (!isNull(v)) (sets[p] ??= new Set()).add(v);
    }),
    finish,
    divided,
  };
}

/** Most bits a seen-bitmap of count_distinct over a column's codes may take (8 MB). */
const MAX_BITMAP_BITS = 64 * 1024 * 1024;

/**
 * count_distinct over a text column's codes: one bit per (period, code) marks a value seen,
 * so each row costs an integer test instead of hashing its text. A dictionary too large for
 * the bitmap falls back to a set of codes per period.
 */
function distinctCodes(
  column: StringColumn,
  periodCount: number,
  wrap: (add: Add) => Add,
  divided: Uint8Array,
): Aggregator {
  const { codes, dictionary } = column;
  const size = dictionary.length;
  const counts = new Float64Array(periodCount);
  if (periodCount * size <= MAX_BITMAP_BITS) {
    const seen = new Uint32Array(Math.ceil((periodCount * size) / 32));
    return {
      add: wrap((r, p) => {
        const code = codes[r]!;
        if (code < 0) return;
        const bit = p * size + code;
        const word = bit >>> 5;
        const mask = 1 << (bit & 31);
        if ((seen[word]! & mask) === 0) {
          seen[word] = seen[word]! | mask;
          counts[p]++;
        }
      }),
      finish: () => counts,
      divided,
    };
  }
  const sets: (Set<number> | undefined)[] = new Array<Set<number> | undefined>(periodCount);
  return {
    add: wrap((r, p) => {
      const code = codes[r]!;
      if (code >= 0) (sets[p] ??= new Set()).add(code);
    }),
    finish: () => Float64Array.from(sets, (set) => set?.size ?? 0),
    divided,
  };
}

/**
 * Non-null values per period for percentiles: (period, value) pairs in growable typed
 * arrays, grouped by period with a counting sort at the end; each group's quantile by
 * quickselect (selectQuantile.ts).
 */
class ValueLists {
  private periods = new Int32Array(1024);
  private values = new Float64Array(1024);
  private length = 0;

  constructor(private readonly periodCount: number) {}

  push(p: number, v: number): void {
    if (this.length === this.values.length) {
      const periods = new Int32Array(this.length * 2);
      periods.set(this.periods);
      this.periods = periods;
      const values = new Float64Array(this.length * 2);
      values.set(this.values);
      this.values = values;
    }
    this.periods[this.length] = p;
    this.values[this.length++] = v;
  }

  /** The continuous quantile q (0..1) of each period's values; NaN for none or a bad q. */
  quantiles(q: number): Float64Array {
    const n = this.periodCount;
    const result = new Float64Array(n).fill(NaN);
    if (!(q >= 0 && q <= 1)) return result;
    const starts = new Int32Array(n + 1);
    for (let k = 0; k < this.length; k++) starts[this.periods[k]! + 1]++;
    for (let p = 0; p < n; p++) starts[p + 1] += starts[p]!;
    const next = starts.slice(0, n);
    const grouped = new Float64Array(this.length);
    for (let k = 0; k < this.length; k++) grouped[next[this.periods[k]!]!++] = this.values[k]!;
    for (let p = 0; p < n; p++) {
      const group = grouped.subarray(starts[p]!, starts[p + 1]!);
      if (group.length === 0) continue;
      result[p] = selectQuantile(group, q);
    }
    return result;
  }
}

/** Linear interpolation between the closest ranks (DuckDB quantile_cont, numpy "linear"). */
export function quantileOfSorted(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo]!;
  if (lo === hi) return a;
  const b = sorted[hi]!;
  return a + (b - a) * (pos - lo);
}
