/**
 * Parse speed of a large csv (not a unit test: run it by hand after a build).
 *   node out/test/core/data/bench.js [rows=1000000]
 * Writes a 1M-row, 8-column file to the temp folder, then times DataCache.load on it
 * (read + parse) and parseTable alone, a few times each.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataCache } from '../../../src/core/data/load';
import { parseTable } from '../../../src/core/data/parseTable';

const rows = Number(process.argv[2] ?? 1_000_000);
const channels = ['chat', 'email', 'phone', 'internal', 'web form'];
const lines = ['id,submitted_at,channel,score,amount,resolved,comment,due'];
let seed = 42;
const next = (n: number): number => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};
for (let i = 0; i < rows; i++) {
  const at = new Date(Date.UTC(2025, 0, 1) + next(365 * 86_400) * 1000).toISOString().slice(0, 19) + 'Z';
  const comment = next(4) === 0 ? `"said ""ok"", thanks ${i}"` : next(3) === 0 ? '' : `note ${next(1000)}`;
  const due = `2025-${String(1 + next(12)).padStart(2, '0')}-${String(1 + next(28)).padStart(2, '0')}`;
  lines.push(`${i + 1},${at},${channels[next(5)]},${next(11)},${next(100000) / 100},${next(2) === 0 ? 'true' : 'false'},${comment},${due}`);
}
const file = path.join(os.tmpdir(), `kpi-lens-bench-${rows}.csv`);
fs.writeFileSync(file, lines.join('\n') + '\n');
const bytes = fs.statSync(file).size;
console.log(`${rows} rows x 8 columns, ${(bytes / 1e6).toFixed(1)} MB`);

for (let run = 0; run < 3; run++) {
  const cache = new DataCache();
  let t = process.hrtime.bigint();
  const result = cache.load(file, { format: 'csv', fileName: 'bench.csv' });
  const loadMs = Number(process.hrtime.bigint() - t) / 1e6;
  if (!result.ok) throw new Error(result.error.message);
  const text = fs.readFileSync(file, 'utf8');
  t = process.hrtime.bigint();
  const parsed = parseTable(text, { format: 'csv', fileName: 'bench.csv' });
  const parseMs = Number(process.hrtime.bigint() - t) / 1e6;
  if (!parsed.ok) throw new Error(parsed.error.message);
  const types = [...parsed.table.columns].map(([n, c]) => `${n}:${c.type}`).join(' ');
  console.log(`run ${run + 1}: read+parse ${loadMs.toFixed(0)} ms, parse ${parseMs.toFixed(0)} ms, heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB  [${types}]`);
}
fs.rmSync(file);
