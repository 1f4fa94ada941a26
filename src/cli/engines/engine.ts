/**
 * The CLI's database engines (DuckDB, PostgreSQL): what the rest of the CLI asks of one.
 * Both drivers are optional dependencies, loaded only when a source needs them.
 */
import type { EngineName, SourcePlace } from '../../core/data/engineSources';
import type { ColumnType } from '../../core/model/kpiFile';

/** A result value: numbers as numbers, dates and date-times as ISO 8601 text, other values as text. */
export type CellValue = number | string | boolean | null;
export type Row = Record<string, CellValue>;

export interface EngineColumn {
  name: string;
  type: ColumnType;
}

/** One open database: a DuckDB instance or a PostgreSQL session. */
export interface Engine {
  readonly name: EngineName;
  /** The columns of a relation (`SELECT * FROM …` text), as the engine types them. */
  columns(relation: string): Promise<EngineColumn[]>;
  /** Runs a query; numbers come back as numbers whatever their SQL type. */
  run(sql: string): Promise<Row[]>;
  close(): Promise<void>;
}

/** Why an engine could not do what was asked, in plain words, and which part of the source to fix. */
export class EngineFailure extends Error {
  constructor(
    message: string,
    readonly place: SourcePlace,
  ) {
    super(message);
    this.name = 'EngineFailure';
  }
}

/** The first line of a driver's message, without its "LINE 1: …" echo of the query. */
export function firstLine(message: string): string {
  return message
    .split('\n')[0]!
    .trim()
    .replace(/[.!]+$/, '');
}
