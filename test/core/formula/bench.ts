/**
 * Evaluation speed (not a unit test: run it by hand after a build).
 *   node out/test/core/formula/bench.js [rows=1000000]
 * Builds a table in memory (so that only evaluation is timed) and computes seven typical
 * KPIs over it, without grain and by month and by ISO week, a few times each.
 */
import {
  BOOL_FALSE,
  BOOL_NULL,
  BOOL_TRUE,
  type Column,
  type Table,
  columnTypes,
  stringColumnOf,
} from '../../../src/core/data/table';
import type { Grain } from '../../../src/core/model/kpiFile';
import { analyzeFormula, evaluateSourced } from '../../../src/core/formula';

const rows = Number(process.argv[2] ?? 1_000_000);
let seed = 42;
const next = (n: number): number => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};
const at = new Float64Array(rows);
const score = new Float64Array(rows);
const amount = new Float64Array(rows);
const resolved = new Uint8Array(rows);
const channel: (string | null)[] = new Array<string | null>(rows);
const channels = ['chat', 'email', 'phone', 'internal', 'web form'];
for (let i = 0; i < rows; i++) {
  at[i] = next(50) === 0 ? NaN : Date.UTC(2025, 0, 1) + next(365 * 86_400) * 1000;
  score[i] = next(20) === 0 ? NaN : next(11);
  amount[i] = next(100000) / 100;
  resolved[i] = next(30) === 0 ? BOOL_NULL : next(2) === 0 ? BOOL_TRUE : BOOL_FALSE;
  channel[i] = next(25) === 0 ? null : channels[next(5)]!;
}
const columns = new Map<string, Column>([
  ['submitted_at', { type: 'date', values: at }],
  ['score', { type: 'number', values: score }],
  ['amount', { type: 'number', values: amount }],
  ['resolved', { type: 'boolean', values: resolved }],
  ['channel', stringColumnOf(channel)],
]);
const table: Table = { rowCount: rows, columns };
const types = columnTypes(table);
const kpis: [string, string | undefined][] = [
  ['pct(score >= 9) - pct(score <= 6)', 'channel != "internal"'],
  ['avg(amount)', undefined],
  ['percentile(amount, 90 where channel == "chat")', undefined],
  ['median(score)', 'resolved'],
  ['count_distinct(channel)', undefined],
  ['sum(amount where resolved) / count()', 'channel in ("chat", "email", "web form")'],
  ['share(resolved and score > 5)', undefined],
];
const checked = kpis.map(([formula, filter]) => ({
  formula: analyzeFormula(formula, { mode: 'sourced', role: 'formula', columns: types }),
  filter:
    filter === undefined ? undefined : analyzeFormula(filter, { mode: 'sourced', role: 'filter', columns: types }),
}));
for (const c of checked) {
  if (c.formula.diagnostics.length + (c.filter?.diagnostics.length ?? 0) > 0) throw new Error(JSON.stringify(c));
}
for (const grain of [undefined, 'month', 'week', 'day'] as (Grain | undefined)[]) {
  const times: number[] = [];
  for (let round = 0; round < 3; round++) {
    const t0 = performance.now();
    for (const c of checked)
      evaluateSourced(c.formula, c.filter, table, grain ? { time: 'submitted_at', grain } : undefined);
    times.push(performance.now() - t0);
  }
  console.log(`${rows} rows, 7 KPIs, grain ${grain ?? 'none'}: ${times.map((t) => `${t.toFixed(0)} ms`).join(', ')}`);
}
