// The PostgreSQL server of the engine tests (the one scripts/postgres.sh starts) and what they
// do on it: the connection's YAML, a client, a table holding what the in-memory engine read.
import type { TestContext } from 'node:test';
import { Client } from 'pg';
import { stringAt, type Table } from '../../../src/core/data/table';

export interface PgServer {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

export function server(t: TestContext): PgServer | undefined {
  const env = process.env;
  if (!env.KPI_LENS_TEST_PGPORT) {
    const why = 'no PostgreSQL server: run the tests through scripts/postgres.sh run -- npm run test:unit';
    if (env.CI === 'true') throw new Error(`CI=true but ${why}`);
    t.skip(why);
    return undefined;
  }
  return {
    host: env.KPI_LENS_TEST_PGHOST ?? '127.0.0.1',
    port: Number(env.KPI_LENS_TEST_PGPORT),
    user: env.KPI_LENS_TEST_PGUSER ?? '',
    password: env.KPI_LENS_TEST_PGPASSWORD ?? '',
    database: env.KPI_LENS_TEST_PGDATABASE ?? '',
  };
}

export function connectionYaml(pg: PgServer, overrides: { port?: number; passwordEnv?: string } = {}): string {
  return `  pg:
    type: postgres
    host: ${pg.host}
    port: ${overrides.port ?? pg.port}
    database: ${pg.database}
    user: ${pg.user}
    sslmode: disable
    password_env: ${overrides.passwordEnv ?? 'KPI_TEST_PG_PASSWORD'}
`;
}

const PG_TYPE = { number: 'double precision', string: 'text', boolean: 'boolean', date: 'timestamptz' } as const;

/** A table read by the in-memory engine, written to PostgreSQL with the same values (dates as UTC instants). */
export async function createTable(client: Client, name: string, table: Table): Promise<void> {
  const columns = [...table.columns];
  const ident = (s: string): string => `"${s.replace(/"/g, '""')}"`;
  await client.query(`DROP TABLE IF EXISTS ${ident(name)}`);
  await client.query(
    `CREATE TABLE ${ident(name)} (${columns.map(([c, col]) => `${ident(c)} ${PG_TYPE[col.type]}`).join(', ')})`,
  );
  const batch = Math.max(1, Math.floor(30000 / Math.max(1, columns.length)));
  for (let start = 0; start < table.rowCount; start += batch) {
    const end = Math.min(table.rowCount, start + batch);
    const values: unknown[] = [];
    const tuples: string[] = [];
    for (let row = start; row < end; row++) {
      tuples.push(`(${columns.map((_, i) => `$${values.length + i + 1}`).join(', ')})`);
      for (const [, col] of columns) {
        if (col.type === 'string') values.push(stringAt(col, row));
        else if (col.type === 'boolean') values.push(col.values[row] === 2 ? null : col.values[row] === 1);
        else {
          const v = col.values[row]!;
          values.push(Number.isNaN(v) ? null : col.type === 'date' ? new Date(v).toISOString() : v);
        }
      }
    }
    await client.query(`INSERT INTO ${ident(name)} VALUES ${tuples.join(', ')}`, values);
  }
}

export async function withClient<T>(pg: PgServer, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ ...pg, ssl: false });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
