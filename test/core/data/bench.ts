/**
 * Parse speed of a large csv (not a unit test: run it by hand after a build).
 *   node out/test/core/data/bench.js [rows=1000000] [--heavy]
 * Writes a file of `rows` rows and 8 columns to the temp folder (about 48 MB for 1M rows:
 * id, date, category, three numbers, a boolean, a category; with --heavy, ISO date-times
 * and a free-text column with quoted, escaped cells instead, about 88 MB), then times
 * DataCache.load (read + parse) and parseTable alone, three times each.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataCache } from '../../../src/core/data/load';
import { parseTable } from '../../../src/core/data/parseTable';

const heavy = process.argv.includes('--heavy');
const rows = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const channels = ['chat', 'email', 'phone', 'internal', 'web form'];
const regions = ['north', 'south', 'east', 'west'];
let seed = 42;
const next = (n: number): number => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};
const pad = (n: number): string => String(n).padStart(2, '0');
const lines = [
  heavy
    ? 'id,submitted_at,channel,score,amount,resolved,comment,due'
    : 'id,day,channel,score,amount,resolved,handle_seconds,region',
];
for (let i = 0; i < rows; i++) {
  const day = `2025-${pad(1 + next(12))}-${pad(1 + next(28))}`;
  if (heavy) {
    const at = new Date(Date.UTC(2025, 0, 1) + next(365 * 86_400) * 1000).toISOString().slice(0, 19) + 'Z';
    const comment = next(4) === 0 ? `"said ""ok"", thanks ${i}"` : next(3) === 0 ? '' : `note ${next(1000)}`;
    lines.push(
      `${i + 1},${at},${channels[next(5)]},${next(11)},${next(100000) / 100},${next(2) === 0},${comment},${day}`,
    );
  } else {
    lines.push(
      `${i + 1},${day},${channels[next(5)]},${next(11)},${next(100000) / 100},${next(2) === 0},${next(3600)},${regions[next(4)]}`,
    );
  }
}
const file = path.join(os.tmpdir(), `kpi-lens-bench-${process.pid}.csv`);
fs.writeFileSync(file, lines.join('\n') + '\n');
lines.length = 0;
const bytes = fs.statSync(file).size;
console.log(`${rows} rows x 8 columns, ${(bytes / 1e6).toFixed(1)} MB${heavy ? ' (heavy)' : ''}`);

/** CPU time of this thread in ms (Linux; 10 ms resolution), else NaN. */
function threadCpuMs(): number {
  try {
    const fields = fs.readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

try {
  for (let run = 0; run < 3; run++) {
    let t = process.hrtime.bigint();
    const result = new DataCache().load(file, { format: 'csv', fileName: 'bench.csv' });
    const loadMs = Number(process.hrtime.bigint() - t) / 1e6;
    if (!result.ok) throw new Error(result.error.message);
    const text = fs.readFileSync(file, 'utf8');
    const cpu = threadCpuMs();
    t = process.hrtime.bigint();
    const parsed = parseTable(text, { format: 'csv', fileName: 'bench.csv' });
    const parseMs = Number(process.hrtime.bigint() - t) / 1e6;
    const parseCpu = threadCpuMs() - cpu;
    if (!parsed.ok) throw new Error(parsed.error.message);
    const types = [...parsed.table.columns].map(([n, c]) => `${n}:${c.type}`).join(' ');
    console.log(
      `run ${run + 1}: read+parse ${loadMs.toFixed(0)} ms; parse ${parseMs.toFixed(0)} ms wall, ${parseCpu} ms main-thread CPU  [${types}]`,
    );
  }
} finally {
  fs.rmSync(file, { force: true });
}
