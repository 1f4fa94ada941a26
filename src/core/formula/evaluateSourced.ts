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
import { asBoolean, asNumber, UncheckedFormulaError, type Compiled } from './compiled';

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
  if (!formula.expr) throw new UncheckedFormulaError('the formula did not parse');
  let divisionByZero = false;
  const rowState = { divided: false };
  const rowEnv: CompileEnv = {
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

  let periodOfRow: Int32Array | undefined;
  let periods: Period[] = [];
  if (grouping) ({ periodOfRow, periods } = groupingOf(table, grouping));
  const periodCount = grouping ? periods.length : 1;
  const rowsPerPeriod = new Float64Array(periodCount);
  const ctx: AggregateContext = { periodCount, rowsPerPeriod, rowEnv, rowState };

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
          if (divided[p]) divisionByZero = true;
          return values[p]!;
        },
      };
    },
    divisionByZero: () => {
      divisionByZero = true;
    },
  };
  const outer = asNumber(compile(formula.expr, outerEnv), 'the formula').f;
  const keep = filter?.expr ? asBoolean(compile(filter.expr, rowEnv), 'the filter').f : undefined;

  const n = table.rowCount;
  const addCount = adders.length;
  for (let r = 0; r < n; r++) {
    const p = periodOfRow === undefined ? 0 : periodOfRow[r]!;
    if (p < 0) continue;
    if (keep !== undefined) {
      const kept = keep(r);
      if (rowState.divided) {
        divisionByZero = true;
        rowState.divided = false;
      }
      if (kept !== BOOL_TRUE) continue;
    }
    rowsPerPeriod[p]++;
    for (let k = 0; k < addCount; k++) adders[k]!(r, p);
  }
  for (const finish of finishers) finish();

  if (!grouping) {
    const value = resultNumber(outer(0));
    return { series: undefined, value, divisionByZero };
  }
  const series: PeriodValue[] = [];
  periods.forEach((period, p) => {
    if (rowsPerPeriod[p]! > 0)
      series.push({ period: period.label, start: period.start, value: resultNumber(outer(p)) });
  });
  return { series, value: series.length > 0 ? series[series.length - 1]!.value : null, divisionByZero };
}
