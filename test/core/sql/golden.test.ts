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
