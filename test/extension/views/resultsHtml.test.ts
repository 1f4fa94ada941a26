// The results view's HTML and charts are pure functions (src/extension/views/, no vscode):
// tested here over the samples with a fixed today.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { alignmentOf } from '../../../src/core/evaluation/alignment';
import { analyze } from '../../../src/core/checks/analysis';
import { DataCache } from '../../../src/core/data/load';
import { evaluateAnalysis, type KpiResult } from '../../../src/core/evaluation/evaluate';
import { unitLabelOf } from '../../../src/core/presentation/resultText';
import { escapeHtml, lineChartSvg, progressBarSvg } from '../../../src/extension/views/chart';
import { resultsBody, resultsPage, type ResultsBodyInput } from '../../../src/extension/views/resultsHtml';
import { fixture, repoRoot } from '../../paths';

const TODAY = '2026-11-15';
const file = path.join(repoRoot, 'samples', 'kpis.yaml');
const analysis = analyze(fs.readFileSync(file, 'utf8'), { filePath: file, today: TODAY, loader: new DataCache() });
const results = evaluateAnalysis(analysis);

function input(over: Partial<ResultsBodyInput> = {}, rs: readonly KpiResult[] = results): ResultsBodyInput {
  const alignment = alignmentOf(analysis.model, rs);
  return {
    fileName: 'samples/kpis.yaml',
    today: TODAY,
    results: rs,
    labels: new Map(analysis.model.kpis.map((k) => [k.index, unitLabelOf(k)])),
    summary: alignment.summary,
    misaligned: new Set(alignment.unlinked.map((k) => k.index)),
    findings: { errors: 0, warnings: 1, infos: 3 },
    ...over,
  };
}

/** The text of the row of KPI `id`. */
function rowText(html: string, id: string): string {
  const m = new RegExp(`<tr class="kpi[^"]*" data-index="\\d+" data-id="${id}"[\\s\\S]*?</tr>`).exec(html);
  assert.ok(m, `no row for ${id}`);
  return m[0]
    .replace(/<title>[^<]*<\/title>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

test('one row per KPI in file order, each with value, target, status, progress and trend', () => {
  const html = resultsBody(input());
  const ids = [...html.matchAll(/data-id="([a-z_]+)"/g)].map((m) => m[1]);
  assert.deepEqual(
    ids,
    analysis.model.kpis.map((k) => k.id!.value),
  );
  assert.equal(
    rowText(html, 'nps'),
    'Net Promoter Score nps · retain_customers, delight_customers 30.4 2026-10 ▼ 2.4 vs 2026-09 ▼ 0.82 vs a year ago ' +
      '≥ 40 by 2026-12-31 · warning 28 benchmark 35 at risk −59.4% off pace: 37.7 2025-01 2026-10',
  );
  assert.match(
    rowText(html, 'aht'),
    /^Average handle time aht · efficient_support guardrail off track 5\.8 min 2026-10 ▼ 1\.1 min vs 2026-09 ▼ 4\.2 min vs a year ago ≤ 7\.5 min by 2026-12-31 · warning 8\.5 min met 189\.6%/,
  );
  assert.match(rowText(html, 'pages_per_visit'), /not linked to a goal/);
  assert.match(rowText(html, 'mrr'), /18,618 EUR/);
});

test('the Change column: each move green when good for the target, red when not, with the numbers in its tooltip', () => {
  const html = resultsBody(input());
  assert.match(html, /<th class="c-change">Change<\/th>/);
  // NPS (DuckDB over samples/data): 30.43 in 2026-10, 32.84 in 2026-09, 31.25 in 2025-10; a target to increase.
  // −2.40 / 32.84 = −7.3%; −0.82 / 31.25 = −2.6%.
  const nps = /data-id="nps"[\s\S]*?<td class="c-change">([\s\S]*?)<\/td>/.exec(html)![1];
  assert.equal(
    nps,
    '<div class="move bad" title="2026-10 against 2026-09 (32.8): −2.4 (−7.3%), bad for the target">▼ 2.4 vs 2026-09</div>' +
      '<div class="move bad" title="2026-10 against 2025-10 (31.3): −0.82 (−2.6%), bad for the target">▼ 0.82 vs a year ago</div>',
  );
  // Handle time fell 6.88 → 5.80 min: good for a target to decrease.
  assert.match(
    html,
    /data-id="aht"[\s\S]*?<div class="move good" title="2026-10 against 2026-09 \(6\.9 min\): −1\.1 min \(−15\.7%\), good for the target">▼ 1\.1 min vs 2026-09<\/div>/,
  );
});

test('an unusual change: the note, and its numbers under it', () => {
  const file = fixture('evaluation', 'unusual.kpis.yaml');
  const a = analyze(fs.readFileSync(file, 'utf8'), { filePath: file, today: '2025-10-15', loader: new DataCache() });
  const rs = evaluateAnalysis(a);
  const html = resultsBody({
    ...input({}, []),
    results: rs,
    labels: new Map(a.model.kpis.map((k) => [k.index, unitLabelOf(k)])),
  });
  assert.match(
    rowText(html, 'orders'),
    /^Orders orders · grow unusual change change \+14 vs a mean of \+0\.14 \(sd 0\.99\) over 7 earlier changes: 14\.0 sd above 20 2025-09 ▲ 14 vs 2025-08 ≥ 10/,
  );
  assert.match(
    html,
    /<span class="note" title="The last change lies more than 3 standard deviations[^"]*">unusual change<\/span>/,
  );
  assert.doesNotMatch(rowText(html, 'order_value'), /unusual/);
  assert.match(rowText(html, 'all_orders'), /^All orders all_orders · grow 64 all rows — no target/);
});

test('status colours and the misaligned count come as classes and chips', () => {
  const html = resultsBody(input());
  assert.match(html, /<tr class="kpi s-at_risk" data-index="\d+" data-id="nps"/);
  assert.match(html, /<tr class="kpi s-met" data-index="\d+" data-id="aht"/);
  assert.match(html, /<tr class="kpi s-off_track" data-index="\d+" data-id="csat"/);
  const chips = [...html.matchAll(/<span class="chip s-([a-z_]+)"[^>]*><b>(\d+)<\/b> ([a-z ]+)<\/span>/g)].map(
    (m) => `${m[2]} ${m[3]}`,
  );
  assert.deepEqual(chips, ['5 met', '5 at risk', '4 off track', '1 misaligned']);
  assert.match(html, /14 KPIs on sample data · checks: 1 warning · as of 2026-11-15/);
});

test('a chart for each KPI with a grain, with its target line; none without grain', () => {
  // Without the breakdown rows (csat's 3 channels and 3 teams, aht's 3 channels have charts of their own, tested below).
  const html = resultsBody(input()).replace(/<tr class="breakdown[\s\S]*?<\/details><\/td><\/tr>/g, '');
  // Every sample KPI has a grain: clv, derived, takes its inputs' monthly grain.
  assert.equal((html.match(/<svg class="chart"/g) ?? []).length, 14);
  assert.equal((html.match(/class="chart-target"/g) ?? []).length, 14 + 1, 'a target line per chart, and the legend');
  const noGrain = results.map((r) => (r.id === 'clv' ? { ...r, series: undefined, period: undefined, pace: null } : r));
  assert.equal((resultsBody(input({}, noGrain)).match(/<svg class="chart"/g) ?? []).length, 13 + 6 + 3);
});

/** The text of each group row of a breakdown section (kpi/column), tags and tooltips dropped. */
function groupTexts(html: string, key: string): string[] {
  const m = new RegExp(`<details class="breakdown" data-key="${key}">([\\s\\S]*?)</details>`).exec(html);
  assert.ok(m, `no breakdown section ${key}`);
  return [...m[1]!.matchAll(/<tr class="group[\s\S]*?<\/tr>/g)].map((g) =>
    g[0]
      .replace(/<title>[^<]*<\/title>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

test('breakdowns: a row under the KPI with a collapsed section per column, each group with value, change, status and chart', () => {
  const html = resultsBody(input());
  // csat has `breakdown: [channel, team]`, aht `[channel]`: each row, then its breakdown row spanning the table.
  assert.deepEqual(
    [...html.matchAll(/<tr class="breakdown[^"]*" data-of="([a-z]+)"/g)].map((m) => m[1]),
    ['csat', 'aht'],
  );
  assert.match(
    html,
    /data-id="csat"[^>]*>[\s\S]*?<\/tr>\n<tr class="breakdown s-off_track" data-of="csat"><td colspan="7"><details class="breakdown" data-key="csat\/channel"><summary>/,
  );
  assert.doesNotMatch(html, /<details[^>]* open/, 'collapsed until clicked');
  // CSAT per channel (DuckDB over samples/data/tickets.csv, months in UTC): 2026-10 email 79.17 (38 of 48 answered),
  // chat 76.0, phone 69.23; 2026-09 email 73.08, chat 84.0, phone 75.0; 2025-10 email 76.92, chat 89.47, phone 87.5.
  // Rows over all months: email 1,063, chat 943, phone 544. Target 88 with a warning at 80: all three off track.
  assert.match(
    html,
    /<summary><span class="by">By channel<\/span><span class="muted">3 groups · 2026-10<\/span><span class="tally s-off_track">3 off track<\/span><\/summary>/,
  );
  assert.deepEqual(groupTexts(html, 'csat/channel'), [
    'email 1,063 rows 79.2% ▲ 6.1% vs 2026-09 ▲ 2.2% vs a year ago off track 2025-01 2026-10',
    'chat 943 rows 76% ▼ 8% vs 2026-09 ▼ 13.5% vs a year ago off track 2025-01 2026-10',
    'phone 544 rows 69.2% ▼ 5.8% vs 2026-09 ▼ 18.3% vs a year ago off track 2025-01 2026-10',
  ]);
  // Per team: berlin 77.42 (84.0 in 2026-09), lisbon 68.42 (68.18), austin 83.33 (81.25): austin at risk (≥ 80).
  assert.match(
    html,
    /By team<\/span><span class="muted">3 groups · 2026-10<\/span><span class="tally s-at_risk">1 at risk<\/span><span class="tally s-off_track">2 off track<\/span>/,
  );
  assert.deepEqual(
    groupTexts(html, 'csat/team').map((t) => t.split(' vs 2026-09')[0]),
    ['berlin 1,141 rows 77.4% ▼ 6.6%', 'lisbon 877 rows 68.4% ▲ 0.24%', 'austin 532 rows 83.3% ▲ 2.1%'],
  );
  // A move is judged for the KPI's target (to increase), with the numbers in its tooltip.
  assert.match(
    html,
    /<div class="move good" title="2026-10 against 2026-09 \(73\.1%\): \+6\.1% \(\+8\.3%\), good for the target">▲ 6\.1% vs 2026-09<\/div>/,
  );
  // Each group's chart on the KPI's 22 months, with the target line, its last point in the group's status colour.
  const section = /data-key="csat\/channel">([\s\S]*?)<\/details>/.exec(html)![1]!;
  assert.equal((section.match(/<svg class="chart" width="180" height="44"/g) ?? []).length, 3);
  assert.equal((section.match(/class="chart-target"/g) ?? []).length, 3);
  assert.equal((section.match(/class="chart-last s-off_track"/g) ?? []).length, 3);
  assert.match(
    section,
    /aria-label="Customer satisfaction \(CSAT\) where channel is email: 22 periods with rows, last 79\.2%"/,
  );
  assert.match(section, /<title>2026-10: 79\.2%<\/title>/);
});

test('breakdowns without a grain, with a (null) and an (other) group, and group names from the data escaped', () => {
  const f = fixture('breakdown', 'kpis.yaml');
  const a = analyze(fs.readFileSync(f, 'utf8'), { filePath: f, today: '2026-04-15', loader: new DataCache() });
  const rs = evaluateAnalysis(a);
  const html = resultsBody({
    ...input({}, []),
    results: rs,
    labels: new Map(a.model.kpis.map((k) => [k.index, unitLabelOf(k)])),
  });
  // tickets: a count over all rows, by vip (false 763, (null) 388, true 354 lines of data/tickets.csv): no change, no chart.
  assert.deepEqual(groupTexts(html, 'tickets/vip'), [
    'false 763 rows 763 — off track',
    '(null) 388 rows 388 — off track',
    'true 354 rows 354 — off track',
  ]);
  assert.match(html, /<td class="g-name" title="Rows where vip is empty"><i>\(null\)<\/i>/);
  assert.doesNotMatch(/data-key="tickets\/vip">[\s\S]*?<\/details>/.exec(html)![0], /<svg|<th>Trend/);
  // region: the ten largest groups by rows, then (other) for the rest (coast 40, hills 30, lakes 20, 🏔peak 10, x 5 → 105
  // lines, 104 of them with a time), in italics with what it means in its tooltip.
  const region = groupTexts(html, 'satisfied/region');
  assert.equal(region.length, 11);
  assert.match(region[10]!, /^\(other\) 104 rows no data/);
  assert.match(html, /title="The groups after the largest, computed together"><i>\(other\)<\/i>/);
  const evil = rs.map((r) =>
    r.id === 'tickets'
      ? { ...r, breakdowns: [{ column: 'a"b', groups: [{ ...r.breakdowns![0]!.groups[0]!, group: '<img src=x>' }] }] }
      : r,
  );
  const escaped = resultsBody({ ...input({}, []), results: evil, labels: new Map() });
  assert.ok(!escaped.includes('<img'), 'a group name must not become markup');
  assert.match(escaped, /data-key="tickets\/a&quot;b"/);
  assert.match(escaped, /&lt;img src=x&gt;/);
});

test('text from the file is escaped', () => {
  const evil = results.map((r, i) => (i === 0 ? { ...r, name: '<script>alert("x")</script>', id: 'a"b' } : r));
  const html = resultsBody(input({}, evil));
  assert.ok(!html.includes('<script>'), 'a name must not become markup');
  assert.match(html, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/);
  assert.match(html, /data-id="a&quot;b"/);
});

test('a KPI that could not be computed says why; an empty file says what to do', () => {
  const failed = results.map((r, i) =>
    i === 0
      ? {
          ...r,
          value: null,
          status: 'no_data' as const,
          progress: null,
          series: [],
          pace: null,
          failure: 'its formula has errors',
        }
      : r,
  );
  const row = rowText(resultsBody(input({}, failed)), 'mrr');
  assert.match(row, /not computed: its formula has errors/);
  assert.match(row, /no data/);
  assert.match(resultsBody(input({}, [])), /No KPIs in samples\/kpis\.yaml yet/);
});

test('the page: strict CSP (no inline style, the script by nonce), style and script from the given URIs, nothing remote', () => {
  const page = resultsPage({
    cspSource: 'https://file+.vscode-resource.example',
    nonce: 'abc123',
    styleUri: 'vscode-resource:/media/results.css',
    scriptUri: 'vscode-resource:/media/results.js',
    title: 'KPI Results',
    body: resultsBody(input()),
  });
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1];
  assert.equal(
    csp,
    "default-src 'none'; img-src https://file+.vscode-resource.example data:; style-src https://file+.vscode-resource.example; font-src https://file+.vscode-resource.example; script-src 'nonce-abc123'",
  );
  assert.match(page, /<script nonce="abc123" src="vscode-resource:\/media\/results\.js"><\/script>/);
  assert.match(page, /<link rel="stylesheet" href="vscode-resource:\/media\/results\.css">/);
  assert.equal((page.match(/<script/g) ?? []).length, 1, 'one script');
  assert.match(
    resultsPage({
      cspSource: 'x',
      nonce: 'n',
      styleUri: 's',
      scriptUri: 'j',
      title: 't',
      body: '',
      documentUri: 'file:///a/"b".yaml',
    }),
    /<main id="root" data-document="file:\/\/\/a\/&quot;b&quot;\.yaml">/,
  );
  assert.doesNotMatch(page, /\sstyle="/, 'no inline style attribute (the CSP forbids it)');
  assert.doesNotMatch(page, /<style/);
  assert.doesNotMatch(page, /\son[a-z]+="/, 'no inline event handler');
  assert.doesNotMatch(page.replace(/https:\/\/file\+\.vscode-resource\.example/g, ''), /https?:\/\//);
});

test('lineChartSvg: points scaled into the box, the target inside the range, gaps for null values', () => {
  const svg = lineChartSvg({
    series: [
      { period: 'a', value: 10 },
      { period: 'b', value: null },
      { period: 'c', value: 20 },
      { period: 'd', value: 30 },
    ],
    target: 50,
    status: 'off_track',
    format: (v) => `${v}%`,
    label: 'x',
    width: 100,
    height: 60,
  });
  // Two segments: a lone point and c–d.
  assert.equal((svg.match(/class="chart-line"/g) ?? []).length, 2);
  assert.match(svg, /<line class="chart-target"[^>]*><title>target 50%<\/title><\/line>/);
  assert.match(svg, /<title>d: 30%<\/title>/);
  assert.match(
    svg,
    /class="chart-last s-off_track" cx="96"/,
    'the last point is the last period with a value, at the right edge',
  );
  const ys = [...svg.matchAll(/cy="([\d.]+)"/g)].map((m) => Number(m[1]));
  const targetY = Number(/class="chart-target"[^>]* y1="([\d.]+)"/.exec(svg)![1]);
  for (const y of [...ys, targetY]) assert.ok(y >= 8 && y <= 45, `y ${y} outside the plot area`);
  assert.ok(targetY < Math.min(...ys), 'the target (50) is above every value');
  assert.equal(
    lineChartSvg({ series: [{ period: 'a', value: null }], status: 'no_data', format: String, label: '' }),
    '',
  );
});

test('lineChartSvg: a flat series and a single point still draw', () => {
  const flat = lineChartSvg({
    series: [
      { period: 'a', value: 5 },
      { period: 'b', value: 5 },
    ],
    status: 'met',
    format: String,
    label: '',
  });
  assert.match(flat, /class="chart-line" d="M4,[\d.]+ L216,[\d.]+"/);
  const one = lineChartSvg({
    series: [{ period: 'a', value: 5 }],
    target: 5,
    status: 'met',
    format: String,
    label: '',
  });
  assert.match(one, /cx="110"/);
});

test('progressBarSvg clamps to 0..100 and escapes; escapeHtml covers the five characters', () => {
  assert.match(progressBarSvg(50, 'met', 80), /class="bar-fill s-met"[^>]* width="40"/);
  assert.match(progressBarSvg(250, 'met', 80), /width="80" height="6" rx="3"\/><\/svg>$/);
  assert.doesNotMatch(progressBarSvg(-20, 'met', 80), /bar-fill/);
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
});
