/**
 * PostgreSQL through `pg`, an optional dependency: loaded on first use, with a plain
 * message when it is not installed. One session per connection, read-only: every query
 * runs in a READ ONLY transaction, so a `query:` cannot change the database.
 */
import type * as Pg from 'pg';
import type { PostgresTarget } from '../../core/data/engineSources';
import type { ColumnType } from '../../core/model/kpiFile';
import { EngineFailure, firstLine, type Engine, type EngineColumn, type Row } from './engine';

type PgModule = typeof Pg;

let loaded: PgModule | undefined;

export function loadPg(): PgModule {
  if (loaded) return loaded;
  try {
    // A fixed package name: never a name taken from a KPI file.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require('pg') as PgModule;
    return loaded;
  } catch {
    throw new EngineFailure(
      'the PostgreSQL client is not installed: it is an optional part of the kpi-lens command line; install it with npm install pg',
      'connection',
    );
  }
}

/** Type OIDs of PostgreSQL's numbers (int2, int4, int8, oid, float4, float8, numeric, money excluded). */
const NUMBER_OIDS = new Set([20, 21, 23, 26, 700, 701, 1700]);
const BOOLEAN_OID = 16;
/** date, timestamp, timestamptz. */
const DATE_OIDS = new Set([1082, 1114, 1184]);

export function postgresColumnType(oid: number): ColumnType {
  if (NUMBER_OIDS.has(oid)) return 'number';
  if (oid === BOOLEAN_OID) return 'boolean';
  if (DATE_OIDS.has(oid)) return 'date';
  return 'string';
}

/** Values as the engine layer hands them on: numbers as numbers, dates as ISO text, never a local-time Date. */
function parserFor(oid: number): (text: string) => string | number | boolean {
  if (NUMBER_OIDS.has(oid)) return Number;
  if (oid === BOOLEAN_OID) return (text) => text === 't';
  if (oid === 1114) return (text) => text.replace(' ', 'T');
  if (oid === 1184) return (text) => new Date(text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString();
  return (text) => text;
}

const TYPES = { getTypeParser: (oid: number) => parserFor(oid) } as unknown as Pg.CustomTypesConfig;

/** Seconds to wait for a server before saying it does not answer. */
const CONNECT_TIMEOUT_MS = 10_000;

export class PostgresEngine implements Engine {
  readonly name = 'postgres' as const;

  private constructor(private readonly client: Pg.Client) {}

  /**
   * Logs in. `password` comes from the environment variable the connection names (CLI) or
   * from the editor's secret storage; undefined lets `pg` use PGPASSWORD or ~/.pgpass.
   */
  static async open(target: PostgresTarget, password: string | undefined): Promise<PostgresEngine> {
    const pg = loadPg();
    const ssl =
      target.sslmode === 'disable'
        ? false
        : target.sslmode === 'require'
          ? { rejectUnauthorized: false }
          : target.sslmode === 'verify-ca'
            ? { rejectUnauthorized: true, checkServerIdentity: () => undefined }
            : { rejectUnauthorized: true };
    const client = new pg.Client({
      host: target.host,
      port: target.port,
      database: target.database,
      user: target.user,
      ...(password !== undefined ? { password } : {}),
      ssl,
      types: TYPES,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      application_name: 'kpi-lens',
      // Time zones as the in-memory engine reads them: a date-time without an offset is UTC.
      options: '-c TimeZone=UTC',
    });
    // A session that dies later (server restart) must not crash the CLI: the next query fails instead.
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw postgresFailure(error, target);
    }
    return new PostgresEngine(client);
  }

  async columns(relation: string): Promise<EngineColumn[]> {
    const result = await this.query(`SELECT * FROM ${relation} LIMIT 0`);
    return result.fields.map((f) => ({ name: f.name, type: postgresColumnType(f.dataTypeID) }));
  }

  async run(sql: string): Promise<Row[]> {
    return (await this.query(sql)).rows as Row[];
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }

  private async query(sql: string): Promise<Pg.QueryResult> {
    try {
      await this.client.query('BEGIN READ ONLY');
      try {
        return await this.client.query(sql);
      } finally {
        await this.client.query('ROLLBACK').catch(() => undefined);
      }
    } catch (error) {
      throw postgresFailure(error, undefined);
    }
  }
}

/** A pg or network error in plain words, at the part of the source it is about. */
export function postgresFailure(error: unknown, target: PostgresTarget | undefined): EngineFailure {
  const e = error as { code?: string; message?: string };
  const where = target ? `${target.host}:${target.port}` : 'the server';
  const message = firstLine(e.message ?? String(error));
  switch (e.code) {
    case '28P01':
      return new EngineFailure(
        `PostgreSQL at ${where} refused the password of user "${target?.user ?? ''}" (wrong password?)`,
        'connection',
      );
    case '28000':
      return new EngineFailure(`PostgreSQL at ${where} refused the login: ${message}`, 'connection');
    case '3D000':
      return new EngineFailure(`the database "${target?.database ?? ''}" does not exist on ${where}`, 'connection');
    case 'ECONNREFUSED':
      return new EngineFailure(
        `cannot connect to PostgreSQL at ${where}: nothing answers there (is the server running?)`,
        'connection',
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new EngineFailure(
        `cannot connect to PostgreSQL: the host "${target?.host ?? ''}" is not known`,
        'connection',
      );
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new EngineFailure(`cannot connect to PostgreSQL at ${where}: ${message}`, 'connection');
    case '42P01':
      return new EngineFailure(`PostgreSQL says: ${message}`, 'table');
    case '42501':
      return new EngineFailure(`PostgreSQL refused to read it: ${message}`, 'table');
    case '3F000':
      return new EngineFailure(`PostgreSQL says: ${message}`, 'table');
  }
  if (/timeout/i.test(message)) {
    return new EngineFailure(
      `cannot connect to PostgreSQL at ${where}: no answer within ${CONNECT_TIMEOUT_MS / 1000} s`,
      'connection',
    );
  }
  if (/does not support SSL/i.test(message)) {
    return new EngineFailure(
      `PostgreSQL at ${where} does not offer TLS: set sslmode: disable only if the network to it is trusted`,
      'connection',
    );
  }
  if (target) return new EngineFailure(`cannot connect to PostgreSQL at ${where}: ${message}`, 'connection');
  return new EngineFailure(`PostgreSQL says: ${message}`, 'query');
}
