import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../../src/core/checks/analysis';
import { DataCache } from '../../../src/core/data/load';
import { evaluateAnalysis } from '../../../src/core/evaluation/evaluate';
import { starterFiles } from '../../../src/core/starter/starter';
import { repoRoot } from '../../paths';

const TODAY = '2026-05-10';
const cli = path.join(repoRoot, 'dist', 'cli.js');

function writeStarter(today: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-lens-starter-'));
  for (const [rel, text] of Object.entries(starterFiles(today).files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

test('the starter is kpis.yaml plus four small CSV files under data/', () => {
  const { kpiFile, files } = starterFiles(TODAY);
  assert.equal(kpiFile, 'kpis.yaml');
  assert.deepEqual(Object.keys(files), [
    'kpis.yaml',
    'data/tickets.csv',
    'data/nps_survey.csv',
    'data/subscriptions.csv',
    'data/web_sessions.csv',
  ]);
  const bytes = Object.values(files).reduce((s, t) => s + Buffer.byteLength(t), 0);
  assert.ok(bytes < 200_000, `the starter should stay small, is ${bytes} bytes`);
});

test(
  'the starter passes `kpi-lens check` with no problem at all, now and later',
  { skip: !fs.existsSync(cli) && 'dist/cli.js is not built' },
  () => {
    const dir = writeStarter(TODAY);
    try {
      for (const today of [TODAY, '2026-09-01']) {
        const run = spawnSync(process.execPath, [cli, 'check', 'kpis.yaml', '--format', 'json', '--today', today], {
          cwd: dir,
          encoding: 'utf8',
        });
        assert.equal(run.status, 0, `check exited ${run.status}: ${run.stdout}${run.stderr}`);
        const out = JSON.parse(run.stdout) as {
          diagnostics: unknown[];
          summary: { errors: number; warnings: number; infos: number };
        };
        assert.deepEqual(out.summary, { errors: 0, warnings: 0, infos: 0 }, JSON.stringify(out.diagnostics, null, 2));
      }
      // After the due date the targets are past due: infos only, still exit 0.
      const late = spawnSync(
        process.execPath,
        [cli, 'check', 'kpis.yaml', '--format', 'json', '--today', '2027-01-01'],
        { cwd: dir, encoding: 'utf8' },
      );
      assert.equal(late.status, 0);
      const summary = (JSON.parse(late.stdout) as { summary: { errors: number; warnings: number } }).summary;
      assert.equal(summary.errors + summary.warnings, 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
);

test('the starter has the seed CX KPIs, every goal measured, every KPI computed with a mix of statuses', () => {
  const dir = writeStarter(TODAY);
  try {
    const file = path.join(dir, 'kpis.yaml');
    const analysis = analyze(fs.readFileSync(file, 'utf8'), { filePath: file, today: TODAY, loader: new DataCache() });
    assert.deepEqual(analysis.findings, []);
    const ids = analysis.model.kpis.map((k) => k.id?.value);
    for (const seed of [
      'nps',
      'csat',
      'ces',
      'churn_rate',
      'retention_rate',
      'clv',
      'conversion_rate',
      'fcr',
      'frt',
      'art',
      'aht',
      'pages_per_visit',
    ]) {
      assert.ok(ids.includes(seed), `the starter lacks the seed KPI ${seed}`);
    }
    assert.deepEqual(
      analysis.model.goals.map((g) => g.id?.value),
      ['grow_revenue', 'retain_customers', 'delight_customers', 'efficient_support', 'grow_online_sales'],
    );
    const results = evaluateAnalysis(analysis);
    for (const r of results) {
      assert.notEqual(r.value, null, `${r.id} has no value: ${r.failure ?? ''}`);
      assert.notEqual(r.status, null, `${r.id} has no status`);
      if (r.series) assert.equal(r.series.length, 6, `${r.id}: six months of data`);
    }
    const statuses = new Set(results.map((r) => r.status));
    assert.deepEqual(
      [...statuses].sort(),
      ['at_risk', 'met', 'off_track'],
      'a mix of statuses, so that the views have something to show',
    );
    // The series ends with the month before "today".
    assert.equal(results.find((r) => r.id === 'nps')!.period, '2026-04');
    assert.ok(
      results.find((r) => r.id === 'aht')!.notes.includes('guardrail-off-track'),
      'aht shows what guardrails are for',
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the starter is deterministic, dated by "today": the same day gives the same bytes, the values do not move', () => {
  assert.deepEqual(starterFiles(TODAY), starterFiles(TODAY));
  const later = starterFiles('2027-02-28').files['kpis.yaml']!;
  assert.match(later, /due: 2027-08-31/);
  assert.match(later, /as_of: 2026-08-31/);
  assert.match(starterFiles(TODAY).files['kpis.yaml']!, /due: 2026-11-30\n/);
  assert.match(starterFiles(TODAY).files['kpis.yaml']!, /as_of: 2025-11-30 /);
  const rows = (t: string): number => t.trimEnd().split('\n').length;
  for (const name of ['data/tickets.csv', 'data/nps_survey.csv', 'data/web_sessions.csv']) {
    assert.equal(rows(starterFiles(TODAY).files[name]!), rows(starterFiles('2027-02-28').files[name]!), name);
  }
});

test('the CLI evaluates the starter with exit 0', { skip: !fs.existsSync(cli) && 'dist/cli.js is not built' }, () => {
  const dir = writeStarter(TODAY);
  try {
    const out = execFileSync(process.execPath, [cli, 'eval', 'kpis.yaml', '--format', 'json', '--today', TODAY], {
      cwd: dir,
      encoding: 'utf8',
    });
    const doc = JSON.parse(out) as { kpis: { id: string; value: number | null }[] };
    assert.equal(doc.kpis.length, 13);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
