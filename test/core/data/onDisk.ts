// Data files written to a temporary folder and read the way the CLI and the editor read
// them (DataCache from disk; analyze and evaluate for a whole KPI file).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TestContext } from 'node:test';
import { analyze, type Analysis } from '../../../src/core/checks/analysis';
import { DataCache } from '../../../src/core/data/load';
import type { ColumnType } from '../../../src/core/model/kpiFile';
import type { DataError, ParseOptions } from '../../../src/core/data/result';
import type { Table } from '../../../src/core/data/table';
import { evaluateAnalysis, type KpiResult } from '../../../src/core/evaluation/evaluate';

/** A fresh folder holding `files` (name → text), removed after the test. */
export function folderWith(t: TestContext, files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-lens-data-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text, 'utf8');
  return dir;
}

function formatOf(name: string): ParseOptions['format'] {
  if (name.endsWith('.jsonl')) return 'jsonl';
  if (name.endsWith('.json')) return 'json';
  return 'csv';
}

function read(dir: string, name: string, columns?: Record<string, ColumnType>): ReturnType<DataCache['load']> {
  const options: ParseOptions = { format: formatOf(name), fileName: name };
  if (columns) options.columns = new Map(Object.entries(columns));
  return new DataCache().load(path.join(dir, name), options);
}

/** The file read from disk as a table; fails the test when it is not one. */
export function tableOf(dir: string, name: string, columns?: Record<string, ColumnType>): Table {
  const result = read(dir, name, columns);
  if (!result.ok) assert.fail(`expected ${name} to load, got: ${result.error.message}`);
  return result.table;
}

/** The file read from disk, which must not load: its error. */
export function errorOf(dir: string, name: string, columns?: Record<string, ColumnType>): DataError {
  const result = read(dir, name, columns);
  if (result.ok) assert.fail(`expected ${name} to fail, but it loaded ${result.table.rowCount} rows`);
  return result.error;
}

/** `kpis.yaml` in dir analysed with its data, as `kpi-lens eval` does. */
export function analyzeIn(dir: string, yaml: string): Analysis {
  const filePath = path.join(dir, 'kpis.yaml');
  fs.writeFileSync(filePath, yaml, 'utf8');
  return analyze(yaml, { filePath, workspaceRoot: dir, today: '2026-01-15', loader: new DataCache() });
}

/** Every KPI's result by id. */
export function resultsOf(analysis: Analysis): Map<string, KpiResult> {
  return new Map(evaluateAnalysis(analysis).map((r) => [r.id, r]));
}

/** The findings other than the target-missing infos every KPI without a target gets. */
export function problemsOf(analysis: Analysis): string[] {
  return analysis.findings.filter((f) => f.rule !== 'target-missing').map((f) => `${f.rule}: ${f.message}`);
}
