import type { KpiResult } from '../../core/evaluation/evaluate';
import { formatJudgedValue, formatProgress, type UnitLabel } from '../../core/presentation/number';
import { sparkline } from '../../core/presentation/sparkline';
import { isGoodMove, movementText, noteDetail, STATUS_LABEL, targetText } from '../../core/presentation/resultText';
import type { Paint } from '../paint';

/** The terminal table: name, period, value with unit, the move against the previous period, target, status, progress, trend. */
export function formatEvalTable(
  results: readonly KpiResult[],
  labels: ReadonlyMap<string, UnitLabel>,
  paint: Paint,
): string {
  const header = ['KPI', 'Period', 'Value', 'vs prev', 'Target', 'Status', 'Progress', 'Trend'];
  const rows = results.map((r) => {
    const label = labels.get(r.id) ?? { unit: r.unit };
    const status = r.failure ? 'error' : r.status ? STATUS_LABEL[r.status] : '';
    const notes = r.notes.length > 0 ? ` (${r.notes.join(', ')})` : '';
    return [
      `${r.name} [${r.id}]`,
      r.period ?? '',
      r.failure ? '—' : formatJudgedValue(r, label),
      movementText(r.previous, label) ?? '',
      targetText(r, label),
      status + notes,
      r.progress === null ? '' : formatProgress(r.progress),
      sparkline(r.series?.map((e) => e.value) ?? []),
    ];
  });
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((row) => width(row[i]!))));
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
  results.forEach((r, n) => {
    out.push(
      line(rows[n]!, (i, s) => {
        if (i === 3) {
          // The move, green when it is good for the target's direction, red when it is not.
          const good = isGoodMove(r.previous, r);
          return good === undefined ? s : good ? paint.green(s) : paint.red(s);
        }
        if (i !== 5) return s;
        if (r.failure) return paint.red(s);
        if (r.status === 'met') return paint.green(s);
        if (r.status === 'at_risk') return paint.yellow(s);
        if (r.status === 'off_track') return paint.red(s);
        return paint.dim(s);
      }),
    );
  });
  for (const r of results) if (r.failure) out.push(paint.red(`${r.id}: not computed: ${r.failure}`));
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
