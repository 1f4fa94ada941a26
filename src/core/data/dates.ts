/**
 * Dates and date-times as SPEC section 2 defines them: `YYYY-MM-DD`, or
 * `YYYY-MM-DD[T ]hh:mm[:ss[.fraction]]` with an optional `Z` or `±hh:mm`. Real calendar
 * values only; offsets converted to UTC; no zone means UTC; fractions truncated to ms.
 */
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** Epoch milliseconds (UTC) of a date or date-time string, or undefined when it is not one. */
export function parseDateTime(text: string): number | undefined {
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  let ms = Date.UTC(year, month - 1, day);
  // Date.UTC maps years 0..99 to 1900..1999; set the year explicitly.
  if (year < 100) {
    const d = new Date(ms);
    d.setUTCFullYear(year);
    ms = d.getTime();
  }
  if (m[4] === undefined) return ms;
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  ms += ((hour * 60 + minute) * 60 + second) * 1000 + millis;
  const zone = m[8];
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const zh = Number(zone.slice(1, 3));
    const zm = Number(zone.slice(4, 6));
    if (zh > 23 || zm > 59) return undefined;
    ms -= sign * (zh * 60 + zm) * 60_000;
  }
  return ms;
}

/** True for a `YYYY-MM-DD` that is a real calendar date. */
export function isDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && parseDateTime(text) !== undefined;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** `YYYY-MM-DD` of an epoch-ms instant, UTC. */
export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Today's date in UTC as `YYYY-MM-DD`. */
export function todayUtc(): string {
  return formatDate(Date.now());
}
