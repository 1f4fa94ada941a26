import type { Unit } from '../model/kpiFile';

/** SPEC 7 writes negative numbers with the minus sign (−33.3), not a hyphen. */
const MINUS = '\u2212';
const MAX_DECIMALS = 6;

/**
 * A number as people read it: whole numbers as they are, others with at least one
 * decimal place (−33.3, not −33), small ones with two significant digits. Where the
 * number differs from one of `distinctFrom` (a target, a warning level) but would round to
 * it, more decimals are shown: 5.96 against a target of 6 reads "5.96", never "6.0".
 */
export function formatNumber(value: number, distinctFrom: readonly number[] = []): string {
  if (!Number.isFinite(value)) return String(value);
  let text: string;
  if (Number.isInteger(value)) {
    text = value.toLocaleString('en-US', { maximumFractionDigits: 0 });
  } else {
    const abs = Math.abs(value);
    let decimals = abs >= 1 ? 1 : Math.min(MAX_DECIMALS, Math.max(1, Math.ceil(-Math.log10(abs)) + 1));
    while (decimals < MAX_DECIMALS && distinctFrom.some((d) => d !== value && roundsTo(value, d, decimals))) decimals++;
    text = value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  }
  return text.startsWith('-') ? MINUS + text.slice(1) : text;
}

/**
 * A number the author wrote (a target, a warning level, a baseline): all its decimals, up
 * to six, and at least one unless it is whole — a target of 33.34 never reads "33.3".
 */
export function formatStatedNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const text = value.toLocaleString('en-US', {
    minimumFractionDigits: Number.isInteger(value) ? 0 : 1,
    maximumFractionDigits: MAX_DECIMALS,
  });
  return text.startsWith('-') ? MINUS + text.slice(1) : text;
}

function roundsTo(value: number, other: number, decimals: number): boolean {
  return Number(value.toFixed(decimals)) === Number(other.toFixed(decimals));
}

const PER: Record<string, string> = { seconds: 's', minutes: 'min', hours: 'h', days: 'd' };

export interface UnitLabel {
  unit?: Unit;
  per?: string;
  currency?: string;
}

/** A value with its unit: `38.2%`, `6.4 min`, `1,204.5 EUR`, `4.1`. Null reads "no data". */
export function formatValue(value: number | null, label: UnitLabel, distinctFrom: readonly number[] = []): string {
  return value === null ? 'no data' : withUnit(formatNumber(value, distinctFrom), label);
}

/** A number the author wrote, with its unit: `≥ 33.34%` stays 33.34. */
export function formatStatedValue(value: number, label: UnitLabel): string {
  return withUnit(formatStatedNumber(value), label);
}

function withUnit(n: string, label: UnitLabel): string {
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

/** The levels a KPI's value is judged against: shown values never seem to sit on them when they do not. */
export interface JudgedValue {
  value: number | null;
  target: { value: number; warning: number | null } | null;
}

/** A KPI's value with its unit, precise enough to tell it from its target and warning level. */
export function formatJudgedValue(result: JudgedValue, label: UnitLabel): string {
  const levels = result.target
    ? [result.target.value, ...(result.target.warning === null ? [] : [result.target.warning])]
    : [];
  return formatValue(result.value, label, levels);
}

/** Progress towards the target: `62.5%`; 99.96 reads "99.96%", never "100.0%" (not there yet). */
export function formatProgress(progress: number): string {
  return `${formatNumber(progress, [0, 100])}%`;
}
