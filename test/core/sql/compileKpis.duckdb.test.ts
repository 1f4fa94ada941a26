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
import { sqlText } from '../../../src/core/sql/sqlText';
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

test('a table of native types through tableOf (TIMESTAMPTZ, DOUBLE, BOOLEAN), in a session of another time zone', async () => {
  const csv = fixture('sql', 'data', 'edge.csv').replace(/'/g, "''");
  const setup = [
    // DuckDB reads every shape of the file's times but hh:mm without seconds; the zone is UTC while it reads them.
    "SET TimeZone = 'UTC'",
    `CREATE TABLE edge AS SELECT CAST(REGEXP_REPLACE(UPPER(ts), '^(.{10}T[0-9]{2}:[0-9]{2})Z$', '\\1:00Z') AS TIMESTAMPTZ) AS ts, CAST(resolved_at AS TIMESTAMP) AS resolved_at,
       CAST(amount AS DOUBLE) AS amount, CAST(qty AS DOUBLE) AS qty, channel, CAST(vip AS BOOLEAN) AS vip
     FROM read_csv('${csv}', header = true, all_varchar = true)`,
    "SET TimeZone = 'Asia/Kathmandu'",
  ];
  const compiled = compileKpiSql(analysis, { dialect: 'duckdb', tableOf: (source) => ({ from: source.name }) });
  assert.match(compiled.queries[0]!.sql, /FROM edge\n/);
  const rows = await runDuckdb(compiled, setup);
  assertSameResults(resultsFromRows(analysis, compiled, rows), evaluateAnalysis(analysis), compiled);
});

test('a KPI that cannot be computed is listed with why, never in the SQL; sqlText says so', async () => {
  const broken = analyzeFile(fixture('sql', 'broken.kpis.yaml'));
  const compiled = compileKpiSql(broken, { dialect: 'duckdb' });
  assert.deepEqual(compiled.skipped, [
    { kpi: 'typo', why: 'its formula has errors' },
    { kpi: 'no_time', why: 'its source has no time column' },
  ]);
  assert.deepEqual(
    compiled.queries.flatMap((q) => q.columns.map((c) => c.kpi)),
    ['fine'],
  );
  assert.deepEqual(compiled.derived, ['uses_typo']);
  const results = resultsFromRows(broken, compiled, await runDuckdb(compiled));
  assert.deepEqual(
    results.map((r) => [r.id, r.value, r.failure]),
    evaluateAnalysis(broken).map((r) => [r.id, r.value, r.failure]),
  );
  assert.match(
    sqlText(broken, { dialect: 'duckdb' }),
    /^-- Not computed: typo: its formula has errors\n-- Not computed: no_time: its source has no time column\n$/m,
  );
});
