// UI end-to-end: a Parquet source in the editor, read through the kpi-lens command line's
// DuckDB (kpiLens.engines.cliPath), with KPI Lens installed from kpi-lens.vsix. The Parquet
// file is the sample's tickets.csv written by DuckDB, so the lens and the hover must show
// what `kpi-lens eval` computes on the CSV in memory. Photographed for the README:
// database-hover.png (docs/images/ under `npm run screenshots`).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { openWorkbench, waitUntil } from './workbench.mjs';
import { repoRoot } from '../vscode/session.mjs';
import { breakdownLines, movesOf } from './expected.mjs';

const VSIX = process.env.KPI_LENS_VSIX || path.join(repoRoot, 'kpi-lens.vsix');
const CLI = path.join(repoRoot, 'dist', 'cli.js');
const SAMPLES = path.join(repoRoot, 'samples');

/** The sample's csat and aht, and a goal each, reading tickets from Parquet. */
const KPIS = `version: 1

goals:
  - id: delight_customers
    title: Customers who love us and tell their friends
  - id: efficient_support
    title: Resolve issues fast, and right the first time

sources:
  tickets:
    path: data/tickets.parquet         # read through DuckDB, in the kpi-lens command line
    time: created_at

kpis:
  - id: aht
    name: Average handle time
    unit: duration
    per: minutes
    goals: [efficient_support]
    guardrails: [csat]
    source: tickets
    formula: avg(handle_seconds) / 60
    grain: month
    target:
      value: 7.5
      direction: decrease
      due: 2026-12-31
      baseline: { value: 9.4, as_of: 2025-12-31 }

  - id: csat
    name: Customer satisfaction (CSAT)
    unit: percent
    goals: [delight_customers]
    source: tickets
    formula: 100 * count(csat >= 4) / count(csat != null)
    grain: month
    breakdown: [channel, team]
    target:
      value: 88
      due: 2026-12-31
      baseline: { value: 83, as_of: 2025-12-31 }
      warning: 80
`;

/** What `kpi-lens eval` computes for a KPI of the sample, on its CSV, in memory. */
function sampleKpi(id) {
  const out = execFileSync(process.execPath, [CLI, 'eval', '--format', 'json', '--kpi', id, 'kpis.yaml'], {
    cwd: SAMPLES,
    encoding: 'utf8',
  });
  return JSON.parse(out).kpis[0];
}

describe('a Parquet source in the editor, through the command line (installed from the VSIX)', function () {
  this.timeout(120_000);
  let wb;
  let dir;

  before(async function () {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kpi-lens-e2e-parquet-'));
    mkdirSync(path.join(dir, 'data'));
    const db = await DuckDBInstance.create(':memory:');
    const connection = await db.connect();
    const csv = path.join(SAMPLES, 'data', 'tickets.csv').replace(/'/g, "''");
    const parquet = path.join(dir, 'data', 'tickets.parquet').replace(/'/g, "''");
    await connection.run(
      `COPY (SELECT * FROM read_csv('${csv}', types = {'ticket_id': 'VARCHAR'})) TO '${parquet}' (FORMAT parquet)`,
    );
    connection.closeSync();
    db.closeSync();
    writeFileSync(path.join(dir, 'kpis.yaml'), KPIS);
    wb = await openWorkbench({
      folder: dir,
      vsix: VSIX,
      settings: { 'workbench.colorTheme': 'Default Dark Modern' },
      // A machine setting: in code-server's (remote) window it lives in the Machine settings.
      machineSettings: { 'kpiLens.engines.cliPath': CLI },
    });
    await wb.page.setViewportSize({ width: 1280, height: 900 });
    await wb.openFile('kpis.yaml');
    await wb.page.keyboard.press('Control+B');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) await wb.screenshot('failed-engines').catch(() => {});
  });

  after(async () => {
    await wb?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("the lens shows the KPI computed by DuckDB, equal to the in-memory engine's on the CSV", async () => {
    const aht = sampleKpi('aht');
    const lines = KPIS.split('\n');
    await wb.goToLine(lines.findIndex((l) => l.includes('- id: aht')) + 1);
    const expected = `Average handle time ${aht.value.toFixed(1)} min · ${movesOf(aht, ' min')} · target ≤ ${aht.target.value} min by ${aht.target.due} · ${aht.status.replace(/_/g, ' ')}`;
    const lenses = wb.page.locator('.editor-instance .codelens-decoration');
    await waitUntil(
      `the lens "${expected}"`,
      () => lenses.allInnerTexts(),
      (t) => t.some((x) => x.trim().startsWith(expected)),
      60_000,
    );
  });

  it('the hover over the KPI lists its breakdown groups from DuckDB, as kpi-lens eval computes them on the CSV', async () => {
    const csat = sampleKpi('csat');
    const lines = KPIS.split('\n');
    const line = lines.findIndex((l) => l.includes('- id: csat')) + 1;
    // The top of the file stays on screen, the source's Parquet path above the hover.
    await wb.goToLine(1);
    await wb.goToLine(line);
    const text = await wb.hover('csat', 'By channel', 'the hover over the KPI "csat"');
    assert.ok(text.includes(`${csat.value.toFixed(1)}% in ${csat.period}`), text);
    for (const expected of breakdownLines(csat)) {
      assert.ok(
        text.replace(/\s+/g, ' ').includes(expected),
        `the hover lacks ${JSON.stringify(expected)}; it reads:\n${text}`,
      );
    }
    await wb.screenshot('database-hover');
    await wb.page.mouse.move(5, 5);
  });
});
