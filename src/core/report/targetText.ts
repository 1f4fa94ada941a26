import type { KpiResult } from '../evaluate';
import { formatStatedValue, type UnitLabel } from '../format/number';

/** `≥ 50 by 2026-06-30`, `≤ 6 min`, or an empty string without a target. */
export function targetText(result: Pick<KpiResult, 'target'>, label: UnitLabel): string {
  const t = result.target;
  if (!t) return '';
  const sign = t.direction === 'increase' ? '≥' : '≤';
  return `${sign} ${formatStatedValue(t.value, label)}${t.due ? ` by ${t.due}` : ''}`;
}
