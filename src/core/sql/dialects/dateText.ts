/**
 * Epoch milliseconds of a SPEC 2 date or date-time text, written from the fixed positions
 * of `YYYY-MM-DD[Tt ]hh:mm[:ss[.fraction]][Zz|±hh:mm]`: the day number of the first ten
 * characters, hours and minutes at 12 and 15, seconds after a `:` at 17, the first three
 * digits of a fraction (truncated, never rounded), minus a trailing `±hh:mm` offset. Each
 * dialect supplies its functions; the arithmetic is the same for all.
 */
export interface DateTextFunctions {
  /** Days from 1970-01-01 to the date in the first ten characters, as a double. */
  days(s: string): string;
  /** The digits after the first `.`, or '' (or NULL) when there are none. */
  fraction(s: string): string;
  /** Whether the text ends in `±hh:mm`. */
  hasOffset(s: string): string;
  /** An integer of a digit text. */
  int(s: string): string;
  number(value: number): string;
}

export function epochMsOfTextWith(s: string, f: DateTextFunctions): string {
  const n = f.number;
  const part = (from: number, length: number): string => f.int(`SUBSTR(${s}, ${from}, ${length})`);
  const millis = f.int(`RPAD(LEFT(COALESCE(${f.fraction(s)}, ''), 3), 3, '0')`);
  const seconds = `CASE WHEN SUBSTR(${s}, 17, 1) = ':' THEN ${part(18, 2)} * ${n(1000)} ELSE ${n(0)} END`;
  const offsetMinutes = `(${f.int(`LEFT(RIGHT(${s}, 5), 2)`)} * 60 + ${f.int(`RIGHT(${s}, 2)`)})`;
  const offset =
    `CASE WHEN ${f.hasOffset(s)} THEN ` +
    `(CASE WHEN LEFT(RIGHT(${s}, 6), 1) = '-' THEN ${n(-1)} ELSE ${n(1)} END) * ${offsetMinutes} * ${n(60000)} ` +
    `ELSE ${n(0)} END`;
  const time =
    `CASE WHEN LENGTH(${s}) > 10 THEN ` +
    `${part(12, 2)} * ${n(3600000)} + ${part(15, 2)} * ${n(60000)} + ${seconds} + ${millis} - ${offset} ` +
    `ELSE ${n(0)} END`;
  return `(${f.days(s)} * ${n(86400000)} + ${time})`;
}
