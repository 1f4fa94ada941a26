import type { KpiResult } from '../evaluation/evaluate';
import type { GroupResult } from '../evaluation/breakdown';

const HEADER = [
  'id',
  'name',
  'unit',
  'period',
  'value',
  'target',
  'direction',
  'due',
  'baseline',
  'warning',
  'status',
  'progress',
  'pace',
  'pace_reaches',
  'goals',
  'notes',
  'previous_period',
  'previous_value',
  'previous_delta',
  'previous_relative',
  'year_ago_period',
  'year_ago_value',
  'year_ago_delta',
  'year_ago_relative',
  'unusual_change',
  'unusual_change_mean',
  'unusual_change_sd',
  'unusual_change_changes',
  'unusual_change_sigmas',
];

/** Added after HEADER only when some KPI has a breakdown, so that other results read exactly as before. */
const GROUP_HEADER = ['breakdown', 'group', 'group_kind', 'group_rows'];

function cell(v: Cell): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * One row per KPI, numbers unrounded (RFC 4180). With breakdowns, four more columns, and after
 * each KPI's row one row per group: the KPI's id, name, unit, period, target and goals, the
 * group's value, status, notes and comparisons; progress and pace empty.
 */
export function resultsToCsv(results: readonly KpiResult[]): string {
  const grouped = results.some((r) => r.breakdowns !== undefined);
  const lines: string[] = [];
  for (const r of results) {
    lines.push(line(kpiCells(r, r), grouped ? ['', '', '', ''] : []));
    for (const b of r.breakdowns ?? []) {
      for (const g of b.groups) lines.push(line(kpiCells(r, g), [b.column, g.group, g.kind, g.rows]));
    }
  }
  return [(grouped ? [...HEADER, ...GROUP_HEADER] : HEADER).join(','), ...lines].join('\r\n') + '\r\n';
}

type Cell = string | number | boolean | null | undefined;

function line(cells: Cell[], extra: Cell[]): string {
  return [...cells, ...extra].map(cell).join(',');
}

/** The HEADER cells: the KPI's own, or a group's value, status, notes and comparisons under the KPI's names. */
function kpiCells(r: KpiResult, v: KpiResult | GroupResult): Cell[] {
  const own = v === r;
  return [
    r.id,
    r.name,
    r.unit,
    r.period,
    v.value,
    r.target?.value,
    r.target?.direction,
    r.target?.due,
    r.target?.baseline?.value,
    r.target?.warning,
    v.status,
    own ? r.progress : null,
    own ? r.pace?.value : null,
    own ? r.pace?.reaches : null,
    r.goals.join(' '),
    v.notes.join(' '),
    v.previous?.period,
    v.previous?.value,
    v.previous?.delta,
    v.previous?.relative,
    v.year_ago?.period,
    v.year_ago?.value,
    v.year_ago?.delta,
    v.year_ago?.relative,
    own ? r.unusual_change?.change : null,
    own ? r.unusual_change?.mean : null,
    own ? r.unusual_change?.sd : null,
    own ? r.unusual_change?.changes : null,
    own ? r.unusual_change?.sigmas : null,
  ];
}
