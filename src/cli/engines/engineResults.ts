/**
 * KPIs whose rows stay in an engine: the SQL compiler's query per source and grain, run
 * on the source's engine, its rows mapped back to KPI values (core/sql/sqlResults.ts), and
 * the core's evaluation doing the rest (derived KPIs, targets, comparisons, notes). KPIs of
 * in-memory sources are computed in memory as always.
 */
import type { Analysis } from '../../core/checks/analysis';
import type { EngineName, EngineSource } from '../../core/data/engineSources';
import type { SourceState } from '../../core/data/sources';
import type { Column, Table } from '../../core/data/table';
import type { ComputedBreakdown } from '../../core/evaluation/breakdown';
import {
  evaluationSteps,
  type KpiResult,
  type SourcedBreakdowns,
  type SourcedValues,
} from '../../core/evaluation/evaluate';
import type { KpiValue } from '../../core/formula/api';
import type { ColumnType, Source } from '../../core/model/kpiFile';
import { compileKpiSql, type SqlSource } from '../../core/sql/compileKpis';
import { dialectOf } from '../../core/sql/dialects';
import { kpiValuesFromRows, type SqlRow } from '../../core/sql/sqlResults';
import { sqlBreakdowns } from '../../core/sql/breakdownResults';
import { EngineFailure } from './engine';
import { relationOf } from './relation';
import type { EngineSession } from './session';

/** Every KPI's result, those of engine sources computed by their engines. */
export async function evaluateWithEngines(
  analysis: Analysis,
  session: EngineSession,
  only?: ReadonlySet<string>,
  by: readonly string[] = [],
): Promise<KpiResult[]> {
  const engineSources = new Map<string, EngineSource>();
  for (const [name, state] of analysis.sources) if (state.status === 'engine') engineSources.set(name, state.spec);
  const values = new Map<string, KpiValue>();
  const failures = new Map<string, string>();
  const breakdowns = new Map<string, Map<string, ComputedBreakdown>>();
  if (engineSources.size > 0) {
    const view = compilerView(analysis);
    for (const engine of ['duckdb', 'postgres'] as const satisfies readonly EngineName[]) {
      const mine = [...engineSources.values()].filter((s) => s.engine === engine);
      if (mine.length === 0) continue;
      await runOn(engine, mine, view, session, { only, by }, { values, failures, breakdowns });
    }
  }
  const sourced: SourcedValues = (kpi) => {
    if (analysis.sources.get(kpi.source?.value ?? '')?.status !== 'engine') return undefined;
    const id = kpi.id?.value ?? '';
    const value = values.get(id);
    if (value) return { value };
    return { failure: failures.get(id) ?? 'its engine did not compute it' };
  };
  // An engine source's breakdowns are its engine's (none for a column it lacks or a query that failed).
  const sourcedBreakdown: SourcedBreakdowns = (kpi, column) => {
    if (analysis.sources.get(kpi.source?.value ?? '')?.status !== 'engine') return undefined;
    return breakdowns.get(kpi.id?.value ?? '')?.get(column) ?? null;
  };
  const steps = evaluationSteps(analysis, { only, by, sourcedValue: sourced, sourcedBreakdown });
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

async function runOn(
  engine: EngineName,
  specs: readonly EngineSource[],
  view: Analysis,
  session: EngineSession,
  { only, by }: { only: ReadonlySet<string> | undefined; by: readonly string[] },
  found: {
    values: Map<string, KpiValue>;
    failures: Map<string, string>;
    breakdowns: Map<string, Map<string, ComputedBreakdown>>;
  },
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
  // Breakdowns of the KPIs computed; one whose query fails is left out, as in memory when it cannot be computed.
  const broken = await sqlBreakdowns(compiled, (query, sql) => session.run(bySource.get(query.source)!, sql));
  for (const [kpi, columns] of broken) if (values.has(kpi)) found.breakdowns.set(kpi, columns);
}

/** The SQL relation of each source read through an engine (its table, query or files); undefined for the others. */
export function engineTableOf(specs: readonly EngineSource[]): (source: Source) => SqlSource | undefined {
  const bySource = new Map(specs.map((s) => [s.source, s]));
  return (source) => {
    const spec = bySource.get(source.name);
    return spec ? { from: relationOf(spec) } : undefined;
  };
}

/**
 * The analysis as the SQL compiler reads it: an engine source looks like a read source
 * whose table has its columns and no rows (the compiler needs only their types; the rows
 * are the engine's, reached through `tableOf`).
 */
export function compilerView(analysis: Analysis): Analysis {
  const sources = new Map<string, SourceState>();
  for (const [name, state] of analysis.sources) {
    if (state.status !== 'engine') {
      sources.set(name, state);
      continue;
    }
    const columns = new Map<string, Column>();
    for (const [column, type] of state.columns) columns.set(column, emptyColumn(type));
    const table: Table = { rowCount: 0, columns };
    sources.set(name, { status: 'ok', absPath: state.spec.read.kind === 'file' ? state.spec.read.path : '', table });
  }
  return { ...analysis, sources };
}

function emptyColumn(type: ColumnType): Column {
  if (type === 'string') return { type, codes: new Int32Array(0), dictionary: [] };
  if (type === 'boolean') return { type, values: new Uint8Array(0) };
  return { type, values: new Float64Array(0) };
}
