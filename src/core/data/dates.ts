/**
 * Dates and date-times as SPEC section 2 defines them: `YYYY-MM-DD`, or
 * `YYYY-MM-DD[T ]hh:mm[:ss[.fraction]]` with an optional `Z` or `±hh:mm`. Real calendar
 * values only; offsets converted to UTC; no zone means UTC; fractions truncated to ms.
 * `t` and `z` may be lower-case, as RFC 3339 allows (SPEC 8.6): some exporters write them so.
 *
 * The parser walks character codes rather than running a regular expression: data
 * loading calls it once per cell of a date column (a million times for a large file).
 */

/** Milliseconds in a UTC day: the one definition (dates carry no leap seconds). */
export const MS_PER_DAY = 86_400_000;

/** Epoch milliseconds (UTC) of a date or date-time string, or undefined when it is not one. */
export function parseDateTime(text: string): number | undefined {
  const ms = parseDateAt(text, 0, text.length);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Epoch milliseconds (UTC) of the date or date-time `text.slice(start, end)`, or NaN
 * when that is not one. Does not create the substring.
 */
export function parseDateAt(text: string, start: number, end: number): number {
  const len = end - start;
  if (len < 10) return NaN;
  const century = digits2(text, start);
  const yy = digits2(text, start + 2);
  const month = digits2(text, start + 5);
  const day = digits2(text, start + 8);
  if (century < 0 || yy < 0 || month < 0 || day < 0) return NaN;
  const year = century * 100 + yy;
  if (text.charCodeAt(start + 4) !== DASH || text.charCodeAt(start + 7) !== DASH) return NaN;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  const dayMs = daysFromCivil(year, month, day) * MS_PER_DAY;
  if (len === 10) return dayMs;

  // Time: [Tt ]hh:mm, then optional :ss, then optional .fraction (only after seconds).
  let i = start + 10;
  const sep = text.charCodeAt(i);
  if ((sep !== UPPER_T && sep !== LOWER_T && sep !== SPACE) || end - i < 6) return NaN;
  const hour = digits2(text, i + 1);
  const minute = digits2(text, i + 4);
  if (hour < 0 || minute < 0 || text.charCodeAt(i + 3) !== COLON) return NaN;
  i += 6;
  let second = 0;
  let millis = 0;
  if (i < end && text.charCodeAt(i) === COLON) {
    if (end - i < 3) return NaN;
    second = digits2(text, i + 1);
    if (second < 0) return NaN;
    i += 3;
    if (i < end && text.charCodeAt(i) === DOT) {
      i++;
      const from = i;
      while (i < end && isDigit(text.charCodeAt(i))) i++;
      const n = i - from;
      if (n === 0) return NaN;
      // Truncate (never round) to milliseconds.
      millis = digit(text, from) * 100;
      if (n > 1) millis += digit(text, from + 1) * 10;
      if (n > 2) millis += digit(text, from + 2);
    }
  }
  if (hour > 23 || minute > 59 || second > 59) return NaN;
  let ms = dayMs + ((hour * 60 + minute) * 60 + second) * 1000 + millis;

  // Zone: Z (or z) or ±hh:mm, then the end.
  if (i < end) {
    const z = text.charCodeAt(i);
    if (z === UPPER_Z || z === LOWER_Z) {
      i++;
    } else if (z === PLUS || z === MINUS) {
      if (end - i !== 6 || text.charCodeAt(i + 3) !== COLON) return NaN;
      const zh = digits2(text, i + 1);
      const zm = digits2(text, i + 4);
      if (zh < 0 || zm < 0 || zh > 23 || zm > 59) return NaN;
      ms -= (z === MINUS ? -1 : 1) * (zh * 60 + zm) * 60_000;
      i += 6;
    } else {
      return NaN;
    }
  }
  return i === end ? ms : NaN;
}

/** True for a `YYYY-MM-DD` that is a real calendar date. */
export function isDate(text: string): boolean {
  return text.length === 10 && !Number.isNaN(parseDateAt(text, 0, 10));
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** `YYYY-MM-DD` of an epoch-ms instant, UTC. */
export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Today's date in UTC as `YYYY-MM-DD`. */
export function todayUtc(): string {
  return formatDate(Date.now());
}

/**
 * Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil).
 * Exact for every year 0..9999, unlike Date.UTC, which reads years 0..99 as 1900..1999.
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const DASH = 45;
const COLON = 58;
const DOT = 46;
const SPACE = 32;
const PLUS = 43;
const MINUS = 45;
const UPPER_T = 84;
const LOWER_T = 116;
const UPPER_Z = 90;
const LOWER_Z = 122;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function digit(text: string, i: number): number {
  return text.charCodeAt(i) - 48;
}

/** The two ASCII digits at i and i + 1 as a number, or -1. */
function digits2(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48;
  const b = text.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}
