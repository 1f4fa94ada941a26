import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ColumnType, Source, SourceFormat } from '../model/kpiFile';
import type { DataError, LoadResult, ParseOptions } from './result';
import type { Table } from './table';

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
}

export type SourceState =
  | { status: 'no-path' }
  | { status: 'no-folder' }
  /** No loader was given: the caller asked for no data (checks of the file alone). */
  | { status: 'not-read' }
  | { status: 'outside'; absPath: string; workspaceRoot: string }
  | { status: 'unreadable'; absPath: string; error: DataError }
  | { status: 'ok'; absPath: string; table: Table };

export function formatOf(source: Source): SourceFormat {
  if (source.format) return source.format.value;
  const ext = path.extname(source.path?.value ?? '').toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  return 'csv';
}

/** Resolves a source's path through symbolic links and reads it if it stays in the workspace. */
export function resolveSource(source: Source, access: SourceAccess): SourceState {
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
