import type { KpiResult } from '../evaluation/evaluate';

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

function cell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One row per KPI, numbers unrounded (RFC 4180). */
export function resultsToCsv(results: readonly KpiResult[]): string {
  const rows = results.map((r) =>
    [
      r.id,
      r.name,
      r.unit,
      r.period,
      r.value,
      r.target?.value,
      r.target?.direction,
      r.target?.due,
      r.target?.baseline?.value,
      r.target?.warning,
      r.status,
      r.progress,
      r.pace?.value,
      r.pace?.reaches,
      r.goals.join(' '),
      r.notes.join(' '),
      r.previous?.period,
      r.previous?.value,
      r.previous?.delta,
      r.previous?.relative,
      r.year_ago?.period,
      r.year_ago?.value,
      r.year_ago?.delta,
      r.year_ago?.relative,
      r.unusual_change?.change,
      r.unusual_change?.mean,
      r.unusual_change?.sd,
      r.unusual_change?.changes,
      r.unusual_change?.sigmas,
    ]
      .map(cell)
      .join(','),
  );
  return [HEADER.join(','), ...rows].join('\r\n') + '\r\n';
}
