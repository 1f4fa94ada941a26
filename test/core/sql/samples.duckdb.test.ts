/**
 * The bundled samples (samples/kpis.yaml: CSV, JSON and JSONL sources, every grain used
 * there, derived KPIs) computed by the DuckDB SQL and by evaluateAnalysis: every value,
 * series entry and note the same (1e-9 relative).
 */
import { test } from 'node:test';
import * as path from 'node:path';
import { evaluateAnalysis } from '../../../src/core/evaluation/evaluate';
import { resultsFromRows } from '../../../src/core/sql/sqlResults';
import { repoRoot } from '../../paths';
import { analyzeFile, compileKpiSql, runDuckdb } from './duckdbRun';
import { assertSameResults } from './sameResults';

test('the samples: DuckDB SQL gives what the in-memory engine gives', async () => {
  const analysis = analyzeFile(path.join(repoRoot, 'samples', 'kpis.yaml'));
  const compiled = compileKpiSql(analysis, { dialect: 'duckdb' });
  const rows = await runDuckdb(compiled);
  assertSameResults(resultsFromRows(analysis, compiled, rows), evaluateAnalysis(analysis), compiled);
});
