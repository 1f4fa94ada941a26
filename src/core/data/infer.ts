/**
 * Cell-level type checks and conversions for text values (csv cells, and JSON strings
 * under a declared type), working on `text.slice(start, end)` without creating it.
 *
 * Inference (SPEC section 2) keeps, per column, the set of types every non-null value so
 * far fits: number, boolean, date. The three are disjoint, so after the first non-null
 * value at most one remains; a column whose set is still full had no non-null value.
 */
import type { ColumnType } from '../model/kpiFile';
import { parseDateAt } from './dates';
import { BOOL_FALSE, BOOL_TRUE } from './table';

export const MAY_NUMBER = 1;
export const MAY_BOOLEAN = 2;
export const MAY_DATE = 4;
/** Nothing seen yet: every type is still possible. */
export const MAY_ANY = MAY_NUMBER | MAY_BOOLEAN | MAY_DATE;

/**
 * Narrows a column's candidate set by one non-empty value. Dates are only checked for
 * their shape here (the full calendar check happens when the column is converted, and a
 * column with an impossible date then falls back to string).
 */
export function narrow(text: string, start: number, end: number, may: number): number {
  if (may & MAY_NUMBER) {
    if (isNumberAt(text, start, end)) return MAY_NUMBER;
    may &= ~MAY_NUMBER;
  }
  if (may & MAY_BOOLEAN) {
    if (booleanAt(text, start, end) >= 0) return MAY_BOOLEAN;
    may &= ~MAY_BOOLEAN;
  }
  if (may & MAY_DATE) {
    if (looksLikeDate(text, start, end)) return MAY_DATE;
    may &= ~MAY_DATE;
  }
  return may;
}

/** The inferred type of a column from its final candidate set. */
export function typeOf(may: number): ColumnType {
  if (may === MAY_NUMBER) return 'number';
  if (may === MAY_BOOLEAN) return 'boolean';
  if (may === MAY_DATE) return 'date';
  return 'string'; // no candidate left, or no non-null value at all
}

/** Exactly `^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$` on text.slice(start, end). */
export function isNumberAt(text: string, start: number, end: number): boolean {
  let i = start;
  let c = text.charCodeAt(i);
  if (c === PLUS || c === MINUS) c = text.charCodeAt(++i);
  let digits = 0;
  while (i < end && c >= 48 && c <= 57) {
    digits++;
    c = text.charCodeAt(++i);
  }
  if (i < end && c === DOT) {
    c = text.charCodeAt(++i);
    while (i < end && c >= 48 && c <= 57) {
      digits++;
      c = text.charCodeAt(++i);
    }
  }
  if (digits === 0) return false;
  if (i < end && (c === LOWER_E || c === UPPER_E)) {
    c = text.charCodeAt(++i);
    if (i < end && (c === PLUS || c === MINUS)) c = text.charCodeAt(++i);
    let expDigits = 0;
    while (i < end && c >= 48 && c <= 57) {
      expDigits++;
      c = text.charCodeAt(++i);
    }
    if (expDigits === 0) return false;
  }
  return i === end;
}

const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
  1e21, 1e22,
];

/**
 * The value of a number that isNumberAt accepted. Short numbers take Clinger's fast path
 * (an exact integer of at most 15 digits times or divided by an exact power of ten: one
 * correctly rounded operation, so the same double as Number()); others go to Number().
 */
export function parseNumberAt(text: string, start: number, end: number): number {
  let i = start;
  let c = text.charCodeAt(i);
  let negative = false;
  if (c === PLUS || c === MINUS) {
    negative = c === MINUS;
    c = text.charCodeAt(++i);
  }
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  while (i < end && c >= 48 && c <= 57) {
    mantissa = mantissa * 10 + (c - 48);
    digits++;
    c = text.charCodeAt(++i);
  }
  if (i < end && c === DOT) {
    c = text.charCodeAt(++i);
    while (i < end && c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      scale--;
      c = text.charCodeAt(++i);
    }
  }
  if (i < end || digits > 15) return Number(text.slice(start, end)); // exponent or long
  let value: number;
  if (scale === 0) value = mantissa;
  else value = mantissa / POW10[-scale]!;
  return negative ? -value : value;
}

/**
 * isNumberAt and parseNumberAt in one pass over the characters: the value, or NaN when the
 * text is not a number (no data value is NaN). Short plain numbers, nearly all of them,
 * are checked and read in the same loop; the others go through both functions.
 */
export function numberAt(text: string, start: number, end: number): number {
  let i = start;
  let c = text.charCodeAt(i);
  let negative = false;
  if (c === PLUS || c === MINUS) {
    negative = c === MINUS;
    c = text.charCodeAt(++i);
  }
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  while (i < end && c >= 48 && c <= 57) {
    mantissa = mantissa * 10 + (c - 48);
    digits++;
    c = text.charCodeAt(++i);
  }
  if (i < end && c === DOT) {
    c = text.charCodeAt(++i);
    while (i < end && c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      scale--;
      c = text.charCodeAt(++i);
    }
  }
  if (i < end || digits > 15) return isNumberAt(text, start, end) ? Number(text.slice(start, end)) : NaN;
  if (digits === 0) return NaN;
  const value = scale === 0 ? mantissa : mantissa / POW10[-scale]!;
  return negative ? -value : value;
}

/** BOOL_TRUE or BOOL_FALSE for `true` / `false` in any case, else -1. */
export function booleanAt(text: string, start: number, end: number): number {
  const len = end - start;
  if (len === 4) {
    return (text.charCodeAt(start) | 32) === 116 && // t
      (text.charCodeAt(start + 1) | 32) === 114 && // r
      (text.charCodeAt(start + 2) | 32) === 117 && // u
      (text.charCodeAt(start + 3) | 32) === 101 // e
      ? BOOL_TRUE
      : -1;
  }
  if (len === 5) {
    return (text.charCodeAt(start) | 32) === 102 && // f
      (text.charCodeAt(start + 1) | 32) === 97 && // a
      (text.charCodeAt(start + 2) | 32) === 108 && // l
      (text.charCodeAt(start + 3) | 32) === 115 && // s
      (text.charCodeAt(start + 4) | 32) === 101 // e
      ? BOOL_FALSE
      : -1;
  }
  return -1;
}

/** `dddd-dd-dd` at the start: the shape every date and date-time begins with. */
function looksLikeDate(text: string, start: number, end: number): boolean {
  return (
    end - start >= 10 &&
    text.charCodeAt(start + 4) === MINUS &&
    text.charCodeAt(start + 7) === MINUS &&
    isDigitAt(text, start) &&
    isDigitAt(text, start + 9)
  );
}

function isDigitAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/** A text value as a declared type: the converted value, or undefined when it does not fit. */
export function convertText(text: string, type: ColumnType): number | string | undefined {
  switch (type) {
    case 'string':
      return text;
    case 'number':
      return isNumberAt(text, 0, text.length) ? parseNumberAt(text, 0, text.length) : undefined;
    case 'boolean': {
      const b = booleanAt(text, 0, text.length);
      return b >= 0 ? b : undefined;
    }
    case 'date': {
      const ms = parseDateAt(text, 0, text.length);
      return Number.isNaN(ms) ? undefined : ms;
    }
  }
}

const PLUS = 43;
const MINUS = 45;
const DOT = 46;
const LOWER_E = 101;
const UPPER_E = 69;
