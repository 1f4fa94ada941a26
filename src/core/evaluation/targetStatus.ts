import type { PeriodValue } from '../formula/api';
import type { Direction, Target } from '../model/kpiFile';
import { MS_PER_DAY, parseDateTime } from '../data/dates';

export type Status = 'no_data' | 'met' | 'at_risk' | 'off_track';

/** A target with its defaults filled, as `kpi-lens eval --format json` prints it. */
export interface FilledTarget {
  value: number;
  direction: Direction;
  due: string | null;
  baseline: { value: number; as_of: string } | null;
  warning: number | null;
  benchmark: { value: number; source: string | null } | null;
}

export interface Pace {
  value: number;
  reaches: boolean;
}

export function fillTarget(target: Target | undefined): FilledTarget | null {
  if (!target?.value) return null;
  const b = target.baseline;
  const bench = target.benchmark;
  return {
    value: target.value.value,
    direction: target.direction?.value ?? 'increase',
    due: target.due?.value ?? null,
    baseline: b?.value && b.asOf ? { value: b.value.value, as_of: b.asOf.value } : null,
    warning: target.warning?.value ?? null,
    benchmark: bench?.value ? { value: bench.value.value, source: bench.source?.value ?? null } : null,
  };
}

function meets(value: number, goal: number, direction: Direction): boolean {
  return direction === 'increase' ? value >= goal : value <= goal;
}

/** SPEC 5: no_data, met, at_risk, off_track — in that order. */
export function statusOf(value: number | null, target: FilledTarget): Status {
  if (value === null) return 'no_data';
  if (meets(value, target.value, target.direction)) return 'met';
  if (target.warning !== null && meets(value, target.warning, target.direction)) return 'at_risk';
  return 'off_track';
}

/** (value − baseline) / (target − baseline) × 100, when there is a baseline that differs from the target. */
export function progressOf(value: number | null, target: FilledTarget): number | null {
  if (value === null || target.baseline === null || target.baseline.value === target.value) return null;
  return ((value - target.baseline.value) / (target.value - target.baseline.value)) * 100;
}

/**
 * The least-squares line through (days since the first entry's start, value) of the
 * entries that have a value, carried to the due date; null with fewer than three.
 */
export function paceOf(series: readonly PeriodValue[] | undefined, target: FilledTarget): Pace | null {
  if (!series || target.due === null) return null;
  const due = parseDateTime(target.due);
  const first = series[0] ? parseDateTime(series[0].start) : undefined;
  if (due === undefined || first === undefined) return null;
  const points = series.flatMap((e) => {
    const start = parseDateTime(e.start);
    return e.value === null || start === undefined ? [] : [{ x: (start - first) / MS_PER_DAY, y: e.value }];
  });
  if (points.length < 3) return null;
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.x - mx) * (p.y - my);
    sxx += (p.x - mx) ** 2;
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  const value = my + slope * ((due - first) / MS_PER_DAY - mx);
  return { value, reaches: meets(value, target.value, target.direction) };
}
