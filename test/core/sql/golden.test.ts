/**
 * The SQL of test/fixtures/sql/kpis.yaml (every function and operator) in each dialect,
 * compared exactly with test/fixtures/sql/golden/<dialect>.sql. BigQuery and Snowflake are
 * pinned only here; DuckDB's is also run (compileKpis.duckdb.test.ts). After a deliberate
 * change, rewrite the files with KPI_LENS_UPDATE_GOLDEN=1 and review the diff.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { DIALECT_NAMES } from '../../../src/core/sql/dialects';
import { compileKpiSql } from '../../../src/core/sql/compileKpis';
import type { GroupValue } from '../../../src/core/sql/breakdownSql';
import type { ColumnType } from '../../../src/core/model/kpiFile';
import { sqlText } from '../../../src/core/sql/sqlText';
import { fixture } from '../../paths';
import { analyzeFile } from './duckdbRun';

const file = fixture('sql', 'kpis.yaml');
const analysis = analyzeFile(file);

for (const dialect of DIALECT_NAMES) {
  test(`golden SQL: ${dialect}`, () => {
    // Paths relative to the fixture folder, so that the golden text does not depend on the checkout.
    const text = sqlText(analysis, { dialect, relativeTo: path.dirname(file) });
    const golden = fixture('sql', 'golden', `${dialect}.sql`);
    if (process.env.KPI_LENS_UPDATE_GOLDEN === '1') {
      fs.mkdirSync(path.dirname(golden), { recursive: true });
      fs.writeFileSync(golden, text);
    }
    assert.equal(text, fs.readFileSync(golden, 'utf8'));
  });
}

/** Shown values of each type for the groups queries: a quote in text, a fraction, null. */
const SHOWN: Record<ColumnType, GroupValue[]> = {
  string: ['north', "it's", null],
  number: [2.5, 3, null],
  boolean: [true, null, false],
  date: [Date.UTC(2024, 1, 29), null],
};

const breakdownFile = fixture('breakdown', 'golden.kpis.yaml');
const breakdownAnalysis = analyzeFile(breakdownFile);

for (const dialect of DIALECT_NAMES) {
  test(`golden breakdown SQL: ${dialect}`, () => {
    const relativeTo = path.dirname(breakdownFile);
    const text = sqlText(breakdownAnalysis, { dialect, relativeTo });
    const compiled = compileKpiSql(breakdownAnalysis, {
      dialect,
      pathOf: (absPath) => path.relative(relativeTo, absPath).split(path.sep).join('/'),
    });
    assert.equal(compiled.breakdowns.length, 4);
    const groups = compiled.breakdowns.flatMap((b) =>
      b.kpis.map((k) => b.groupsSql(k.kpi, SHOWN[b.type]).replace(/\n$/, ';\n')),
    );
    const all = [text, ...groups].join('\n');
    const golden = fixture('sql', 'golden', `${dialect}.breakdown.sql`);
    if (process.env.KPI_LENS_UPDATE_GOLDEN === '1') fs.writeFileSync(golden, all);
    assert.equal(all, fs.readFileSync(golden, 'utf8'));
  });
}
