/**
 * DuckDB through `@duckdb/node-api`, an optional dependency: loaded on first use, with a
 * plain message when it is not installed. A database file is opened read-only (DuckDB
 * would otherwise create a missing one); an in-memory database reads the sources' files.
 * Either way DuckDB may read files only inside the workspace (allowed_directories with
 * external access off), so a `query:` cannot reach past it.
 */
import type * as DuckDB from '@duckdb/node-api';
import type { ColumnType } from '../../core/model/kpiFile';
import { EngineFailure, firstLine, type Engine, type EngineColumn, type Row } from './engine';
import { sqlString } from '../../core/sql/relation';

type DuckDBModule = typeof DuckDB;

let loaded: DuckDBModule | undefined;

/** The driver, or an EngineFailure saying how to install it. */
export function loadDuckDB(): DuckDBModule {
  if (loaded) return loaded;
  try {
    // A fixed package name: never a name taken from a KPI file.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require('@duckdb/node-api') as DuckDBModule;
    return loaded;
  } catch {
    throw new EngineFailure(
      'DuckDB is not installed: it is an optional part of the kpi-lens command line; install it with npm install @duckdb/node-api',
      'connection',
    );
  }
}

/** DuckDB's type names as the core's column types (anything else is text). */
export function duckdbColumnType(sqlType: string): ColumnType {
  const t = sqlType.toUpperCase();
  if (/^(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?|DOUBLE|FLOAT|REAL|DECIMAL.*|NUMERIC.*)$/.test(t)) return 'number';
  if (t === 'BOOLEAN') return 'boolean';
  if (t === 'DATE' || t.startsWith('TIMESTAMP')) return 'date';
  return 'string';
}

export class DuckDBEngine implements Engine {
  readonly name = 'duckdb' as const;

  private constructor(
    private readonly instance: DuckDB.DuckDBInstance,
    private readonly connection: DuckDB.DuckDBConnection,
  ) {}

  /** Opens a database file read-only, or an in-memory database when `database` is undefined. */
  static async open(database: string | undefined, allowedDirectories: readonly string[]): Promise<DuckDBEngine> {
    const duckdb = loadDuckDB();
    let instance: DuckDB.DuckDBInstance;
    try {
      instance = await duckdb.DuckDBInstance.create(
        database ?? ':memory:',
        database ? { access_mode: 'READ_ONLY' } : {},
      );
    } catch (error) {
      throw new EngineFailure(`DuckDB cannot open ${database}: ${firstLine((error as Error).message)}`, 'connection');
    }
    const connection = await instance.connect();
    // Time zones as the in-memory engine reads them: a date-time without an offset is UTC.
    await connection.run("SET TimeZone = 'UTC'");
    if (allowedDirectories.length > 0) {
      await connection.run(`SET allowed_directories = [${allowedDirectories.map(sqlString).join(', ')}]`);
      await connection.run('SET enable_external_access = false');
    }
    return new DuckDBEngine(instance, connection);
  }

  async columns(relation: string): Promise<EngineColumn[]> {
    const reader = await this.query(`DESCRIBE SELECT * FROM ${relation}`);
    return reader.getRowObjectsJson().map((row) => ({
      name: String(row['column_name']),
      type: duckdbColumnType(String(row['column_type'])),
    }));
  }

  async run(sql: string): Promise<Row[]> {
    const reader = await this.query(sql);
    const types = reader.columnTypes().map((t) => duckdbColumnType(t.toString()));
    const names = reader.columnNames();
    return reader.getRowsJson().map((values) => {
      const row: Row = {};
      values.forEach((v, i) => {
        const type = types[i];
        row[names[i]!] =
          v === null || v === undefined
            ? null
            : type === 'number'
              ? Number(v)
              : type === 'boolean'
                ? v === true
                : type === 'date'
                  ? String(v).replace(' ', 'T')
                  : String(v);
      });
      return row;
    });
  }

  async close(): Promise<void> {
    this.connection.closeSync();
    this.instance.closeSync();
  }

  private async query(sql: string): Promise<DuckDB.DuckDBResultReader> {
    try {
      return await this.connection.runAndReadAll(sql);
    } catch (error) {
      throw duckdbFailure((error as Error).message);
    }
  }
}

/** A DuckDB error in plain words, at the part of the source it is about. */
export function duckdbFailure(message: string): EngineFailure {
  const line = firstLine(message);
  if (/^Catalog Error: Table with name (.+) does not exist/.test(line)) {
    const name = /Table with name (.+?) does not exist/.exec(line)![1]!;
    return new EngineFailure(`the table "${name}" does not exist in the DuckDB database`, 'table');
  }
  if (/^IO Error: No files found that match the pattern/.test(line)) {
    return new EngineFailure(`no file matches ${/pattern "(.*)"/.exec(line)?.[1] ?? 'the path'}`, 'path');
  }
  if (/^Permission Error/.test(line)) {
    return new EngineFailure(`DuckDB may read files only inside the workspace (${line})`, 'query');
  }
  if (/^(IO|Invalid Input) Error/.test(line)) return new EngineFailure(`DuckDB cannot read it: ${line}`, 'path');
  return new EngineFailure(`DuckDB says: ${line}`, 'query');
}
