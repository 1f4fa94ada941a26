/**
 * Hover latency on a large sample (not a unit test: run it by hand after a build).
 *   node out/test/core/editor/bench.js [rows=100000]
 * Writes a throwaway kpis.yaml with 8 monthly KPIs (two derived) and a csv of `rows`
 * tickets to a temp folder, then times what the editor does: the first analysis (reads
 * the data), the first results, a KPI hover and a column hover on cached results, and,
 * after one KPI's target and another's formula are edited, the new version's analysis and
 * results (only the edited KPI and what depends on it are recomputed) and the hover again.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../../src/core/checks/analysis';
import { DataCache } from '../../../src/core/data/load';
import { mulberry32, randomInt } from '../../../src/core/common/random';
import { hoverAt, lensesFor } from '../../../src/core/editor';
import { EvaluationCache, evaluateAnalysis } from '../../../src/core/evaluation/evaluate';

const rows = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 100_000);
const random = mulberry32(7);
const next = (n: number): number => randomInt(random, n);
const pad = (n: number): string => String(n).padStart(2, '0');
const channels = ['chat', 'email', 'phone', 'web form'];
const lines = ['ticket_id,created_at,channel,handle_seconds,csat,contacts,Likely to recommend'];
for (let i = 0; i < rows; i++) {
  const at = `202${5 + next(2)}-${pad(1 + next(12))}-${pad(1 + next(28))}T${pad(next(24))}:${pad(next(60))}:00Z`;
  const csat = next(5) === 0 ? '' : String(1 + next(5));
  lines.push(`T${i},${at},${channels[next(4)]},${60 + next(900)},${csat},${1 + next(3)},${next(11)}`);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-lens-hover-'));
fs.mkdirSync(path.join(dir, 'data'));
fs.writeFileSync(path.join(dir, 'data', 'tickets.csv'), lines.join('\n') + '\n');
const kpi = (id: string, formula: string, extra = ''): string =>
  `  - id: ${id}\n    name: KPI ${id}\n    goals: [g]\n    source: tickets\n    formula: ${formula}\n    grain: month\n    target: { value: 50, due: 2026-12-31, warning: 40 }\n${extra}`;
const yaml = [
  'version: 1',
  'goals:\n  - id: g\n    title: A goal',
  'sources:\n  tickets:\n    path: data/tickets.csv\n    time: created_at',
  'kpis:',
  kpi('nps', 'pct(`Likely to recommend` >= 9) - pct(`Likely to recommend` <= 6)'),
  kpi('csat', '100 * count(csat >= 4) / count(csat != null)'),
  kpi('aht', 'avg(handle_seconds) / 60', '    guardrails: [csat, fcr]\n'),
  kpi('fcr', 'pct(contacts == 1)'),
  kpi('p90', 'percentile(handle_seconds, 90 where channel == "chat")'),
  kpi('chats', 'count(channel == "chat")'),
  '  - id: nps_per_csat\n    name: Derived\n    goals: [g]\n    formula: nps / csat\n    target: { value: 1, due: 2026-12-31 }',
  '  - id: fcr_gap\n    name: Derived 2\n    goals: [g]\n    formula: 100 - fcr\n',
].join('\n');
const file = path.join(dir, 'kpis.yaml');
fs.writeFileSync(file, yaml);
console.log(
  `${rows.toLocaleString('en-US')} rows, ${(fs.statSync(path.join(dir, 'data', 'tickets.csv')).size / 1e6).toFixed(1)} MB csv, 8 KPIs, in ${dir}`,
);

const ms = (t0: bigint): string => `${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(1)} ms`;
const loader = new DataCache();
const values = new EvaluationCache();
let t = process.hrtime.bigint();
let analysis = analyze(yaml, { filePath: file, loader });
console.log(`first analysis (reads and types the csv): ${ms(t)}`);
t = process.hrtime.bigint();
let results = evaluateAnalysis(analysis, { cache: values });
console.log(`first results (every KPI, every month): ${ms(t)}`);
const at = (needle: string, delta: number, text = yaml): number => text.indexOf(needle) + delta;
const time = (what: string, run: () => unknown, n = 50): void => {
  run();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) run();
  console.log(`${what}: ${(Number(process.hrtime.bigint() - t0) / 1e6 / n).toFixed(2)} ms (mean of ${n})`);
};
time('hover over a KPI id on cached results', () => hoverAt(analysis, results, at('- id: aht', 7), { maxRows: 5 }));
time('hover over a column (stats over every row)', () =>
  hoverAt(analysis, results, at('avg(handle_seconds', 6), { maxRows: 5 }),
);
time('hover over a string column', () => hoverAt(analysis, results, at('channel == "chat")', 2), { maxRows: 5 }));
time('CodeLens for every KPI on cached results', () => lensesFor(analysis, results));

const edited = yaml
  .replace('formula: pct(contacts == 1)', 'formula: pct(contacts <= 1)')
  .replace(
    '    formula: avg(handle_seconds) / 60\n    grain: month\n    target: { value: 50,',
    '    formula: avg(handle_seconds) / 60\n    grain: month\n    target: { value: 45,',
  );
t = process.hrtime.bigint();
analysis = analyze(edited, { filePath: file, loader });
console.log(`after editing two KPIs — analysis (data cached by modification time): ${ms(t)}`);
t = process.hrtime.bigint();
results = evaluateAnalysis(analysis, { cache: values });
console.log(`after editing two KPIs — results (only fcr and what uses it recomputed): ${ms(t)}`);
t = process.hrtime.bigint();
const h = hoverAt(analysis, results, at('- id: aht', 7, edited), { maxRows: 5 });
console.log(`hover right after the edit: ${ms(t)}`);
console.log(`\n${h?.markdown.split('\n\n').slice(2, 4).join('\n')}`);
fs.rmSync(dir, { recursive: true, force: true });
