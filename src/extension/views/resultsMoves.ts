// How the last period moved, as the results view shows it: one line per comparison, green
// when the move is good for the target's direction and red when not. Shared by the KPI rows
// and their breakdown groups (a group is compared at its KPI's period, against its target).
import type { KpiResult } from '../../core/evaluation/evaluate';
import type { Comparison } from '../../core/evaluation/comparisons';
import { formatValue, type UnitLabel } from '../../core/presentation/number';
import { isGoodMove, movementText, signedValue } from '../../core/presentation/resultText';
import { escapeHtml } from './chart';

/** The moves against the period before and a year before, each a `<div class="move">`; '' with neither. */
export function movesHtml(
  r: Pick<KpiResult, 'period' | 'target'>,
  moves: { previous?: Comparison | null; year_ago?: Comparison | null },
  label: UnitLabel,
): string {
  return (
    [
      [moves.previous, undefined],
      [moves.year_ago, 'a year ago'],
    ] as const
  )
    .map(([c, against]) => moveHtml(r, c, label, against))
    .join('');
}

function moveHtml(
  r: Pick<KpiResult, 'period' | 'target'>,
  c: Comparison | null | undefined,
  label: UnitLabel,
  against?: string,
): string {
  const text = movementText(c, label, against);
  if (!c || !text) return '';
  const good = isGoodMove(c, r);
  const judged = good === undefined ? '' : good ? ' good' : ' bad';
  const relative = c.relative === null ? '' : ` (${signedValue(c.relative * 100, { unit: 'percent' })})`;
  const tip = `${r.period ?? ''} against ${c.period} (${formatValue(c.value, label)}): ${signedValue(c.delta!, label)}${relative}${
    good === undefined ? '' : good ? ', good for the target' : ', bad for the target'
  }`;
  return `<div class="move${judged}" title="${escapeHtml(tip)}">${escapeHtml(text)}</div>`;
}
