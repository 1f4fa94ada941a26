// Shared by the engine tests: a workspace on disk with a KPI file and generated data, the
// CLI's JSON results, and a value-by-value comparison (1e-9 relative).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../run';

export interface JsonKpi {
  id: string;
  value: number | null;
  period?: string | null;
  series?: { period: string; start: string; value: number | null }[];
  status: string | null;
  notes: string[];
}

export interface JsonDiagnostic {
  rule: string;
  severity: string;
  message: string;
  line: number;
  column: number;
}

export interface EvalJson {
  kpis: JsonKpi[];
  diagnostics: JsonDiagnostic[];
}

/** A fresh folder with these files (relative path → text), removed when the test ends. */
export function workspace(t: { after(fn: () => void): void }, files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-lens-engines-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** `kpi-lens eval --format json` in `dir`; the report and the exit code. */
export function evalJson(
  dir: string,
  args: string[] = [],
  env: Record<string, string | undefined> = {},
): EvalJson & { status: number | null } {
  const r = runCli(dir, ['eval', '--format', 'json', '--today', '2026-12-01', ...args], env);
  assert.ok(r.stdout.trim().startsWith('{'), `no JSON report (exit ${r.status}): ${r.stderr}`);
  return { ...(JSON.parse(r.stdout) as EvalJson), status: r.status };
}

function close(actual: number | null | undefined, expected: number | null | undefined, what: string): void {
  if (expected === null || expected === undefined || actual === null || actual === undefined) {
    assert.equal(actual ?? null, expected ?? null, what);
    return;
  }
  const scale = Math.max(Math.abs(expected), Math.abs(actual));
  assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(scale, 1e-6), `${what}: ${actual} vs ${expected}`);
}

/** The same KPIs with the same values (1e-9 relative), periods, statuses and notes. */
export function assertSameKpis(actual: JsonKpi[], expected: JsonKpi[], label: string): void {
  assert.deepEqual(
    actual.map((k) => k.id),
    expected.map((k) => k.id),
  );
  expected.forEach((e, i) => {
    const a = actual[i]!;
    close(a.value, e.value, `${label} ${e.id}`);
    assert.equal(a.period, e.period, `${label} ${e.id}: period`);
    assert.equal(a.status, e.status, `${label} ${e.id}: status`);
    assert.deepEqual(a.notes, e.notes, `${label} ${e.id}: notes`);
    assert.deepEqual(
      a.series?.map((s) => s.period),
      e.series?.map((s) => s.period),
      `${label} ${e.id}: periods`,
    );
    e.series?.forEach((s, k) => close(a.series![k]!.value, s.value, `${label} ${e.id} ${s.period}`));
  });
}

/** Events with nulls, gaps (no rows in May 2023), ISO week 53 of 2020, 29 February 2024, times of day. */
export function edgeRows(): {
  at: string;
  amount: number | null;
  channel: string | null;
  ok: boolean | null;
  customer: string;
}[] {
  let seed = 42;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const days: string[] = [];
  const add = (from: string, to: string): void => {
    for (let d = Date.parse(from); d <= Date.parse(to); d += 86_400_000)
      days.push(new Date(d).toISOString().slice(0, 10));
  };
  add('2020-12-24', '2021-01-10');
  add('2023-03-01', '2023-04-30');
  add('2023-06-01', '2023-07-15');
  add('2024-02-20', '2024-03-05');
  const rows: ReturnType<typeof edgeRows> = [];
  for (const day of days) {
    const n = 1 + Math.floor(next() * 4);
    for (let i = 0; i < n; i++) {
      const r = next();
      const time =
        r < 0.3
          ? day
          : `${day}T${String(Math.floor(next() * 24)).padStart(2, '0')}:${String(Math.floor(next() * 60)).padStart(2, '0')}:00Z`;
      rows.push({
        at: time,
        amount: next() < 0.15 ? null : Math.round(next() * 100000) / 100,
        channel: next() < 0.1 ? null : ['web', 'chat', 'phone'][Math.floor(next() * 3)]!,
        ok: next() < 0.1 ? null : next() < 0.6,
        customer: `c${Math.floor(next() * 40)}`,
      });
    }
  }
  return rows;
}

export function edgeCsv(): string {
  const lines = ['at,amount,channel,ok,customer'];
  for (const r of edgeRows()) {
    lines.push([r.at, r.amount ?? '', r.channel ?? '', r.ok === null ? '' : String(r.ok), r.customer].join(','));
  }
  return lines.join('\n') + '\n';
}

/** KPIs over the edge data of a source, every grain, filters, and a derived KPI. */
export function edgeKpis(source: string): string {
  return `
  - id: events
    name: Events
    source: ${source}
    formula: count()
    grain: week
  - id: revenue
    name: Revenue
    source: ${source}
    formula: sum(amount)
    grain: month
  - id: avg_amount
    name: Average amount
    source: ${source}
    formula: avg(amount)
    grain: quarter
  - id: ok_rate
    name: OK rate
    source: ${source}
    formula: pct(ok)
    grain: day
  - id: chat_median
    name: Chat median
    source: ${source}
    filter: channel == "chat"
    formula: median(amount)
    grain: year
  - id: p90
    name: P90 amount
    source: ${source}
    formula: percentile(amount, 90)
  - id: customers
    name: Customers
    source: ${source}
    formula: count_distinct(customer)
    grain: month
  - id: per_customer
    name: Revenue per customer
    formula: revenue / customers
`;
}
