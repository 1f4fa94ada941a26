// Runs the DuckDB SQL of a KPI file and compares every result with evaluateAnalysis.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { analyze, type Analysis } from '../../../src/core/checks/analysis';
import { DataCache } from '../../../src/core/data/load';
import { compileKpiSql, type KpiSql } from '../../../src/core/sql/compileKpis';
import type { SqlRow } from '../../../src/core/sql/sqlResults';

/** The analysis of a KPI file on disk, its data read as the CLI reads it. */
export function analyzeFile(file: string): Analysis {
  return analyze(fs.readFileSync(file, 'utf8'), {
    filePath: file,
    workspaceRoot: path.dirname(file),
    today: '2026-12-01',
    loader: new DataCache(),
  });
}

/** Each query's rows, run in a fresh in-memory DuckDB after the `setup` statements. */
export async function runDuckdb(compiled: KpiSql, setup: readonly string[] = []): Promise<SqlRow[][]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    for (const statement of setup) await connection.run(statement);
    const all: SqlRow[][] = [];
    for (const query of compiled.queries) {
      const reader = await connection.runAndReadAll(query.sql);
      all.push(reader.getRowObjectsJS() as SqlRow[]);
    }
    return all;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

export { compileKpiSql };
