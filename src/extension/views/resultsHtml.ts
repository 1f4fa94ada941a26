// The results view's HTML: a pure function of the results, so that tests can call it.
// No vscode import; the panel (resultsPanel.ts) passes the URIs, the CSP source and a nonce.
import type { StatusSummary, Standing } from '../../core/evaluation/alignment';
import type { KpiResult } from '../../core/evaluation/evaluate';
import {
  formatJudgedValue,
  formatProgress,
  formatStatedValue,
  formatValue,
  type UnitLabel,
} from '../../core/presentation/number';
import { NOTE_LABEL, noteDetail, STATUS_LABEL } from '../../core/presentation/resultText';
import { escapeHtml, lineChartSvg, progressBarSvg } from './chart';
import { movesHtml } from './resultsMoves';
import { breakdownRow } from './resultsBreakdown';

export interface ResultsBodyInput {
  /** The KPI file's name, as shown in the header. */
  fileName: string;
  /** The date statuses and due dates were judged on (YYYY-MM-DD). */
  today: string;
  results: readonly KpiResult[];
  /** Unit labels by KPI index in the file. */
  labels: ReadonlyMap<number, UnitLabel>;
  summary: StatusSummary;
  /** Indexes of the KPIs linked to no goal. */
  misaligned: ReadonlySet<number>;
  findings: { errors: number; warnings: number; infos: number };
}

export interface ResultsPageInput {
  /** `webview.cspSource`. */
  cspSource: string;
  /** A fresh random nonce for the script. */
  nonce: string;
  styleUri: string;
  scriptUri: string;
  title: string;
  body: string;
  /** The KPI file shown: the script keeps it in the webview's state, to restore the view after a reload. */
  documentUri?: string;
}

const NOTE_TIP: Record<string, string> = {
  'division-by-zero': 'A period divided by zero: its value is empty.',
  'guardrail-off-track': 'This KPI looks fine while one of its guardrails is off track.',
  'unusual-change':
    'The last change lies more than 3 standard deviations from the mean of the earlier period-to-period changes.',
};

export function standingLabel(standing: Standing): string {
  return standing === 'no_target' ? 'no target' : STATUS_LABEL[standing];
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** The whole page: strict CSP (no inline style, the one script by nonce), theme colours from CSS variables. */
export function resultsPage(input: ResultsPageInput): string {
  const csp = [
    "default-src 'none'",
    `img-src ${input.cspSource} data:`,
    `style-src ${input.cspSource}`,
    `font-src ${input.cspSource}`,
    `script-src 'nonce-${input.nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp.replace(/"/g, '&quot;')}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(input.styleUri)}">
<title>${escapeHtml(input.title)}</title>
</head>
<body>
<main id="root"${input.documentUri ? ` data-document="${escapeHtml(input.documentUri)}"` : ''}>${input.body}</main>
<script nonce="${escapeHtml(input.nonce)}" src="${escapeHtml(input.scriptUri)}"></script>
</body>
</html>`;
}

/** The page's content: header, summary and one table row per KPI. */
export function resultsBody(input: ResultsBodyInput): string {
  const s = input.summary;
  const chips = [
    chip('met', s.met, 'met'),
    chip('at_risk', s.atRisk, 'at risk'),
    chip('off_track', s.offTrack, 'off track'),
    ...(s.noData > 0 ? [chip('no_data', s.noData, 'no data')] : []),
    ...(s.noTarget > 0 ? [chip('no_target', s.noTarget, 'no target')] : []),
    ...(s.misaligned > 0 ? [chip('misaligned', s.misaligned, 'misaligned', 'Linked to no goal')] : []),
  ].join('');
  const f = input.findings;
  const checks =
    f.errors + f.warnings === 0
      ? 'no errors or warnings'
      : [f.errors ? plural(f.errors, 'error') : '', f.warnings ? plural(f.warnings, 'warning') : '']
          .filter(Boolean)
          .join(', ');
  const header = `<header>
<div class="heading"><h1>KPI results</h1><span class="file">${escapeHtml(input.fileName)}</span></div>
<div class="actions"><button type="button" class="secondary" data-command="refresh"
  title="Compute every KPI again">Refresh</button><button type="button" data-command="export"
  title="Save as CSV, JSON or Markdown">Export…</button></div>
</header>
<div class="summary">${chips}<span class="muted">${escapeHtml(plural(s.total, 'KPI'))} on sample data · checks: ${escapeHtml(checks)} · as of ${escapeHtml(input.today)}</span></div>`;
  if (input.results.length === 0) {
    return `${header}<p class="empty">No KPIs in ${escapeHtml(input.fileName)} yet. Add one under <code>kpis:</code>.</p>`;
  }
  const rows = input.results
    .map((r) => {
      const label = input.labels.get(r.index) ?? { unit: r.unit };
      return row(r, label, input.misaligned.has(r.index)) + breakdownRow(r, label);
    })
    .join('\n');
  return `${header}
<table class="results">
<thead><tr><th class="c-kpi">KPI</th><th class="c-value num">Value</th><th class="c-change">Change</th><th
  class="c-target">Target</th><th
  class="c-state">Status</th><th class="c-progress">Progress</th><th class="c-trend">Trend <span class="legend"
  title="The dashed line is the target"><svg width="18" height="6" aria-hidden="true"><line class="chart-target"
  x1="0" x2="18" y1="3" y2="3"/></svg> target</span></th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p class="hint muted">Click a row to go to the KPI in ${escapeHtml(input.fileName)}.</p>`;
}

function chip(status: string, count: number, label: string, title?: string): string {
  return `<span class="chip s-${status}"${title ? ` title="${escapeHtml(title)}"` : ''}><b>${count}</b> ${escapeHtml(label)}</span>`;
}

function row(r: KpiResult, label: UnitLabel, misaligned: boolean): string {
  const standing: Standing = r.status ?? 'no_target';
  const fmt = (v: number): string => formatValue(v, label);
  const stated = (v: number): string => formatStatedValue(v, label);
  const paced = (v: number): string => formatValue(v, label, r.target ? [r.target.value] : []);
  const meta: string[] = [`<code>${escapeHtml(r.id)}</code>`];
  if (misaligned)
    meta.push(
      `<span class="warn" title="Linked to no goal: it measures nothing the business set out to do">not linked to a goal</span>`,
    );
  else if (r.goals.length) meta.push(`<span title="Goals it measures">${r.goals.map(escapeHtml).join(', ')}</span>`);
  const notes = r.notes.map(
    (n) => `<span class="note" title="${escapeHtml(NOTE_TIP[n] ?? n)}">${escapeHtml(NOTE_LABEL[n] ?? n)}</span>`,
  );
  if (r.failure) notes.push(`<span class="note failure">not computed: ${escapeHtml(r.failure)}</span>`);
  const details = r.notes
    .map((n) => noteDetail(n, r, label))
    .filter((d): d is string => d !== undefined)
    .map((d) => `<div class="sub note-detail">${escapeHtml(d)}</div>`);

  const value =
    r.value === null
      ? `<div class="value none">no data</div>`
      : `<div class="value">${escapeHtml(formatJudgedValue(r, label))}</div>`;
  const period = r.period
    ? `<div class="sub">${escapeHtml(r.period)}</div>`
    : r.series
      ? ''
      : `<div class="sub">all rows</div>`;

  let target = '<span class="muted">no target</span>';
  if (r.target) {
    const t = r.target;
    const sign = t.direction === 'increase' ? '≥' : '≤';
    const sub = [t.due ? `by ${t.due}` : 'no due date', t.warning !== null ? `warning ${stated(t.warning)}` : '']
      .filter(Boolean)
      .join(' · ');
    const bench = t.benchmark
      ? `<div class="sub" title="${escapeHtml(t.benchmark.source ?? 'benchmark')}">benchmark ${escapeHtml(stated(t.benchmark.value))}</div>`
      : '';
    target = `<div>${sign} ${escapeHtml(stated(t.value))}</div><div class="sub">${escapeHtml(sub)}</div>${bench}`;
  }

  let progress = '<span class="muted" title="No baseline to measure progress from">—</span>';
  if (r.progress !== null) {
    const base = r.target?.baseline;
    progress =
      `<div class="progress" title="${escapeHtml(`From the baseline ${base ? stated(base.value) : ''} (${base?.as_of ?? ''}) towards the target`)}">${progressBarSvg(r.progress, standing)}<span ` +
      `class="pct">${escapeHtml(formatProgress(r.progress))}</span></div>`;
  }
  if (r.pace) {
    const tip = `The trend carried to ${r.target?.due ?? 'the due date'}: ${paced(r.pace.value)}`;
    progress += `<div class="sub pace ${r.pace.reaches ? 'good' : 'bad'}" title="${escapeHtml(tip)}">${r.pace.reaches ? 'on pace' : 'off pace'}: ${escapeHtml(paced(r.pace.value))}</div>`;
  }

  const trend = r.series
    ? lineChartSvg({
        series: r.series,
        target: r.target?.value ?? null,
        status: standing,
        format: fmt,
        label: `${r.name}: ${r.series.length} periods${r.value !== null ? `, last ${formatJudgedValue(r, label)}` : ''}${r.target ? `, target ${stated(r.target.value)}` : ''}`,
      }) || '<span class="muted">no values</span>'
    : '<span class="muted" title="No grain: one value over all rows">—</span>';

  return `<tr class="kpi s-${standing}" data-index="${r.index}" data-id="${escapeHtml(r.id)}" tabindex="0" title="Go to ${escapeHtml(r.id)} in the file">
<td class="c-kpi"><div class="name">${escapeHtml(r.name)}</div><div class="sub">${meta.join(' · ')}</div>${notes.length ? `<div class="notes">${notes.join('')}</div>` : ''}${details.join('')}</td>
<td class="c-value num">${value}${period}</td>
<td class="c-change">${changeCell(r, label)}</td>
<td class="c-target">${target}</td>
<td class="c-state"><span class="pill s-${standing}">${escapeHtml(standingLabel(standing))}</span></td>
<td class="c-progress">${progress}</td>
<td class="c-trend">${trend}</td>
</tr>`;
}

/**
 * How the last period moved: against the period before and a year before, each green when
 * the move is good for the target's direction and red when not (and said so in its tooltip).
 */
function changeCell(r: KpiResult, label: UnitLabel): string {
  if (!r.series) return '<span class="muted" title="No grain: no periods to compare">—</span>';
  return (
    movesHtml(r, r, label) || '<span class="muted" title="No value in the period before or a year before">—</span>'
  );
}
