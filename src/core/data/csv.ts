/**
 * CSV (RFC 4180) in one pass over the string: quoted fields with embedded delimiters,
 * doubled quotes and line breaks; LF, CRLF (and a lone CR) end records; a UTF-8 BOM is
 * dropped; the first non-blank record is the header; blank lines are skipped.
 *
 * The scan keeps no per-row objects: it records each cell's [start, end) offsets in one
 * growing Int32Array (row-major) and narrows each column's candidate types as it goes
 * (infer.ts). csvColumns.ts then builds typed columns from the offsets.
 *
 * Choices where the SPEC is silent: cells are not trimmed (` 12` is a string, as in RFC
 * 4180); a quote inside an unquoted cell is kept literally; text between a closing quote
 * and the next delimiter is an error; a line holding only spaces is a record, not a blank
 * line. See result.ts for how rows are numbered.
 */
import type { ColumnType } from '../model/kpiFile';
import { buildColumns, lineAt } from './csvColumns';
import { MAY_ANY, narrow } from './infer';
import { fail, missingColumns, type LoadResult, type ParseOptions } from './result';

const QUOTE = 34;
const LF = 10;
const CR = 13;

export function parseCsv(text: string, options: ParseOptions): LoadResult {
  const file = options.fileName;
  const delimiter = options.delimiter ?? (file?.toLowerCase().endsWith('.tsv') ? '\t' : ',');
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    return fail(
      file,
      {},
      `the delimiter must be one character other than a quote or a line break, not ${JSON.stringify(delimiter)}`,
    );
  }
  const D = delimiter.charCodeAt(0);
  const n = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  pos = skipBlankLines(text, pos);
  const headerStart = pos;
  const headerLine = (): number => lineAt(text, headerStart);
  if (pos >= n) return fail(file, {}, 'the file is empty; a csv file needs a header row naming its columns');

  // The header.
  const names: string[] = [];
  for (;;) {
    let name: string;
    if (text.charCodeAt(pos) === QUOTE) {
      const close = closingQuote(text, pos + 1);
      if (close < 0) return fail(file, { line: headerLine() }, 'the header has a quoted name that is never closed');
      name = text.slice(pos + 1, close).replace(/""/g, '"');
      pos = close + 1;
      const c = text.charCodeAt(pos);
      if (pos < n && c !== D && c !== LF && c !== CR) {
        return fail(
          file,
          { line: headerLine() },
          `the header has text after the closing quote of ${JSON.stringify(name)}`,
        );
      }
    } else {
      const start = pos;
      while (pos < n) {
        const c = text.charCodeAt(pos);
        if (c === D || c === LF || c === CR) break;
        pos++;
      }
      name = text.slice(start, pos);
    }
    names.push(name);
    if (pos < n && text.charCodeAt(pos) === D) {
      pos++;
      continue;
    }
    pos = afterLineBreak(text, pos);
    break;
  }
  const headerError = checkHeader(file, names, headerLine);
  if (headerError) return headerError;
  const declared = options.columns;
  const missing = missingColumns(file, declared, names);
  if (missing) return missing;

  // The records.
  const ncols = names.length;
  const stride = ncols * 2;
  const may = new Int32Array(ncols).fill(MAY_ANY);
  for (let c = 0; c < ncols; c++) if (declared?.has(names[c]!)) may[c] = 0; // declared: nothing to infer
  let capacity = Math.max(64, Math.min(1 << 20, Math.ceil(n / (stride * 4))));
  let offsets = new Int32Array(capacity * stride);
  let row = 0;
  // Next delimiter, LF and CR at or after the scan position (n: none left; -1: not looked for).
  let nextD = -1;
  let nextLF = -1;
  let nextCR = -1;
  while (pos < n) {
    let c = text.charCodeAt(pos);
    if (c === LF || c === CR) {
      pos = afterLineBreak(text, pos); // a blank line
      continue;
    }
    if (row === capacity) {
      capacity *= 2;
      const grown = new Int32Array(capacity * stride);
      grown.set(offsets);
      offsets = grown;
    }
    const recordStart = pos;
    let k = row * stride;
    let col = 0;
    for (;;) {
      let start: number;
      let end: number;
      let escaped = false;
      if (c === QUOTE) {
        start = pos + 1;
        end = text.indexOf('"', start);
        while (end >= 0 && text.charCodeAt(end + 1) === QUOTE) {
          escaped = true;
          end = text.indexOf('"', end + 2);
        }
        if (end < 0) {
          return fail(
            file,
            { unit: 'row', record: row + 1, line: lineAt(text, pos) },
            'a quoted field is never closed',
          );
        }
        pos = end + 1;
        c = text.charCodeAt(pos);
        if (pos < n && c !== D && c !== LF && c !== CR) {
          return fail(
            file,
            { unit: 'row', record: row + 1, column: names[col], line: lineAt(text, pos) },
            'unexpected text after a closing quote (a quote inside a quoted field is written "")',
          );
        }
      } else {
        // The field ends at the nearest delimiter, LF or CR. Native indexOf finds each,
        // and a position found stays valid until the scan passes it.
        start = pos;
        if (nextD < pos) nextD = found(text.indexOf(delimiter, pos), n);
        if (nextLF < pos) nextLF = found(text.indexOf('\n', pos), n);
        if (nextCR < pos) nextCR = found(text.indexOf('\r', pos), n);
        end = nextD < nextLF ? (nextD < nextCR ? nextD : nextCR) : nextLF < nextCR ? nextLF : nextCR;
        pos = end;
        c = text.charCodeAt(pos);
      }
      if (col === ncols) {
        return ragged(file, text, row, recordStart, ncols, countFields(text, recordStart, D));
      }
      offsets[k] = start;
      offsets[k + 1] = escaped ? ~end : end;
      const m = may[col]!;
      if (m !== 0 && end > start) may[col] = escaped ? 0 : narrow(text, start, end, m);
      k += 2;
      col++;
      if (pos < n && c === D) {
        c = text.charCodeAt(++pos);
        continue;
      }
      pos = afterLineBreak(text, pos);
      break;
    }
    if (col !== ncols) return ragged(file, text, row, recordStart, ncols, col);
    row++;
  }
  const types: (ColumnType | undefined)[] = names.map((name) => declared?.get(name));
  return buildColumns({ text, file, names, types, may, offsets, rowCount: row });
}

function checkHeader(file: string | undefined, names: string[], line: () => number): LoadResult | undefined {
  const seen = new Set<string>();
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    if (name === '') return fail(file, { line: line() }, `the header's column ${i + 1} has no name`);
    if (seen.has(name)) return fail(file, { column: name, line: line() }, 'appears twice in the header');
    seen.add(name);
  }
  return undefined;
}

function ragged(
  file: string | undefined,
  text: string,
  row: number,
  recordStart: number,
  expected: number,
  found: number,
): LoadResult {
  return fail(
    file,
    { unit: 'row', record: row + 1, line: lineAt(text, recordStart) },
    `has ${found} field${found === 1 ? '' : 's'}, but the header has ${expected}`,
  );
}

function found(index: number, n: number): number {
  return index < 0 ? n : index;
}

/** Index of the quote closing a quoted field whose text starts at `from`, or -1. */
function closingQuote(text: string, from: number): number {
  let q = text.indexOf('"', from);
  while (q >= 0 && text.charCodeAt(q + 1) === QUOTE) q = text.indexOf('"', q + 2);
  return q;
}

/** Past the line break at pos (CRLF, LF or CR); pos itself at the end of the text. */
function afterLineBreak(text: string, pos: number): number {
  const c = text.charCodeAt(pos);
  if (c === CR) return text.charCodeAt(pos + 1) === LF ? pos + 2 : pos + 1;
  return c === LF ? pos + 1 : pos;
}

function skipBlankLines(text: string, pos: number): number {
  for (;;) {
    const c = text.charCodeAt(pos);
    if (c !== LF && c !== CR) return pos;
    pos = afterLineBreak(text, pos);
  }
}

/** The number of fields of the record starting at pos (for a message only). */
function countFields(text: string, pos: number, D: number): number {
  let fields = 1;
  let fieldStart = true;
  const n = text.length;
  while (pos < n) {
    const c = text.charCodeAt(pos);
    if (c === QUOTE && fieldStart) {
      const close = closingQuote(text, pos + 1);
      if (close < 0) break;
      pos = close + 1;
      fieldStart = false;
      continue;
    }
    if (c === LF || c === CR) break;
    fieldStart = c === D;
    if (fieldStart) fields++;
    pos++;
  }
  return fields;
}
