/**
 * Periods for the reference interpreter, computed from the calendar with Date's UTC getters
 * rather than the product's day-number arithmetic (SPEC 3 "Periods"): ISO 8601 weeks by
 * the Thursday rule, months, quarters and years, each with the first day of the period.
 */
import type { Grain } from '../../src/core/model/kpiFile';

export interface RefPeriod {
  label: string;
  start: string;
  /** Epoch ms of the period's first day: orders the series. */
  startMs: number;
}

const DAY = 86_400_000;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function ymd(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

/** Midnight UTC of the day of an instant. */
function midnight(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

/** The first day of a month (month 0-based), without Date.UTC, which reads years 0..99 as 1900s. */
function firstOfMonth(year: number, month: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, 1);
  return d.getTime();
}

export function refPeriodOf(ms: number, grain: Grain): RefPeriod {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth();
  switch (grain) {
    case 'day': {
      const start = midnight(ms);
      return { label: ymd(start), start: ymd(start), startMs: start };
    }
    case 'week': {
      const weekday = d.getUTCDay() === 0 ? 7 : d.getUTCDay(); // Monday 1 … Sunday 7
      const monday = midnight(ms) - (weekday - 1) * DAY;
      const thursday = monday + 3 * DAY;
      const isoYear = new Date(thursday).getUTCFullYear();
      const week = Math.floor((thursday - firstOfMonth(isoYear, 0)) / (7 * DAY)) + 1;
      return { label: `${pad(isoYear, 4)}-W${pad(week, 2)}`, start: ymd(monday), startMs: monday };
    }
    case 'month': {
      const start = firstOfMonth(year, month);
      return { label: `${pad(year, 4)}-${pad(month + 1, 2)}`, start: ymd(start), startMs: start };
    }
    case 'quarter': {
      const q = Math.floor(month / 3);
      const start = firstOfMonth(year, q * 3);
      return { label: `${pad(year, 4)}-Q${q + 1}`, start: ymd(start), startMs: start };
    }
    case 'year': {
      const start = firstOfMonth(year, 0);
      return { label: pad(year, 4), start: ymd(start), startMs: start };
    }
  }
}
