/**
 * test/fixtures/sql/kpis.yaml (every function and operator) over data/edge.csv (nulls, gaps,
 * 2020-W53, 2024-02-29, zeros to divide by, sums of nothing, halves, text beyond U+FFFF,
 * every date-time shape): the DuckDB SQL and evaluateAnalysis give the same values, series
 * and notes, 1e-9 relative.
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateAnalysis } from '../../../src/core/evaluation/evaluate';
import { kpiValuesFromRows, resultsFromRows } from '../../../src/core/sql/sqlResults';
import { fixture } from '../../paths';
import { analyzeFile, compileKpiSql, runDuckdb } from './duckdbRun';
import { assertSameResults } from './sameResults';

const analysis = analyzeFile(fixture('sql', 'kpis.yaml'));

test('every function: DuckDB SQL gives what the in-memory engine gives', async () => {
  const compiled = compileKpiSql(analysis, { dialect: 'duckdb' });
  const expected = evaluateAnalysis(analysis);
  assert.ok(expected.every((r) => r.failure === undefined));
  assertSameResults(resultsFromRows(analysis, compiled, await runDuckdb(compiled)), expected, compiled);
});

test('the notes come from the periods that divided, the filter, and never from a branch not taken', async () => {
  const compiled = compileKpiSql(analysis, { dialect: 'duckdb' });
  const values = kpiValuesFromRows(compiled, await runDuckdb(compiled));
  const noted = [...values].filter(([, v]) => v.divisionByZero).map(([id]) => id);
  noted.sort();
  assert.deepEqual(noted, ['filter_divides', 'per_qty', 'row_ratio']);
  assert.deepEqual(compiled.derived, ['web_per_row', 'constant_ratio']);
  // A period where sum(qty) is 0 is null, not an infinity or an engine error.
  assert.ok(values.get('per_qty')!.series!.some((e) => e.value === null));
});

test('--kpi: one KPI and the KPIs a derived one uses, nothing else', () => {
  const compiled = compileKpiSql(analysis, { dialect: 'duckdb', kpis: ['web_per_row'] });
  assert.deepEqual(
    compiled.queries.flatMap((q) => q.columns.map((c) => c.kpi)),
    ['rows_week', 'web_or_chat_sum'],
  );
  assert.deepEqual(compiled.derived, ['web_per_row']);
});
