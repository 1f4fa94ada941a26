/**
 * Every data file of test/fixtures/data that the core reads (BOM, CRLF, CR only, blank
 * lines, quoted fields with commas, quotes and newlines, tabs, semicolons, unicode, JSON and
 * JSONL with nulls and missing keys, typed strings): DuckDB's read_csv / read_json with the
 * columns declared reads the same rows, so count(), count(x != null), count_distinct(x) and,
 * for numbers, sum(x) of each column come out as in evaluateAnalysis.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../../src/core/checks/analysis';
import { DataCache } from '../../../src/core/data/load';
import { evaluateAnalysis } from '../../../src/core/evaluation/evaluate';
import { identifierText } from '../../../src/core/formula/lexer';
import { resultsFromRows } from '../../../src/core/sql/sqlResults';
import { fixture } from '../../paths';
import { compileKpiSql, runDuckdb } from './duckdbRun';
import { assertSameResults } from './sameResults';

const DATA = fixture('data');
const expected = (analysis: ReturnType<typeof analyze>): ReturnType<typeof evaluateAnalysis> =>
  evaluateAnalysis(analysis);
const loader = new DataCache();

function analysisOf(file: string, kpis: string): ReturnType<typeof analyze> {
  const text = `version: 1\ngoals:\n  - { id: g, title: G }\nsources:\n  d: { path: ${JSON.stringify(file)} }\nkpis:\n${kpis}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-lens-sql-data-'));
  return analyze(text, { filePath: path.join(dir, 'kpis.yaml'), allowOutside: true, loader, today: '2026-01-01' });
}

test('every readable data fixture: DuckDB reads the rows the core reads', async () => {
  let files = 0;
  for (const name of fs.readdirSync(DATA).sort()) {
    if (!/\.(csv|tsv|json|jsonl)$/.test(name)) continue;
    const file = path.join(DATA, name);
    const state = analysisOf(file, '').sources.get('d');
    if (state?.status !== 'ok') continue;
    const kpis = [`  - { id: rows, name: Rows, goals: [g], source: d, formula: "count()" }\n`];
    [...state.table.columns].forEach(([column, { type }], i) => {
      const x = identifierText(column);
      const formula = `count(${x} != null) + count_distinct(${x}) * 1000${type === 'number' ? ` + sum(${x}) * 1000000` : ''}`;
      kpis.push(`  - { id: c${i}, name: C${i}, goals: [g], source: d, formula: ${JSON.stringify(formula)} }\n`);
    });
    const analysis = analysisOf(file, kpis.join(''));
    const compiled = compileKpiSql(analysis, { dialect: 'duckdb' });
    if (name === 'bom-crlf.jsonl' || name === 'bom.json') {
      // DuckDB refuses the byte order mark: every KPI says so, none is computed wrong.
      assert.deepEqual(
        compiled.skipped.map((s) => s.why),
        expected(analysis).map(() => `duckdb cannot read ${file}: it starts with a byte order mark`),
      );
      continue;
    }
    let rows;
    try {
      rows = await runDuckdb(compiled);
    } catch (error) {
      throw new Error(`${name}: ${(error as Error).message}`, { cause: error });
    }
    const results = expected(analysis);
    assert.ok(
      results.every((r) => r.failure === undefined),
      `${name}: ${results.map((r) => r.failure).join(', ')}`,
    );
    try {
      assertSameResults(resultsFromRows(analysis, compiled, rows), results, compiled);
    } catch (error) {
      throw new Error(`${name}: ${(error as Error).message}`, { cause: error });
    }
    files++;
  }
  assert.ok(files >= 14, `only ${files} readable data fixtures`);
});
