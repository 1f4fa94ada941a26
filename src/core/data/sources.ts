import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ColumnType, KpiFile, Source, SourceFormat } from '../model/kpiFile';
import {
  ENGINE_LABEL,
  engineSourceOf,
  isEngineProblem,
  needsEngine,
  type EngineSource,
  type EngineSourceInfo,
  type FileEngine,
  type SourcePlace,
} from './engineSources';
import type { DataError, LoadResult, ParseOptions } from './result';
import { columnTypes, type Table } from './table';

/** Reads a data file into a table; the CLI and the extension share one cached loader (DataCache). */
export interface DataLoader {
  load(absPath: string, options: ParseOptions): LoadResult;
  /**
   * True while the file is being read elsewhere (the extension reads large files in a worker
   * thread): the source then counts as not read, and the caller analyses again once it is.
   */
  pending?(absPath: string, options: ParseOptions): boolean;
}

/** Where sources may be read from. */
export interface SourceAccess {
  /** Folder of the KPI file: source paths resolve from here. Undefined for an unsaved file. */
  baseDir: string | undefined;
  /** The workspace folder a source may not leave. */
  workspaceRoot: string | undefined;
  allowOutside: boolean;
  loader: DataLoader | undefined;
  /** What the adapter's engines know of database sources; without it they are not read. */
  engines?: EngineCatalog;
}

/**
 * The adapter's view of its engines, asked synchronously: the CLI asks its engines first
 * (they are asynchronous) and answers from what they said; the editor, which runs no
 * engine, answers with why not.
 */
export interface EngineCatalog {
  /** How file sources are evaluated; `duckdb` makes every file source an engine source. */
  fileEngine: FileEngine;
  describe(spec: EngineSource): EngineSourceInfo;
  /**
   * True while the engine is still being asked (the editor asks the CLI asynchronously):
   * the source then counts as not read, and the caller analyses again once it answered.
   */
  pending?(spec: EngineSource): boolean;
}

export type SourceState =
  | { status: 'no-path' }
  | { status: 'no-folder' }
  /** No loader was given: the caller asked for no data (checks of the file alone). */
  | { status: 'not-read' }
  | { status: 'outside'; absPath: string; workspaceRoot: string }
  | {
      status: 'unreadable';
      /** The data file; undefined for a table or query of a database. */
      absPath?: string;
      error: DataError;
      /** Which part of the source the problem is at (default: its path). */
      place?: SourcePlace;
      /** Names the value may have meant. */
      suggestions?: string[];
    }
  | { status: 'ok'; absPath: string; table: Table }
  /** Read through an engine: the rows stay there, the columns are known. */
  | { status: 'engine'; spec: EngineSource; columns: Map<string, ColumnType> };

/** The columns of a source whose data could be reached, by name, in their order. */
export function sourceColumns(state: SourceState | undefined): Map<string, ColumnType> | undefined {
  if (state?.status === 'ok') return columnTypes(state.table);
  if (state?.status === 'engine') return state.columns;
  return undefined;
}

/** A source read through an engine: where its path leads, then what the adapter's engine said. */
export function resolveEngineSource(model: KpiFile, source: Source, access: SourceAccess): SourceState {
  const spec = engineSourceOf(model, source, access);
  if (isEngineProblem(spec)) {
    if (spec.outside) return { status: 'outside', ...spec.outside };
    if (spec.place === 'path' && !access.baseDir) return { status: 'no-folder' };
    return {
      status: 'unreadable',
      error: { message: spec.message },
      place: spec.place,
      ...(spec.suggestions ? { suggestions: spec.suggestions } : {}),
    };
  }
  if (!access.loader && !access.engines) return { status: 'not-read' };
  const place: SourcePlace = spec.connection ? 'connection' : 'path';
  if (!access.engines) {
    return {
      status: 'unreadable',
      error: {
        message: `it is read through ${ENGINE_LABEL[spec.engine]}, which only the kpi-lens command line runs (with ${spec.engine === 'duckdb' ? '@duckdb/node-api' : 'pg'} installed)`,
      },
      place,
    };
  }
  if (access.engines.pending?.(spec)) return { status: 'not-read' };
  const info = access.engines.describe(spec);
  if (!info.ok) return { status: 'unreadable', error: { message: info.message }, place: info.place };
  return { status: 'engine', spec, columns: new Map(info.columns.map((c) => [c.name, c.type])) };
}

export function formatOf(source: Source): SourceFormat {
  if (source.format) return source.format.value;
  const ext = path.extname(source.path?.value ?? '').toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.parquet') return 'parquet';
  return 'csv';
}

/** Resolves a source's path through symbolic links and reads it if it stays in the workspace. */
export function resolveSource(source: Source, access: SourceAccess, model?: KpiFile): SourceState {
  if (model && needsEngine(source, access.engines?.fileEngine)) return resolveEngineSource(model, source, access);
  if (!source.path || source.path.value.trim() === '') return { status: 'no-path' };
  if (!access.baseDir) return { status: 'no-folder' };
  const absPath = path.resolve(access.baseDir, source.path.value);
  const real = realPathOf(absPath);
  if (!access.allowOutside && access.workspaceRoot) {
    const root = realPathOf(access.workspaceRoot);
    if (!isInside(real, root)) return { status: 'outside', absPath, workspaceRoot: root };
  }
  if (!access.loader) return { status: 'not-read' };
  const columns = new Map<string, ColumnType>(source.columns.map((c) => [c.name, c.type.value]));
  const options = {
    format: formatOf(source),
    delimiter: source.delimiter?.value,
    columns: columns.size > 0 ? columns : undefined,
    fileName: source.path.value,
  };
  if (access.loader.pending?.(real, options)) return { status: 'not-read' };
  const result = access.loader.load(real, options);
  return result.ok
    ? { status: 'ok', absPath: real, table: result.table }
    : { status: 'unreadable', absPath, error: result.error };
}

/** The real path of a file, or of its nearest existing parent joined with the rest. */
export function realPathOf(p: string): string {
  const rest: string[] = [];
  let current = path.resolve(p);
  for (;;) {
    try {
      return path.join(fs.realpathSync.native(current), ...rest.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return path.join(current, ...rest.reverse());
      rest.push(path.basename(current));
      current = parent;
    }
  }
}

export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
