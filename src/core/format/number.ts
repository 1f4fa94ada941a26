import type { Unit } from '../model';

/**
 * A number as people read it: whole numbers as they are, others with at least one
 * decimal place (−33.3, not −33), small ones with two significant digits.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return value.toLocaleString('en-US', { maximumFractionDigits: 0 });
  const abs = Math.abs(value);
  const decimals = abs >= 1 ? 1 : Math.min(6, Math.max(1, Math.ceil(-Math.log10(abs)) + 1));
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

const PER: Record<string, string> = { seconds: 's', minutes: 'min', hours: 'h', days: 'd' };

export interface UnitLabel {
  unit?: Unit;
  per?: string;
  currency?: string;
}

/** A value with its unit: `38.2%`, `6.4 min`, `1,204.5 EUR`, `4.1`. Null reads "no data". */
export function formatValue(value: number | null, label: UnitLabel): string {
  if (value === null) return 'no data';
  const n = formatNumber(value);
  switch (label.unit) {
    case 'percent':
      return `${n}%`;
    case 'duration':
      return label.per ? `${n} ${PER[label.per] ?? label.per}` : n;
    case 'currency':
      return label.currency ? `${n} ${label.currency}` : n;
    default:
      return n;
  }
}
