// `kpi-lens eval` reads a large csv file, and computes its KPIs, on several threads
// (KPI_LENS_THREADS; default: the machine's cores): its output is byte for byte the output
// of doing both on one.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { runCli, show } from './run';

const KPIS = `version: 1
goals:
  - { id: cx, title: Customer experience }
sources:
  survey: { path: survey.csv, time: submitted_at }
kpis:
  - { id: nps, name: NPS, goals: [cx], source: survey, formula: pct(score >= 9) - pct(score <= 6), grain: month }
  - { id: aht, name: AHT, unit: duration, per: minutes, goals: [cx], source: survey, formula: avg(handle_seconds) / 60, grain: month }
  - { id: p90, name: P90 handle, goals: [cx], source: survey, formula: 'percentile(handle_seconds, 90)', grain: month }
  - { id: chat, name: Chat median, goals: [cx], source: survey, formula: 'median(handle_seconds where channel == "chat")', grain: month }
  - { id: fcr, name: FCR, unit: percent, goals: [cx], source: survey, formula: pct(resolved), grain: month }
  - { id: customers, name: Customers, unit: count, goals: [cx], source: survey, formula: count_distinct(customer_id), grain: month }
  - { id: notes, name: Notes, unit: count, goals: [cx], source: survey, formula: count_distinct(note), grain: month }
`;

test('eval of a 10 MB csv on 3 threads prints what it prints on 1, breakdowns included', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-lens-threads-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const rows = ['response_id,submitted_at,channel,customer_id,score,handle_seconds,resolved,note'];
  const channels = ['chat', 'web', 'email', 'phone'];
  let seed = 7;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const count = 220_000;
  for (let i = 0; i < count; i++) {
    const day = String(1 + next(28)).padStart(2, '0');
    const month = String(1 + next(12)).padStart(2, '0');
    // The note column is numbers until far into the file, then text (read again as written);
    // a quoted line break now and then.
    const note = i > count * 0.8 && next(50) === 0 ? 'n/a' : next(300) === 0 ? '"two\nlines"' : String(next(40));
    const score = next(20) === 0 ? '' : String(next(11));
    rows.push(
      `${i + 1},2025-${month}-${day}T0${next(10)}:00:00Z,${channels[next(4)]},c${next(5000)},${score},${30 + next(900)},${next(3) > 0},${note}`,
    );
  }
  fs.writeFileSync(path.join(dir, 'survey.csv'), rows.join('\n') + '\n');
  assert.ok(fs.statSync(path.join(dir, 'survey.csv')).size > 8 * 1024 * 1024, 'large enough to be cut in parts');
  fs.writeFileSync(path.join(dir, 'kpis.yaml'), KPIS);
  const args = ['eval', 'kpis.yaml', '--format', 'json', '--by', 'channel', '--today', '2026-01-15'];
  const one = runCli(dir, args, { KPI_LENS_THREADS: '1' });
  // Node's own debug log says which worker threads started: the file was read in parts.
  const three = runCli(dir, args, { KPI_LENS_THREADS: '3', NODE_DEBUG: 'worker' });
  assert.ok(one.status === 0 || one.status === 1, show(one));
  assert.equal(three.status, one.status, show(three));
  assert.equal(three.stdout, one.stdout);
  assert.match(three.stderr, /create new worker \S*csvWorker\.js/);
  assert.match(three.stderr, /create new worker \S*evalWorker\.js/, 'the KPIs computed on threads too');
  assert.match(three.stderr, /\[0\] created Worker with ID 1\b/);
  const { kpis } = JSON.parse(one.stdout) as { kpis: { id: string; value: number | null; breakdowns?: unknown }[] };
  assert.equal(kpis.length, 7);
  assert.ok(
    kpis.every((r) => r.value !== null && r.breakdowns !== undefined),
    one.stdout.slice(0, 2000),
  );
});
