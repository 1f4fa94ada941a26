// test/fixtures/breakdown: its data table, read by the real loader, and its KPI files analysed.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { analyze, type Analysis } from '../../../src/core/checks/analysis';
import { DataCache } from '../../../src/core/data/load';
import type { Table } from '../../../src/core/data/table';
import { fixture } from '../../paths';

const cache = new DataCache();

/** data/tickets.csv (see generate.mjs) as a Table. */
export function loadBreakdownTable(): Table {
  const result = cache.load(fixture('breakdown', 'data', 'tickets.csv'), { format: 'csv', fileName: 'tickets.csv' });
  if (!result.ok) assert.fail(`tickets.csv did not load: ${result.error.message}`);
  return result.table;
}

/** A KPI file of test/fixtures/breakdown, analysed with its data. */
export function analyzeBreakdownFile(name = 'kpis.yaml'): Analysis {
  const file = fixture('breakdown', name);
  return analyze(fs.readFileSync(file, 'utf8'), { filePath: file, today: '2026-12-03', loader: cache });
}
