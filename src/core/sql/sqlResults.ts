/**
 * The way back from an engine's result rows to the core's results: each query's rows give
 * the sourced KPIs' values and series (a period is an entry where the KPI has rows after
 * its filter; the note when any period divided by zero); the core's evaluation then does
 * the rest exactly as for the in-memory engine: derived KPIs (evaluateDerived over these
 * values), status, progress, pace, comparisons, notes.
 */
import type { Analysis } from '../checks/analysis';
import type { ComputedBreakdown } from '../evaluation/breakdown';
import { evaluationSteps, type KpiResult, type SourcedBreakdowns, type SourcedValues } from '../evaluation/evaluate';
import type { KpiValue, PeriodValue } from '../formula/api';
import type { KpiSql } from './compileKpis';

/** One result row as an engine client returns it: column name → value. */
export type SqlRow = Readonly<Record<string, unknown>>;

/** A number of a result cell: null for NULL, NaN or an infinity (as the core's resultNumber). */
export function cellNumber(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  const n = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : Number(String(v));
  return Number.isFinite(n) ? n : null;
}

export function cellTrue(v: unknown): boolean {
  return v === true || v === 1 || v === 't' || v === 'true' || v === 'TRUE';
}

/**
 * The sourced KPIs' values from the rows of each query (`rows[i]` are those of
 * `compiled.queries[i]`, in the order the SQL returned them), by KPI id.
 */
export function kpiValuesFromRows(compiled: KpiSql, rows: readonly (readonly SqlRow[])[]): Map<string, KpiValue> {
  const values = new Map<string, KpiValue>();
  compiled.queries.forEach((query, i) => {
    const result = rows[i] ?? [];
    for (const c of query.columns) {
      const divisionByZero = c.note !== undefined && result.some((row) => cellTrue(row[c.note!]));
      if (!query.period) {
        const row = result[0];
        values.set(c.kpi, { series: undefined, value: row ? cellNumber(row[c.value]) : null, divisionByZero });
        continue;
      }
      const { label, start } = query.period;
      const series: PeriodValue[] = result
        .filter((row) => (cellNumber(row[c.rows]) ?? 0) > 0)
        .map((row) => ({ period: String(row[label]), start: String(row[start]), value: cellNumber(row[c.value]) }));
      const value = series.length > 0 ? series[series.length - 1]!.value : null;
      values.set(c.kpi, { series, value, divisionByZero });
    }
  });
  return values;
}

/**
 * Every KPI's result (as evaluateAnalysis gives it) with the sourced KPIs' values taken
 * from the SQL's rows, and their breakdowns from `breakdowns` (breakdownResults.ts) when given. A sourced KPI the SQL does not compute fails with the compiler's
 * reason; it is never computed another way.
 */
export function resultsFromRows(
  analysis: Analysis,
  compiled: KpiSql,
  rows: readonly (readonly SqlRow[])[],
  only?: ReadonlySet<string>,
  breakdowns?: { found: ReadonlyMap<string, ReadonlyMap<string, ComputedBreakdown>>; by?: readonly string[] },
): KpiResult[] {
  const values = kpiValuesFromRows(compiled, rows);
  const why = new Map(compiled.skipped.map((s) => [s.kpi, s.why]));
  const sourced: SourcedValues = (kpi) => {
    const id = kpi.id?.value ?? '';
    const value = values.get(id);
    if (value) return { value };
    return { failure: why.get(id) ?? 'it was not in the SQL' };
  };
  // With the breakdowns run (sqlBreakdowns), a sourced KPI's are those; never computed another way.
  const sourcedBreakdown: SourcedBreakdowns | undefined = breakdowns
    ? (kpi, column) => (kpi.source ? (breakdowns.found.get(kpi.id?.value ?? '')?.get(column) ?? null) : undefined)
    : undefined;
  const steps = evaluationSteps(analysis, { only, by: breakdowns?.by, sourcedValue: sourced, sourcedBreakdown });
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
