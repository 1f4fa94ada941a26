/**
 * Evaluates a sourced KPI: one pass over the rows updates every aggregate of the formula
 * for the row's period (after the filter); then the outer part of the formula runs once
 * per period over the aggregate results.
 */
import { parseDateTime } from '../data/dates';
import { BOOL_TRUE, type Column, type Table } from '../data/table';
import type { Grain } from '../model/kpiFile';
import { groupByPeriod, type Period, type PeriodGrouping } from '../data/periods';
import { makeAggregator, type AggregateContext } from './aggregates';
import type { CheckedFormula, KpiValue, PeriodValue } from './api';
import type { Call } from './ast';
import { compile, type CompileEnv } from './compile';
import { asBoolean, asNumber, UncheckedFormulaError, type Compiled, type NumFn } from './compiled';

export interface Grouping {
  /** The source's time column. */
  time: string;
  grain: Grain;
}

/** A column as a compiled row expression reading its typed array. */
export function columnReader(column: Column): Compiled {
  switch (column.type) {
    case 'number':
    case 'date': {
      const values = column.values;
      return { type: column.type, f: (i) => values[i]!, values };
    }
    case 'boolean': {
      const values = column.values;
      return { type: 'boolean', f: (i) => values[i]!, values };
    }
    case 'string': {
      const { codes, dictionary } = column;
      const f = (i: number): string | null => {
        const code = codes[i]!;
        return code < 0 ? null : dictionary[code]!;
      };
      return { type: 'string', f, column };
    }
  }
}

/**
 * The time of each row (epoch ms, NaN for null). A date column is used as it is; in a text
 * column, each value that reads as a date counts; any other column has no times.
 */
export function rowTimes(table: Table, time: string): Float64Array {
  const column = table.columns.get(time);
  if (column?.type === 'date') return column.values;
  const times = new Float64Array(table.rowCount).fill(NaN);
  if (column?.type === 'string') {
    // Each distinct text is read as a date once.
    const parsed = Float64Array.from(column.dictionary, (v) => parseDateTime(v) ?? NaN);
    const codes = column.codes;
    for (let r = 0; r < codes.length; r++) if (codes[r]! >= 0) times[r] = parsed[codes[r]!]!;
  }
  return times;
}

/**
 * Each row's period, computed once per table, time column and grain and shared by every KPI
 * on that source (read-only: the arrays are never written after grouping).
 */
const GROUPINGS = new WeakMap<Table, Map<string, PeriodGrouping>>();

function groupingOf(table: Table, grouping: Grouping): PeriodGrouping {
  let byKey = GROUPINGS.get(table);
  if (!byKey) GROUPINGS.set(table, (byKey = new Map()));
  const key = `${grouping.grain}\u0000${grouping.time}`;
  let known = byKey.get(key);
  if (!known) byKey.set(key, (known = groupByPeriod(rowTimes(table, grouping.time), grouping.grain)));
  return known;
}

/** A number as a result: null for NaN and for the infinities of an overflow. */
export function resultNumber(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/** The formula compiled over `slotCount` slots (a slot is a period, or a group's period). */
interface PreparedFormula {
  /** The formula's value in a slot; sets `flags.divided` when it divides by zero there. */
  outer: (slot: number) => number;
  adders: ((row: number, slot: number) => void)[];
  /** Runs once after the pass over the rows. */
  finish(): void;
  /** Rows per slot after the filter: the caller counts them during the pass. */
  rowsPerSlot: Float64Array;
  flags: { divided: boolean };
}

/** Compiles row expressions: names read columns by row index. */
function rowEnvOf(table: Table, rowState: { divided: boolean }): CompileEnv {
  return {
    identifier: (node) => {
      const column = table.columns.get(node.name);
      if (!column) throw new UncheckedFormulaError(`no column ${node.name}`);
      return columnReader(column);
    },
    aggregate: (node) => {
      throw new UncheckedFormulaError(`${node.name}() inside a row expression`);
    },
    divisionByZero: () => {
      rowState.divided = true;
    },
  };
}

function prepareFormula(
  formula: CheckedFormula,
  slotCount: number,
  rowEnv: CompileEnv,
  rowState: { divided: boolean },
): PreparedFormula {
  if (!formula.expr) throw new UncheckedFormulaError('the formula did not parse');
  const flags = { divided: false };
  const rowsPerSlot = new Float64Array(slotCount);
  const ctx: AggregateContext = { periodCount: slotCount, rowsPerPeriod: rowsPerSlot, rowEnv, rowState };
  const adders: ((row: number, p: number) => void)[] = [];
  const finishers: (() => void)[] = [];
  const outerEnv: CompileEnv = {
    identifier: (node) => {
      throw new UncheckedFormulaError(`column ${node.name} outside an aggregate`);
    },
    aggregate: (call: Call) => {
      const aggregator = makeAggregator(call, ctx);
      if (aggregator.add) adders.push(aggregator.add);
      let values: Float64Array = new Float64Array(0);
      finishers.push(() => {
        values = aggregator.finish();
      });
      const divided = aggregator.divided;
      return {
        type: 'number',
        f: (p) => {
          if (divided[p]) flags.divided = true;
          return values[p]!;
        },
      };
    },
    divisionByZero: () => {
      flags.divided = true;
    },
  };
  const outer = asNumber(compile(formula.expr, outerEnv), 'the formula').f;
  return {
    outer,
    adders,
    finish: () => {
      for (const finish of finishers) finish();
    },
    rowsPerSlot,
    flags,
  };
}

function compileFilter(filter: CheckedFormula | undefined, rowEnv: CompileEnv): NumFn | undefined {
  return filter?.expr ? asBoolean(compile(filter.expr, rowEnv), 'the filter').f : undefined;
}

function periodsOf(table: Table, grouping: Grouping | undefined): { periodOfRow?: Int32Array; periods: Period[] } {
  return grouping ? groupingOf(table, grouping) : { periods: [] };
}

/**
 * The value (and series, with a grouping) of a sourced KPI. Call it only when the formula
 * and the filter have no diagnostics.
 */
export function evaluateSourced(
  formula: CheckedFormula,
  filter: CheckedFormula | undefined,
  table: Table,
  grouping?: Grouping,
): KpiValue {
  const rowState = { divided: false };
  const rowEnv = rowEnvOf(table, rowState);
  const { periodOfRow, periods } = periodsOf(table, grouping);
  const periodCount = grouping ? periods.length : 1;
  const prepared = prepareFormula(formula, periodCount, rowEnv, rowState);
  const { outer, adders, rowsPerSlot: rowsPerPeriod, flags } = prepared;
  const keep = compileFilter(filter, rowEnv);

  const n = table.rowCount;
  const addCount = adders.length;
  for (let r = 0; r < n; r++) {
    const p = periodOfRow === undefined ? 0 : periodOfRow[r]!;
    if (p < 0) continue;
    if (keep !== undefined) {
      const kept = keep(r);
      if (rowState.divided) {
        flags.divided = true;
        rowState.divided = false;
      }
      if (kept !== BOOL_TRUE) continue;
    }
    rowsPerPeriod[p]++;
    for (let k = 0; k < addCount; k++) adders[k]!(r, p);
  }
  prepared.finish();

  if (!grouping) {
    const value = resultNumber(outer(0));
    return { series: undefined, value, divisionByZero: flags.divided };
  }
  const series: PeriodValue[] = [];
  periods.forEach((period, p) => {
    if (rowsPerPeriod[p]! > 0)
      series.push({ period: period.label, start: period.start, value: resultNumber(outer(p)) });
  });
  return { series, value: series.length > 0 ? series[series.length - 1]!.value : null, divisionByZero: flags.divided };
}

/** Each row's group: 0 … count − 1 (a row of no group has −1 and is left out). */
export interface RowGroups {
  ofRow: Int32Array;
  count: number;
}

/** Which groups are computed: the computed group of each group of RowGroups (−1: none), and how many. */
export interface GroupFold {
  ofGroup: Int32Array;
  count: number;
}

export interface GroupedValues {
  /** Rows of each group of RowGroups after the filter (and, with a grouping, with a time). */
  rows: Float64Array;
  /**
   * One value per computed group. With a grouping, a group's series has the periods in which
   * it has rows, and its value is that of the last period in which any group has rows
   * (computed over the group's rows in that period, which may be none).
   */
  values: KpiValue[];
}

/**
 * A sourced KPI computed per group of rows (a breakdown): the filter runs once per row and
 * counts the rows of each group; `fold` then says which groups to compute (the largest, and
 * the rest together); one more pass over the kept rows computes every computed group and
 * period at once. Call it only when the formula and the filter have no diagnostics.
 */
export function evaluateSourcedGroups(
  formula: CheckedFormula,
  filter: CheckedFormula | undefined,
  table: Table,
  grouping: Grouping | undefined,
  groups: RowGroups,
  fold: (rows: Float64Array) => GroupFold,
): GroupedValues {
  if (!formula.expr) throw new UncheckedFormulaError('the formula did not parse');
  const rowState = { divided: false };
  const rowEnv = rowEnvOf(table, rowState);
  const { periodOfRow, periods } = periodsOf(table, grouping);
  const periodCount = grouping ? periods.length : 1;
  const keep = compileFilter(filter, rowEnv);

  const n = table.rowCount;
  const ofRow = groups.ofRow;
  const rows = new Float64Array(groups.count);
  const kept = new Uint8Array(n);
  let filterDivided: Uint8Array | undefined;
  for (let r = 0; r < n; r++) {
    const p = periodOfRow === undefined ? 0 : periodOfRow[r]!;
    const g = ofRow[r]!;
    if (p < 0 || g < 0) continue;
    if (keep !== undefined) {
      const k = keep(r);
      if (rowState.divided) {
        (filterDivided ??= new Uint8Array(n))[r] = 1;
        rowState.divided = false;
      }
      if (k !== BOOL_TRUE) continue;
    }
    kept[r] = 1;
    rows[g]++;
  }

  const { ofGroup, count } = fold(rows);
  const prepared = prepareFormula(formula, count * periodCount, rowEnv, rowState);
  const { outer, adders, rowsPerSlot, flags } = prepared;
  const dividedIn = new Uint8Array(count);
  const addCount = adders.length;
  for (let r = 0; r < n; r++) {
    if (kept[r] === 0) continue;
    const g = ofGroup[ofRow[r]!]!;
    if (g < 0) continue;
    const slot = g * periodCount + (periodOfRow === undefined ? 0 : periodOfRow[r]!);
    if (filterDivided?.[r]) dividedIn[g] = 1;
    rowsPerSlot[slot]++;
    for (let k = 0; k < addCount; k++) adders[k]!(r, slot);
  }
  prepared.finish();

  let last = -1;
  for (let s = 0; s < rowsPerSlot.length; s++) if (rowsPerSlot[s]! > 0) last = Math.max(last, s % periodCount);
  const values: KpiValue[] = [];
  for (let g = 0; g < count; g++) {
    flags.divided = false;
    const base = g * periodCount;
    if (!grouping) {
      const value = resultNumber(outer(base));
      values.push({ series: undefined, value, divisionByZero: flags.divided || dividedIn[g] === 1 });
      continue;
    }
    const series: PeriodValue[] = [];
    periods.forEach((period, p) => {
      if (rowsPerSlot[base + p]! > 0)
        series.push({ period: period.label, start: period.start, value: resultNumber(outer(base + p)) });
    });
    const value = last < 0 ? null : resultNumber(outer(base + last));
    values.push({ series, value, divisionByZero: flags.divided || dividedIn[g] === 1 });
  }
  return { rows, values };
}
