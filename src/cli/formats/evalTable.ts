import type { KpiResult } from '../../core/evaluation/evaluate';
import type { Comparison } from '../../core/evaluation/comparisons';
import type { Status } from '../../core/evaluation/targetStatus';
import { formatJudgedValue, formatProgress, type UnitLabel } from '../../core/presentation/number';
import { sparkline } from '../../core/presentation/sparkline';
import {
  groupLabel,
  isGoodMove,
  movementText,
  noteDetail,
  STATUS_LABEL,
  targetText,
} from '../../core/presentation/resultText';
import type { Paint } from '../paint';

/** One line of the table: a KPI, or a breakdown group under it. */
interface Line {
  cells: string[];
  kpi: KpiResult;
  status: Status | null;
  previous: Comparison | null | undefined;
  failed: boolean;
}

/**
 * The terminal table: name, period, value with unit, the move against the previous period, target, status, progress, trend;
 * a KPI's breakdown groups on indented lines under it.
 */
export function formatEvalTable(
  results: readonly KpiResult[],
  labels: ReadonlyMap<string, UnitLabel>,
  paint: Paint,
): string {
  const header = ['KPI', 'Period', 'Value', 'vs prev', 'Target', 'Status', 'Progress', 'Trend'];
  const lines: Line[] = [];
  for (const r of results) {
    const label = labels.get(r.id) ?? { unit: r.unit };
    const status = r.failure ? 'error' : r.status ? STATUS_LABEL[r.status] : '';
    const notes = r.notes.length > 0 ? ` (${r.notes.join(', ')})` : '';
    lines.push({
      cells: [
        `${r.name} [${r.id}]`,
        r.period ?? '',
        r.failure ? '—' : formatJudgedValue(r, label),
        movementText(r.previous, label) ?? '',
        targetText(r, label),
        status + notes,
        r.progress === null ? '' : formatProgress(r.progress),
        sparkline(r.series?.map((e) => e.value) ?? []),
      ],
      kpi: r,
      status: r.status,
      previous: r.previous,
      failed: r.failure !== undefined,
    });
    for (const b of r.breakdowns ?? []) {
      for (const g of b.groups) {
        const groupNotes = g.notes.length > 0 ? ` (${g.notes.join(', ')})` : '';
        lines.push({
          cells: [
            `  ${groupLabel(b.column, g)}`,
            '',
            formatJudgedValue({ value: g.value, target: r.target }, label),
            movementText(g.previous, label) ?? '',
            '',
            (g.status ? STATUS_LABEL[g.status] : '') + groupNotes,
            '',
            sparkline(g.series?.map((e) => e.value) ?? []),
          ],
          kpi: r,
          status: g.status,
          previous: g.previous,
          failed: false,
        });
      }
    }
  }
  const widths = header.map((h, i) => Math.max(width(h), ...lines.map((l) => width(l.cells[i]!))));
  const rightAligned = new Set([2, 6]);
  const line = (cells: string[], colour?: (i: number, s: string) => string): string =>
    cells
      .map((c, i) => {
        const pad = ' '.repeat(widths[i]! - width(c));
        const padded = rightAligned.has(i) ? pad + c : c + pad;
        return colour ? colour(i, padded) : padded;
      })
      .join('  ')
      .trimEnd();
  const out = [paint.bold(line(header)), paint.dim(widths.map((w) => '─'.repeat(w)).join('  '))];
  for (const l of lines) {
    out.push(
      line(l.cells, (i, s) => {
        if (i === 3) {
          // The move, green when it is good for the target's direction, red when it is not.
          const good = isGoodMove(l.previous, l.kpi);
          return good === undefined ? s : good ? paint.green(s) : paint.red(s);
        }
        if (i !== 5) return s;
        if (l.failed) return paint.red(s);
        if (l.status === 'met') return paint.green(s);
        if (l.status === 'at_risk') return paint.yellow(s);
        if (l.status === 'off_track') return paint.red(s);
        return paint.dim(s);
      }),
    );
  }
  for (const r of results) if (r.failure) out.push(paint.red(`${r.id}: not computed: ${r.failure}`));
  for (const r of results)
    for (const b of r.breakdownFailures ?? [])
      out.push(paint.red(`${r.id}: not broken down by ${b.column}: ${b.failure}`));
  for (const r of results) {
    const detail = noteDetail('unusual-change', r, labels.get(r.id) ?? { unit: r.unit });
    if (detail && r.notes.includes('unusual-change')) out.push(paint.yellow(`${r.id}: unusual change: ${detail}`));
  }
  return out.join('\n') + '\n';
}

/** Display width: code points (the sparkline and signs are one column each). */
function width(s: string): number {
  return [...s].length;
}
