/**
 * Breakdowns through SQL equal the in-memory ones exactly: test/fixtures/breakdown/sql.kpis.yaml
 * (every grain and none, filters, one dividing by zero, aggregates over no rows) on
 * data/tickets.csv, each KPI by every column of the file (text, number, boolean, date,
 * date-time; null groups, ties at the fold into (other), the empty month 2023-06), compiled
 * for DuckDB, run, mapped back, and compared with evaluateAnalysis group by group.
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateAnalysis } from '../../../src/core/evaluation/evaluate';
import { resultsFromRows } from '../../../src/core/sql/sqlResults';
import { fixture } from '../../paths';
import { analyzeFile, compileKpiSql, runDuckdbAll } from './duckdbRun';
import { assertSameBreakdowns, assertSameResults } from './sameResults';

const COLUMNS = ['id', 'ts', 'channel', 'region', 'tier', 'vip', 'signup', 'score', 'amount'];
const analysis = analyzeFile(fixture('breakdown', 'sql.kpis.yaml'));

test('breakdowns in DuckDB equal the in-memory ones, by each KPI breakdown: column', async () => {
  const compiled = compileKpiSql(analysis, { dialect: 'duckdb' });
  const { rows, breakdowns } = await runDuckdbAll(compiled);
  const expected = evaluateAnalysis(analysis);
  const actual = resultsFromRows(analysis, compiled, rows, undefined, { found: breakdowns });
  assertSameResults(actual, expected, compiled);
  assertSameBreakdowns(actual, expected);
  // The cases the fixture is there for are in it.
  const groups = expected.flatMap((r) => r.breakdowns ?? []).flatMap((b) => b.groups);
  assert.ok(groups.some((g) => g.kind === 'null'));
  assert.ok(groups.some((g) => g.kind === 'other'));
  assert.ok(groups.some((g) => g.notes.includes('division-by-zero')));
  assert.ok(groups.some((g) => g.previous === null && g.series !== undefined && g.series.length > 0));
});

test('breakdowns in DuckDB equal the in-memory ones, by every column (eval --by)', async () => {
  const compiled = compileKpiSql(analysis, { dialect: 'duckdb', by: COLUMNS });
  const { rows, breakdowns } = await runDuckdbAll(compiled);
  const expected = evaluateAnalysis(analysis, { by: [...COLUMNS, 'no_such_column'] });
  const actual = resultsFromRows(analysis, compiled, rows, undefined, {
    found: breakdowns,
    by: [...COLUMNS, 'no_such_column'],
  });
  assertSameBreakdowns(actual, expected);
  assert.equal(expected[0]!.breakdowns!.length, COLUMNS.length);
});
