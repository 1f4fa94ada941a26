/**
 * Data files with the pathologies SPEC 2 must survive: csv with ragged rows, stray and
 * unbalanced quotes, quoted delimiters and newlines, blank lines, BOMs, CRLF, duplicate or
 * empty header names, mixed types, huge fields; json and jsonl with nested values, mixed
 * types, missing keys, non-objects and broken syntax; and bytes that are not UTF-8.
 */
import type { SourceFormat } from '../../src/core/model/kpiFile';
import { between, chance, oddText, pick, weighted, type Next } from './choose';
import { DATE_LITERALS } from './formulaGen';

export interface DataFile {
  format: SourceFormat;
  bytes: Buffer;
  delimiter?: string;
}

const HEADERS = [
  'id',
  'score',
  'channel',
  'created_at',
  'ok',
  'amount',
  'Likelihood to recommend',
  '',
  'id',
  'é',
  'a"b',
  'x,y',
  ' pad ',
];

type Cell = string | number | boolean | null;

function cell(next: Next, kind: number): Cell {
  return weighted<() => Cell>(next, [
    [
      3,
      () =>
        kind % 4 === 0
          ? between(next, -100, 100)
          : kind % 4 === 1
            ? pick(next, DATE_LITERALS)
            : kind % 4 === 2
              ? chance(next, 0.5)
              : pick(next, ['a', 'b', 'chat']),
    ],
    [1, () => null],
    [
      1,
      () =>
        pick(next, [
          '',
          ' ',
          'NaN',
          'Infinity',
          '1e400',
          '-0',
          '+5',
          '.5',
          '5.',
          '1_000',
          '0x1F',
          'TRUE',
          'False',
          'yes',
          '2025-02-29',
          '2024-02-29T24:00',
          '2025-03',
          '9007199254740993',
          '12:30',
        ]),
    ],
    [0.5, () => oddText(next, 5)],
    [0.03, () => 'w'.repeat(between(next, 1000, 200_000))],
  ] as const)();
}

function csvField(next: Next, v: string | number | boolean | null, delimiter: string): string {
  const s = v === null ? '' : String(v);
  const quote = chance(next, 0.2) || s.includes(delimiter) || s.includes('"') || s.includes('\n');
  const broken = chance(next, 0.03);
  if (broken) return pick(next, [`"${s}`, `${s}"`, `a"${s}`, `"${s}"x`, '"""']);
  return quote ? `"${s.replaceAll('"', '""')}"` : s;
}

function csv(next: Next, delimiter: string): string {
  const columns = between(next, 0, 6);
  const kinds = Array.from({ length: columns }, () => between(next, 0, 3));
  const header = kinds
    .map(() => (chance(next, 0.85) ? pick(next, HEADERS.slice(0, 7)) : pick(next, HEADERS)))
    .map((h) => csvField(next, h, delimiter));
  const rows = weighted(next, [
    [1, () => 0],
    [4, () => between(next, 1, 30)],
    [0.3, () => between(next, 200, 2000)],
  ] as const)();
  const eol = chance(next, 0.3) ? '\r\n' : '\n';
  const lines = [header.join(delimiter)];
  for (let r = 0; r < rows; r++) {
    if (chance(next, 0.05)) lines.push(pick(next, ['', ' ', '\t']));
    let width = columns;
    if (chance(next, 0.05)) width += pick(next, [-1, 1, 2]);
    const fields: string[] = [];
    for (let c = 0; c < Math.max(0, width); c++) fields.push(csvField(next, cell(next, kinds[c] ?? 0), delimiter));
    lines.push(fields.join(delimiter));
  }
  let text = lines.join(eol);
  if (chance(next, 0.5)) text += eol;
  if (chance(next, 0.1)) text = '\ufeff' + text;
  return text;
}

function jsonValue(next: Next, kind: number): unknown {
  if (chance(next, 0.05)) return pick(next, [[1, 2], { a: 1 }, [], {}]);
  const v = cell(next, kind);
  if (typeof v === 'string' && chance(next, 0.2)) return Number(v) || v;
  return v;
}

function records(next: Next): unknown[] {
  const keys = Array.from({ length: between(next, 0, 5) }, () => pick(next, HEADERS));
  const kinds = keys.map(() => between(next, 0, 3));
  const n = weighted(next, [
    [1, () => 0],
    [4, () => between(next, 1, 30)],
    [0.3, () => between(next, 200, 1000)],
  ] as const)();
  const out: unknown[] = [];
  for (let r = 0; r < n; r++) {
    if (chance(next, 0.03)) {
      out.push(pick(next, [null, 1, 'x', [1], true]));
      continue;
    }
    const row: Record<string, unknown> = {};
    keys.forEach((k, i) => {
      if (!chance(next, 0.1)) row[k] = jsonValue(next, kinds[i]!);
    });
    out.push(row);
  }
  return out;
}

function json(next: Next): string {
  const rows = records(next);
  const text = chance(next, 0.95)
    ? JSON.stringify(rows, null, chance(next, 0.5) ? 2 : undefined)
    : JSON.stringify({ rows });
  return chance(next, 0.1) ? text.slice(0, between(next, 0, text.length)) : text;
}

function jsonl(next: Next): string {
  const eol = chance(next, 0.3) ? '\r\n' : '\n';
  const lines = records(next).map((r) => JSON.stringify(r));
  if (chance(next, 0.2))
    lines.splice(
      between(next, 0, lines.length),
      0,
      pick(next, ['', '   ', '{', '[1]', 'null', '{"a":1}{"a":2}', '// x']),
    );
  return lines.join(eol) + (chance(next, 0.5) ? eol : '');
}

/** Bytes that are not UTF-8: a lone continuation byte, a cut sequence, an overlong form, Latin-1. */
function corrupt(next: Next, bytes: Buffer): Buffer {
  const bad = Buffer.from(
    pick(next, [[0x80], [0xc3], [0xe2, 0x82], [0xc0, 0xaf], [0xe9], [0xff, 0xfe], [0xed, 0xa0, 0x80]]),
  );
  const at = between(next, 0, bytes.length);
  return Buffer.concat([bytes.subarray(0, at), bad, bytes.subarray(at)]);
}

export function randomDataFile(next: Next): DataFile {
  const format = pick(next, ['csv', 'csv', 'json', 'jsonl'] as const);
  const delimiter = format === 'csv' && chance(next, 0.2) ? pick(next, [';', '\t', '|']) : undefined;
  const text = format === 'csv' ? csv(next, delimiter ?? ',') : format === 'json' ? json(next) : jsonl(next);
  let bytes: Buffer = Buffer.from(text, 'utf8');
  if (chance(next, 0.05)) bytes = corrupt(next, bytes);
  return delimiter === undefined ? { format, bytes } : { format, bytes, delimiter };
}
