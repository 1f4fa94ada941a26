/**
 * Sources whose rows stay in a database engine (DuckDB or PostgreSQL) rather than being
 * read into memory: a source that names a connection, a Parquet file or a glob of files,
 * and, when the caller evaluates file sources through DuckDB, every file source. The core
 * only describes what to read (an EngineSource); an adapter's engine reads it and hands
 * back the columns (EngineSourceInfo), so the checks, hovers and completion work on them.
 */
import * as path from 'node:path';
import type { ColumnType, Connection, KpiFile, Source, SourceFormat, SslMode } from '../model/kpiFile';
import { formatOf, isInside, realPathOf, type SourceAccess } from './sources';

export type EngineName = 'duckdb' | 'postgres';

/** Each engine's name as messages and hovers show it. */
export const ENGINE_LABEL: Readonly<Record<EngineName, string>> = { duckdb: 'DuckDB', postgres: 'PostgreSQL' };

/** How file sources are evaluated: read into memory (the default) or through DuckDB. */
export type FileEngine = 'memory' | 'duckdb';

export interface PostgresTarget {
  host: string;
  port: number;
  database: string;
  user: string;
  sslmode: SslMode;
  /** The environment variable holding the password (the CLI reads it; the editor uses its secret storage). */
  passwordEnv?: string;
}

/** What a source reads inside its engine. */
export type EngineRead =
  | { kind: 'file'; path: string; format: SourceFormat; delimiter?: string; columns?: Record<string, ColumnType> }
  | { kind: 'table'; table: string }
  | { kind: 'query'; query: string };

/** Everything an engine needs to read one source: no ranges, so that it is a stable cache key. */
export interface EngineSource {
  source: string;
  engine: EngineName;
  /** The connection's name; undefined for a file read by an in-memory DuckDB. */
  connection?: string;
  /** duckdb: the database file (real, absolute path); undefined for an in-memory database. */
  database?: string;
  postgres?: PostgresTarget;
  read: EngineRead;
}

/** Which part of a source a problem is at. */
export type SourcePlace = 'connection' | 'table' | 'query' | 'path';

/** Why a source cannot be read through an engine, before any engine is asked. */
export interface EngineProblem {
  message: string;
  place: SourcePlace;
  /** Names the value may have meant (for an unknown connection). */
  suggestions?: string[];
  /** The path left the workspace. */
  outside?: { absPath: string; workspaceRoot: string };
}

/** What an adapter learnt from the engine about a source: its columns, or why it could not be read. */
export type EngineSourceInfo =
  { ok: true; columns: { name: string; type: ColumnType }[] } | { ok: false; message: string; place: SourcePlace };

const GLOB = /[*?[]/;

/** Whether the source is read through an engine (undefined: read into memory, as before). */
export function needsEngine(source: Source, fileEngine: FileEngine = 'memory'): boolean {
  if (source.connection || source.table || source.query) return true;
  if (!source.path) return false;
  return fileEngine === 'duckdb' || formatOf(source) === 'parquet' || GLOB.test(source.path.value);
}

/** The server and login of a postgres connection; undefined without host, database and user. */
export function postgresTargetOf(c: Connection): PostgresTarget | undefined {
  if (!c.host || !c.database || !c.user) return undefined;
  return {
    host: c.host.value,
    port: c.port?.value ?? 5432,
    database: c.database.value,
    user: c.user.value,
    sslmode: c.sslmode?.value ?? 'require',
    ...(c.passwordEnv ? { passwordEnv: c.passwordEnv.value } : {}),
  };
}

export function connectionOf(model: KpiFile, name: string): Connection | undefined {
  return model.connections.find((c) => c.name === name);
}

/**
 * The EngineSource of a source that needs an engine, or the problem that keeps it from one.
 * Paths (a file, a glob's folder, a DuckDB database file) resolve from the KPI file's folder
 * and may not leave the workspace, as for in-memory sources.
 */
export function engineSourceOf(
  model: KpiFile,
  source: Source,
  access: Pick<SourceAccess, 'baseDir' | 'workspaceRoot' | 'allowOutside'>,
): EngineSource | EngineProblem {
  let connection: Connection | undefined;
  if (source.connection) {
    connection = connectionOf(model, source.connection.value);
    if (!connection) {
      const names = model.connections.map((c) => c.name);
      return {
        message: `it names the connection "${source.connection.value}", which is not under connections:${names.length ? ` (connections: ${names.join(', ')})` : ''}`,
        place: 'connection',
        suggestions: names,
      };
    }
    if (!connection.type) return { message: `its connection "${connection.name}" has no type`, place: 'connection' };
  }
  const engine: EngineName = connection?.type?.value ?? 'duckdb';
  const base: EngineSource = { source: source.name, engine, read: { kind: 'table', table: '' } };
  if (connection) base.connection = connection.name;
  if (engine === 'postgres') {
    const c = connection!;
    if (!c.host || !c.database || !c.user) {
      return {
        message: `its connection "${c.name}" needs host, database and user`,
        place: 'connection',
      };
    }
    base.postgres = postgresTargetOf(c)!;
    if (source.path) {
      return {
        message: `a postgres connection reads tables or queries, not files: write table: or query: instead of path:`,
        place: 'path',
      };
    }
  } else if (connection?.path) {
    const db = confined(connection.path.value, access);
    if ('message' in db) return { ...db, place: 'connection' };
    base.database = db.real;
  }
  if (source.table) return { ...base, read: { kind: 'table', table: source.table.value } };
  if (source.query) return { ...base, read: { kind: 'query', query: source.query.value } };
  if (!source.path || source.path.value.trim() === '')
    return { message: 'it has no path, table or query', place: 'path' };
  const file = confined(source.path.value, access);
  if ('message' in file) return { ...file, place: 'path' };
  const columns = Object.fromEntries(source.columns.map((c) => [c.name, c.type.value]));
  return {
    ...base,
    read: {
      kind: 'file',
      path: file.real,
      format: formatOf(source),
      ...(source.delimiter ? { delimiter: source.delimiter.value } : {}),
      ...(source.columns.length > 0 ? { columns } : {}),
    },
  };
}

/** A path (or a glob, by the folder before its first wildcard) resolved and kept inside the workspace. */
function confined(
  written: string,
  access: Pick<SourceAccess, 'baseDir' | 'workspaceRoot' | 'allowOutside'>,
): { real: string } | EngineProblem {
  if (!access.baseDir)
    return { message: 'save the KPI file first, so that the path has a folder to start from', place: 'path' };
  const absPath = path.resolve(access.baseDir, written);
  // path.resolve has removed every `..` (also one after a wildcard), and the resolved
  // path is what the engine reads: the folder before the first wildcard must stay inside.
  const wildcard = absPath.search(GLOB);
  const fixed = wildcard < 0 ? absPath : path.dirname(absPath.slice(0, wildcard) + 'x');
  const realFixed = realPathOf(fixed);
  if (!access.allowOutside && access.workspaceRoot) {
    const root = realPathOf(access.workspaceRoot);
    if (!isInside(realFixed, root)) {
      return {
        message: 'its path leaves the workspace folder',
        place: 'path',
        outside: { absPath, workspaceRoot: root },
      };
    }
  }
  return { real: wildcard < 0 ? realFixed : path.join(realFixed, path.relative(fixed, absPath)) };
}

/**
 * Which server and login a password belongs to (`postgres://user@host:port/database`): the
 * key of the editor's secret storage, so that every file naming that login shares it.
 */
export function passwordKey(target: PostgresTarget): string {
  return `postgres://${target.user}@${target.host}:${target.port}/${target.database}`;
}

/** A stable key of what an engine reads for a source (for caches of columns). */
export function engineSourceKey(spec: EngineSource): string {
  return JSON.stringify([
    spec.engine,
    spec.connection ?? null,
    spec.database ?? null,
    spec.postgres ?? null,
    spec.read,
  ]);
}

export function isEngineProblem(value: EngineSource | EngineProblem): value is EngineProblem {
  return 'message' in value;
}
