// A KPI's breakdowns in the results view: a row under the KPI's row with one collapsed
// section per column (<details>: it opens on a click with no script, so the CSP stays
// strict). Each section lists the column's groups, in the order of their rows, with value,
// change, status against the KPI's target and a small chart of the group's series.
import type { Standing } from '../../core/evaluation/alignment';
import type { Breakdown, GroupResult } from '../../core/evaluation/breakdown';
import type { KpiResult } from '../../core/evaluation/evaluate';
import { formatValue, type UnitLabel } from '../../core/presentation/number';
import { groupValueText, NOTE_LABEL, STATUS_LABEL } from '../../core/presentation/resultText';
import { escapeHtml, lineChartSvg } from './chart';
import { movesHtml } from './resultsMoves';

/** Columns of the results table the breakdown row spans. */
const COLUMNS = 7;

const standingOf = (g: GroupResult): Standing => g.status ?? 'no_target';
const standingText = (s: Standing): string => (s === 'no_target' ? 'no target' : STATUS_LABEL[s]);
const plural = (n: number, one: string, many = `${one}s`): string =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** The row of a KPI's breakdowns, or '' when it has none. */
export function breakdownRow(r: KpiResult, label: UnitLabel): string {
  const breakdowns = r.breakdowns ?? [];
  if (breakdowns.length === 0) return '';
  const standing: Standing = r.status ?? 'no_target';
  return `
<tr class="breakdown s-${standing}" data-of="${escapeHtml(r.id)}"><td colspan="${COLUMNS}">${breakdowns
    .map((b) => section(r, b, label))
    .join('')}</td></tr>`;
}

function section(r: KpiResult, b: Breakdown, label: UnitLabel): string {
  const counts = new Map<Standing, number>();
  for (const g of b.groups) counts.set(standingOf(g), (counts.get(standingOf(g)) ?? 0) + 1);
  const tally = (['met', 'at_risk', 'off_track', 'no_data', 'no_target'] as const)
    .filter((s) => counts.has(s))
    .map((s) => `<span class="tally s-${s}">${counts.get(s)} ${escapeHtml(standingText(s))}</span>`)
    .join('');
  const summary = `<summary><span class="by">By ${escapeHtml(b.column)}</span><span class="muted">${escapeHtml(
    plural(b.groups.length, 'group'),
  )}${r.period ? ` · ${escapeHtml(r.period)}` : ''}</span>${tally}</summary>`;
  const head = `<thead><tr><th>${escapeHtml(b.column)}</th><th class="num">Value</th><th>Change</th><th>Status</th>${
    r.series ? '<th>Trend</th>' : ''
  }</tr></thead>`;
  const rows = b.groups.map((g) => groupRow(r, b, g, label)).join('\n');
  return `<details class="breakdown" data-key="${escapeHtml(`${r.id}/${b.column}`)}">${summary}<table class="groups">${head}<tbody>
${rows}
</tbody></table></details>`;
}

function groupRow(r: KpiResult, b: Breakdown, g: GroupResult, label: UnitLabel): string {
  const standing = standingOf(g);
  const name = g.kind === 'value' ? escapeHtml(g.group) : `<i>${escapeHtml(g.group)}</i>`;
  const tip =
    g.kind === 'null'
      ? `Rows where ${b.column} is empty`
      : g.kind === 'other'
        ? `The groups after the largest, computed together`
        : `Rows where ${b.column} is ${g.group}`;
  const notes = g.notes.map((n) => `<span class="note">${escapeHtml(NOTE_LABEL[n] ?? n)}</span>`).join('');
  const value =
    g.value === null
      ? `<div class="value none">no data</div>`
      : `<div class="value">${escapeHtml(groupValueText(g, r, label))}</div>`;
  const change = r.series
    ? movesHtml(r, g, label) || '<span class="muted" title="No value in the period before or a year before">—</span>'
    : '<span class="muted" title="No grain: no periods to compare">—</span>';
  return `<tr class="group s-${standing}"><td class="g-name" title="${escapeHtml(tip)}">${name}<div class="sub">${escapeHtml(
    plural(g.rows, 'row'),
  )}</div>${notes ? `<div class="notes">${notes}</div>` : ''}</td><td class="num">${value}</td><td class="c-change">${change}</td><td class="c-state"><span class="pill s-${standing}">${escapeHtml(
    standingText(standing),
  )}</span></td>${r.series ? `<td class="g-trend">${groupChart(r, b, g, label, standing)}</td>` : ''}</tr>`;
}

/** The group's series on its KPI's periods (null where the group has no rows), so that the charts line up. */
function groupChart(r: KpiResult, b: Breakdown, g: GroupResult, label: UnitLabel, standing: Standing): string {
  const values = new Map((g.series ?? []).map((p) => [p.period, p.value]));
  const series = (r.series ?? []).map((p) => ({ period: p.period, value: values.get(p.period) ?? null }));
  return (
    lineChartSvg({
      series,
      target: r.target?.value ?? null,
      status: standing,
      format: (v) => formatValue(v, label),
      label: `${r.name} where ${b.column} is ${g.group}: ${values.size} periods with rows${
        g.value !== null ? `, last ${groupValueText(g, r, label)}` : ''
      }`,
      width: 180,
      height: 44,
    }) || '<span class="muted">no values</span>'
  );
}
