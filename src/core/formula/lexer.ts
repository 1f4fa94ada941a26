/**
 * The formula lexer: turns text into tokens that keep their [start, end) offsets. It stops
 * at the first character it cannot read and reports it as a `formula-syntax` diagnostic.
 */
import type { FormulaDiagnostic } from './api';

export const RESERVED_WORDS = ['and', 'or', 'not', 'in', 'where', 'true', 'false', 'null'] as const;
export type ReservedWord = (typeof RESERVED_WORDS)[number];

export const PUNCTUATION = ['(', ')', ',', '+', '-', '*', '/', '==', '!=', '<', '<=', '>', '>='] as const;
export type Punctuation = (typeof PUNCTUATION)[number];

export type Token =
  | { kind: 'number'; value: number; start: number; end: number }
  | { kind: 'string'; value: string; start: number; end: number }
  /** A plain identifier; `quoted` is a back-quoted one (value without the quotes). */
  | { kind: 'identifier' | 'quoted'; value: string; start: number; end: number }
  | { kind: 'keyword'; value: ReservedWord; start: number; end: number }
  | { kind: 'punct'; value: Punctuation; start: number; end: number }
  | { kind: 'eof'; value: ''; start: number; end: number };

export interface LexResult {
  tokens: Token[];
  /** The first character that could not be read, if any (tokens then stop before it). */
  error?: FormulaDiagnostic;
}

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_]/;
const DIGIT = /[0-9]/;
const NUMBER = /(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/y;

export function isReservedWord(name: string): name is ReservedWord {
  return (RESERVED_WORDS as readonly string[]).includes(name);
}

/** True when `name` can be written without back quotes. */
export function isPlainIdentifier(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !isReservedWord(name);
}

/** How to write a column or KPI name in a formula: plain, or in back quotes. */
export function identifierText(name: string): string {
  return isPlainIdentifier(name) ? name : `\`${name}\``;
}

/** Operators from other languages, with what to write instead. */
const FOREIGN_OPERATORS: { text: string; use: string; word: string }[] = [
  { text: '&&', use: 'and', word: 'and' },
  { text: '||', use: 'or', word: 'or' },
  { text: '<>', use: '!=', word: '!=' },
  { text: '=', use: '==', word: '== to compare' },
  { text: '!', use: 'not', word: 'not' },
];

export function lex(text: string): LexResult {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (start: number, end: number, message: string, suggestion?: string): LexResult => {
    const error: FormulaDiagnostic = { rule: 'formula-syntax', message, start, end };
    if (suggestion !== undefined) error.suggestion = suggestion;
    tokens.push({ kind: 'eof', value: '', start, end: start });
    return { tokens, error };
  };
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (IDENT_START.test(c)) {
      while (i < text.length && IDENT_PART.test(text[i]!)) i++;
      const word = text.slice(start, i);
      if (isReservedWord(word)) tokens.push({ kind: 'keyword', value: word, start, end: i });
      else tokens.push({ kind: 'identifier', value: word, start, end: i });
      continue;
    }
    if (DIGIT.test(c) || (c === '.' && DIGIT.test(text[i + 1] ?? ''))) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text)!;
      i += m[0].length;
      tokens.push({ kind: 'number', value: Number(m[0]), start, end: i });
      continue;
    }
    if (c === '"' || c === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) {
          return fail(start, text.length, `This text has no closing ${c}: add one after it.`);
        }
        const d = text[i]!;
        if (d === c) break;
        if (d === '\\') {
          const e = text[i + 1];
          if (e === '"' || e === "'" || e === '\\') {
            value += e;
            i += 2;
            continue;
          }
          return fail(
            i,
            Math.min(i + 2, text.length),
            `\\${e ?? ''} is not an escape: inside quotes only \\", \\' and \\\\ are. Write \\\\ for a backslash.`,
          );
        }
        value += d;
        i++;
      }
      i++;
      tokens.push({ kind: 'string', value, start, end: i });
      continue;
    }
    if (c === '`') {
      const close = text.indexOf('`', i + 1);
      if (close < 0) return fail(start, text.length, 'This name has no closing back quote (`): add one after it.');
      if (close === i + 1)
        return fail(
          start,
          close + 1,
          'A back-quoted name cannot be empty: write the column name between the back quotes.',
        );
      i = close + 1;
      tokens.push({ kind: 'quoted', value: text.slice(start + 1, close), start, end: i });
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two.length === 2 && (PUNCTUATION as readonly string[]).includes(two)) {
      i += 2;
      tokens.push({ kind: 'punct', value: two as Punctuation, start, end: i });
      continue;
    }
    const foreign = FOREIGN_OPERATORS.find((f) => text.startsWith(f.text, i));
    if (foreign) {
      return fail(
        start,
        start + foreign.text.length,
        `${foreign.text} is not an operator here: use ${foreign.word}.`,
        foreign.use,
      );
    }
    if ((PUNCTUATION as readonly string[]).includes(c)) {
      i++;
      tokens.push({ kind: 'punct', value: c as Punctuation, start, end: i });
      continue;
    }
    const width = (c.codePointAt(0) ?? 0) > 0xffff ? 2 : 1;
    const hint = /\p{L}/u.test(text.slice(i, i + width))
      ? ' Write a name with such characters in back quotes, e.g. `Zufriedenheit Ø`.'
      : '';
    return fail(start, start + width, `${text.slice(i, i + width)} cannot be used in a formula.${hint}`);
  }
  tokens.push({ kind: 'eof', value: '', start: text.length, end: text.length });
  return { tokens };
}
