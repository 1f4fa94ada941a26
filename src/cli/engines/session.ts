/**
 * The engines of one CLI run: opened on first use (one in-memory DuckDB for files, one per
 * DuckDB database file, one session per PostgreSQL connection), asked for the columns of
 * each source once, and closed at the end of the run, whatever happened.
 */
import {
  engineSourceKey,
  passwordKey,
  type EngineSource,
  type EngineSourceInfo,
  type FileEngine,
} from '../../core/data/engineSources';
import type { EngineCatalog } from '../../core/data/sources';
import { DuckDBEngine } from './duckdb';
import { EngineFailure, type Engine, type Row } from './engine';
import { PostgresEngine } from './postgres';
import { relationOf } from '../../core/sql/relation';

export interface SessionOptions {
  /** Environment variables, for the passwords `password_env` names. */
  env: NodeJS.ProcessEnv;
  /** Folders DuckDB may read files in (the workspace); empty: anywhere (--allow-outside). */
  allowedDirectories: readonly string[];
  /** Passwords by passwordKey (the editor's secret storage), ahead of `password_env`. */
  passwords?: ReadonlyMap<string, string>;
}

export class EngineSession {
  private readonly engines = new Map<string, Promise<Engine>>();
  private readonly infos = new Map<string, EngineSourceInfo>();

  constructor(private readonly options: SessionOptions) {}

  /** The engine a source is read through, opened once per connection; rejects with an EngineFailure. */
  engineFor(spec: EngineSource): Promise<Engine> {
    const key = connectionKey(spec);
    let engine = this.engines.get(key);
    if (!engine) {
      engine = this.open(spec);
      // A failed open stays failed for this run: every source of the connection says the same.
      engine.catch(() => undefined);
      this.engines.set(key, engine);
    }
    return engine;
  }

  /** Asks the engines for the columns of each source (in parallel per connection), once per run. */
  async describeAll(specs: readonly EngineSource[]): Promise<void> {
    await Promise.all(
      specs.map(async (spec) => {
        const key = engineSourceKey(spec);
        if (this.infos.has(key)) return;
        this.infos.set(key, await this.describe(spec));
      }),
    );
  }

  /** What describeAll learnt, as the core asks for it. */
  catalog(fileEngine: FileEngine): EngineCatalog {
    return {
      fileEngine,
      describe: (spec) =>
        this.infos.get(engineSourceKey(spec)) ?? {
          ok: false,
          message: 'KPI Lens did not ask its engine about it (please report this)',
          place: 'connection',
        },
    };
  }

  /** Runs SQL on the engine of a source. */
  async run(spec: EngineSource, sql: string): Promise<Row[]> {
    return (await this.engineFor(spec)).run(sql);
  }

  async close(): Promise<void> {
    const engines = [...this.engines.values()];
    this.engines.clear();
    await Promise.all(engines.map((e) => e.then((engine) => engine.close()).catch(() => undefined)));
  }

  private async describe(spec: EngineSource): Promise<EngineSourceInfo> {
    try {
      const engine = await this.engineFor(spec);
      return { ok: true, columns: await engine.columns(relationOf(spec)) };
    } catch (error) {
      if (error instanceof EngineFailure) return { ok: false, message: error.message, place: error.place };
      return { ok: false, message: `the engine failed: ${(error as Error).message}`, place: 'connection' };
    }
  }

  private async open(spec: EngineSource): Promise<Engine> {
    if (spec.engine === 'duckdb') return DuckDBEngine.open(spec.database, this.options.allowedDirectories);
    const target = spec.postgres!;
    let password = this.options.passwords?.get(passwordKey(target));
    if (password === undefined && target.passwordEnv !== undefined) {
      password = this.options.env[target.passwordEnv];
      if (password === undefined) {
        throw new EngineFailure(
          `the environment variable ${target.passwordEnv}, which holds the password of connection "${spec.connection}", is not set`,
          'connection',
        );
      }
    }
    return PostgresEngine.open(target, password);
  }
}

function connectionKey(spec: EngineSource): string {
  return spec.engine === 'duckdb'
    ? `duckdb\0${spec.database ?? ':memory:'}`
    : `postgres\0${JSON.stringify(spec.postgres)}`;
}
