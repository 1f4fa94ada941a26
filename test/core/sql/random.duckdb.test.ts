/**
 * Random KPI files against DuckDB: the fuzz harness's random tables (nulls, repeated values,
 * dates at year and ISO-week edges, leap days) written as CSV, and its random formulas and
 * filters (every function, nested, with `where`, `if`, `coalesce`, `in`, null literals), each
 * KPI with a random grain. The DuckDB SQL must give what evaluateAnalysis gives: every value,
 * series entry, note and failure. KPI_LENS_SQL_CASES=N runs more cases (default 40).
 */
import { test } from 'node:test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mulberry32 } from '../../../src/core/common/random';
import { evaluateAnalysis } from '../../../src/core/evaluation/evaluate';
import { resultsFromRows } from '../../../src/core/sql/sqlResults';
import { chance, pick } from '../../fuzz/choose';
import { FormulaGenerator } from '../../fuzz/formulaGen';
import { RDate, type RValue } from '../../fuzz/referenceInterpreter';
import { randomTable } from '../../fuzz/tableGen';
import { analyzeFile, compileKpiSql, runDuckdb } from './duckdbRun';
import { assertSameResults } from './sameResults';

const CASES = Number(process.env.KPI_LENS_SQL_CASES ?? 40);
const GRAINS = ['', 'day', 'week', 'month', 'quarter', 'year'] as const;

function csvCell(v: RValue): string {
  if (v === null) return '';
  const text = v instanceof RDate ? new Date(v.ms).toISOString() : String(v);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A KPI file of random KPIs over a random table, written into `dir`. */
function writeCase(seed: number, dir: string): string {
  const next = mulberry32(seed);
  const generated = randomTable(next);
  const header = generated.columns.map((c) => csvCell(c.name)).join(',');
  const rows = generated.ref.rows.map((row) => generated.columns.map((c) => csvCell(row[c.name] ?? null)).join(','));
  fs.writeFileSync(path.join(dir, 'data.csv'), [header, ...rows].join('\n') + '\n');
  const gen = new FormulaGenerator(next, generated.columns, 3);
  const kpis: string[] = [];
  for (let k = 0; k < 8; k++) {
    const grain = pick(next, GRAINS);
    kpis.push(
      `  - id: k${k}\n    name: K${k}\n    goals: [g]\n    source: data\n` +
        `    formula: ${JSON.stringify(gen.formula())}\n` +
        (chance(next, 0.4) ? `    filter: ${JSON.stringify(gen.filter())}\n` : '') +
        (grain ? `    grain: ${grain}\n` : ''),
    );
  }
  const file = path.join(dir, 'kpis.yaml');
  fs.writeFileSync(
    file,
    `version: 1\ngoals:\n  - { id: g, title: G }\nsources:\n  data: { path: data.csv, time: t }\nkpis:\n${kpis.join('')}`,
  );
  return file;
}

test(`${CASES} random KPI files: the DuckDB SQL gives what evaluateAnalysis gives`, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-lens-sql-'));
  try {
    for (let seed = 1; seed <= CASES; seed++) {
      const file = writeCase(seed, dir);
      const analysis = analyzeFile(file);
      const compiled = compileKpiSql(analysis, { dialect: 'duckdb' });
      let rows;
      try {
        rows = await runDuckdb(compiled);
      } catch (error) {
        throw new Error(`seed ${seed}: ${(error as Error).message}\n${fs.readFileSync(file, 'utf8')}`, {
          cause: error,
        });
      }
      try {
        assertSameResults(resultsFromRows(analysis, compiled, rows), evaluateAnalysis(analysis), compiled, {
          allowSkipped: true,
        });
      } catch (error) {
        throw new Error(`seed ${seed}: ${(error as Error).message}\n${fs.readFileSync(file, 'utf8')}`, {
          cause: error,
        });
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
