/**
 * KPIs whose rows stay in an engine: the SQL compiler's query per source and grain, run
 * on the source's engine, its rows mapped back to KPI values (core/sql/sqlResults.ts), and
 * the core's evaluation doing the rest (derived KPIs, targets, comparisons, notes). KPIs of
 * in-memory sources are computed in memory as always.
 */
import type { Analysis } from '../../core/checks/analysis';
import type { EngineName, EngineSource } from '../../core/data/engineSources';
import { engineHooks, noEngineValues, type EngineValues } from '../../core/evaluation/engineValues';
import { evaluationSteps, type KpiResult } from '../../core/evaluation/evaluate';
import { sourcedValuesInParallel, type EvaluationThreads } from '../../core/evaluation/sourcedInParallel';
import type { Source } from '../../core/model/kpiFile';
import { compileKpiSql, type SqlSource } from '../../core/sql/compileKpis';
import { dialectOf } from '../../core/sql/dialects';
import { compilerView, engineSpecsIn, engineTableOf } from '../../core/sql/engineView';
import { kpiValuesFromRows, type SqlRow } from '../../core/sql/sqlResults';
import { sqlBreakdowns } from '../../core/sql/breakdownResults';
import { EngineFailure } from './engine';
import type { EngineSession } from './session';

/** Every KPI's result, those of engine sources computed by their engines. */
export async function evaluateWithEngines(
  analysis: Analysis,
  session: EngineSession,
  only?: ReadonlySet<string>,
  by: readonly string[] = [],
  threads?: EvaluationThreads,
): Promise<KpiResult[]> {
  const found = await computeOnEngines(analysis, session, only, by);
  const hooks = engineHooks(analysis, found);
  // Every in-memory KPI computed ahead on several threads (not for --kpi: only what it needs is computed).
  const ahead = threads && !only ? await sourcedValuesInParallel(analysis, threads) : undefined;
  const steps = evaluationSteps(analysis, {
    only,
    by,
    sourcedBreakdown: hooks.sourcedBreakdown,
    sourcedValue: (kpi) => {
      const value = ahead?.get(kpi);
      return value ? { value } : hooks.sourcedValue(kpi);
    },
  });
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The values (and breakdowns) of the KPIs of engine sources, each engine's queries run on it. */
export async function computeOnEngines(
  analysis: Analysis,
  session: EngineSession,
  only?: ReadonlySet<string>,
  by: readonly string[] = [],
): Promise<EngineValues> {
  const found = noEngineValues();
  const engineSources = engineSpecsIn(analysis);
  if (engineSources.length === 0) return found;
  const view = compilerView(analysis);
  for (const engine of ['duckdb', 'postgres'] as const satisfies readonly EngineName[]) {
    const mine = engineSources.filter((s) => s.engine === engine);
    if (mine.length > 0) await runOn(engine, mine, view, session, { only, by }, found);
  }
  return found;
}

async function runOn(
  engine: EngineName,
  specs: readonly EngineSource[],
  view: Analysis,
  session: EngineSession,
  { only, by }: { only: ReadonlySet<string> | undefined; by: readonly string[] },
  found: EngineValues,
): Promise<void> {
  const { values, failures } = found;
  const bySource = new Map(specs.map((s) => [s.source, s]));
  // Sources this engine does not read are left out of its SQL (never read from a default table).
  const ownTable = engineTableOf(specs);
  const tableOf = (source: Source): SqlSource | { why: string } =>
    ownTable(source) ?? { why: `its source "${source.name}" is not read through ${engine}` };
  const compiled = compileKpiSql(view, { dialect: dialectOf(engine), kpis: only ? [...only] : undefined, tableOf, by });
  for (const s of compiled.skipped) failures.set(s.kpi, s.why);
  const rows: SqlRow[][] = [];
  for (const query of compiled.queries) {
    const spec = bySource.get(query.source);
    if (!spec) {
      rows.push([]);
      continue;
    }
    try {
      rows.push(await session.run(spec, query.sql));
    } catch (error) {
      const why = error instanceof EngineFailure ? error.message : (error as Error).message;
      for (const c of query.columns) failures.set(c.kpi, `its engine failed: ${why}`);
      rows.push([]);
    }
  }
  // A failed query's KPIs are in `failures`; its empty rows give them no value.
  for (const [kpi, value] of kpiValuesFromRows(compiled, rows)) if (!failures.has(kpi)) values.set(kpi, value);
  // Breakdowns of the KPIs computed; one whose query fails is left out, and why is kept for that KPI.
  const broken = await sqlBreakdowns(
    compiled,
    (query, sql) => session.run(bySource.get(query.source)!, sql),
    (query, error, kpis) => {
      const why = `its engine failed: ${(error as Error).message}`;
      for (const kpi of kpis) {
        let mine = found.breakdownFailures.get(kpi);
        if (!mine) found.breakdownFailures.set(kpi, (mine = new Map()));
        mine.set(query.column, why);
      }
    },
  );
  for (const [kpi, columns] of broken) if (values.has(kpi)) found.breakdowns.set(kpi, columns);
}
