/**
 * Derived KPIs (SPEC 3): formulas over other KPIs' values.
 *
 * Choices where SPEC is silent:
 * - `grain` is the derived KPI's grain (its inputs', see checks/grains.ts). When it
 *   is undefined, every input acts as a constant (its current `value`) and there is no
 *   series. When it is defined, the series has the periods present in every input that
 *   has a series, in the first such input's (time) order; inputs without a series are
 *   constants. When no input has a series, the result is a constant without series.
 * - A missing input (not in `inputs`) is null. A null input propagates like any null
 *   (`coalesce(a, 0)` still turns it into 0); it never raises the division-by-zero note.
 * - Inputs' notes are not inherited; the note is set only by a division here.
 */
import type { Grain } from '../model/kpiFile';
import type { CheckedFormula, KpiValue, PeriodValue } from './api';
import { compile, type CompileEnv } from './compile';
import { asNumber, UncheckedFormulaError } from './compiled';
import { resultNumber } from './evaluateSourced';

export function evaluateDerived(
  formula: CheckedFormula,
  inputs: ReadonlyMap<string, KpiValue>,
  grain: Grain | undefined,
): KpiValue {
  if (!formula.expr) throw new UncheckedFormulaError('the formula did not parse');
  const names = [...new Set(formula.kpiRefs.map((ref) => ref.name))];
  const grained =
    grain === undefined
      ? []
      : names.map((name) => inputs.get(name)?.series).filter((s): s is PeriodValue[] => s !== undefined);
  let periods: { period: string; start: string }[] | undefined;
  if (grained.length > 0) {
    const others = grained.slice(1).map((series) => new Set(series.map((e) => e.period)));
    periods = grained[0]!.filter((e) => others.every((set) => set.has(e.period)));
  }
  const count = periods?.length ?? 1;
  const columns = new Map<string, Float64Array>();
  for (const name of names) {
    const input = inputs.get(name);
    const values = new Float64Array(count);
    if (periods && input?.series) {
      const byPeriod = new Map(input.series.map((e) => [e.period, e.value]));
      periods.forEach((e, k) => {
        values[k] = byPeriod.get(e.period) ?? NaN;
      });
    } else {
      values.fill(input?.value ?? NaN);
    }
    columns.set(name, values);
  }
  let divisionByZero = false;
  const env: CompileEnv = {
    identifier: (node) => {
      const values = columns.get(node.name);
      if (!values) throw new UncheckedFormulaError(`no KPI ${node.name}`);
      return { type: 'number', f: (p) => values[p]! };
    },
    aggregate: (node) => {
      throw new UncheckedFormulaError(`${node.name}() in a derived formula`);
    },
    divisionByZero: () => {
      divisionByZero = true;
    },
  };
  const f = asNumber(compile(formula.expr, env), 'the formula').f;
  if (!periods) return { series: undefined, value: resultNumber(f(0)), divisionByZero };
  const series = periods.map((e, p) => ({ period: e.period, start: e.start, value: resultNumber(f(p)) }));
  return { series, value: series.length > 0 ? series[series.length - 1]!.value : null, divisionByZero };
}
