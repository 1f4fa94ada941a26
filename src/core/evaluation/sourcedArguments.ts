/**
 * What a sourced KPI is computed from, decided in one place: the evaluation (evaluate.ts)
 * and the threads computing KPIs ahead of it (sourcedInParallel.ts) must agree exactly.
 */
import type { Analysis } from '../checks/analysis';
import type { Table } from '../data/table';
import type { CheckedFormula } from '../formula/api';
import type { Grouping } from '../formula/evaluateSourced';
import type { Kpi, KpiFile } from '../model/kpiFile';

/** evaluateSourced's arguments for one KPI. */
export interface SourcedArguments {
  formula: CheckedFormula;
  filter: CheckedFormula | undefined;
  table: Table;
  grouping: Grouping | undefined;
}

/** The KPI's periods: its grain over its source's time column; undefined for one value. */
export function groupingOfKpi(model: KpiFile, kpi: Kpi): Grouping | undefined {
  const time = model.sources.find((s) => s.name === kpi.source?.value)?.time?.value;
  return kpi.grain && time !== undefined ? { time, grain: kpi.grain.value } : undefined;
}

/** The arguments of a KPI whose source was read into memory; undefined for any other. */
export function sourcedArguments(analysis: Analysis, kpi: Kpi): SourcedArguments | undefined {
  const checked = analysis.formulas.get(kpi.index);
  const state = kpi.source ? analysis.sources.get(kpi.source.value) : undefined;
  if (!checked?.formula || state?.status !== 'ok') return undefined;
  return {
    formula: checked.formula,
    filter: checked.filter,
    table: state.table,
    grouping: groupingOfKpi(analysis.model, kpi),
  };
}
