/**
 * How the SQL compiler sees sources whose rows stay in an engine: as read sources whose
 * tables have the engine's columns and no rows, read from their table, query or files.
 * What `kpi-lens sql`, the CLI's engines and the editor's Show SQL share.
 */
import type { Analysis } from '../checks/analysis';
import type { EngineSource } from '../data/engineSources';
import type { SourceState } from '../data/sources';
import type { Column, Table } from '../data/table';
import type { ColumnType, Source } from '../model/kpiFile';
import type { SqlSource } from './compileKpis';
import { relationOf } from './relation';

/** The engine sources of an analysis (those whose engine described them). */
export function engineSpecsIn(analysis: Analysis): EngineSource[] {
  const specs: EngineSource[] = [];
  for (const state of analysis.sources.values()) if (state.status === 'engine') specs.push(state.spec);
  return specs;
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
