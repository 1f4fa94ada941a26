/**
 * The records of a csv text, a chunk of rows at a time: each cell's [start, end) offsets
 * go into the caller's Int32Array (row-major, reused chunk after chunk), so no array of
 * offsets for the whole file is ever held. A column whose `may` (infer.ts) is still MAY_ANY
 * has its first non-empty value narrowed there, which gives its type.
 *
 * A cell is the pair (start, end) at offsets[2 * (row * ncols + col)]: start === end is an
 * empty cell (null); a negative end (~end) marks a quoted cell holding doubled quotes.
 */
import { MAY_ANY, narrow } from './infer';
import { fail, type LoadResult } from './result';

const QUOTE = 34;
const LF = 10;
const CR = 13;

export class CsvScanner {
  /** Data rows scanned so far. */
  rows = 0;
  /** Set when a record is malformed; the scan then stops. */
  error: LoadResult | undefined;
  private pos: number;
  // Next delimiter, LF and CR at or after the scan position (n: none left; -1: not looked for).
  private nextD = -1;
  private nextLF = -1;
  private nextCR = -1;

  constructor(
    private readonly text: string,
    private readonly delimiter: string,
    private readonly names: readonly string[],
    private readonly file: string | undefined,
    /** Candidate types per column, narrowed in place. */
    private readonly may: Int32Array,
    dataStart: number,
    /** False when more text follows: a quoted field open at the end then waits for it. */
    private readonly final = true,
    /** Line breaks before this text (an earlier piece of the file), for messages. */
    private readonly lineBase = 0,
    rowsBefore = 0,
  ) {
    this.pos = dataStart;
    this.rows = rowsBefore;
  }

  /** Offset in the text where the next record starts. */
  get position(): number {
    return this.pos;
  }

  /** Scans up to maxRows records into offsets; the number scanned (0 at the end), or -1 on an error. */
  next(offsets: Int32Array, maxRows: number): number {
    const { text, delimiter, names, may, file } = this;
    const D = delimiter.charCodeAt(0);
    const n = text.length;
    const ncols = names.length;
    let { pos, nextD, nextLF, nextCR } = this;
    let row = 0;
    records: while (pos < n && row < maxRows) {
      let c = text.charCodeAt(pos);
      if (c === LF || c === CR) {
        pos = afterLineBreak(text, pos); // a blank line
        continue;
      }
      const recordStart = pos;
      const record = this.rows + row + 1;
      let k = row * ncols * 2;
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
          if (end < 0 && !this.final) {
            pos = recordStart; // the record goes on in the next piece
            break records;
          }
          if (end < 0) {
            return this.stop(
              fail(
                file,
                { unit: 'row', record, line: this.lineBase + lineAt(text, pos) },
                'a quoted field is never closed',
              ),
            );
          }
          pos = end + 1;
          c = text.charCodeAt(pos);
          if (pos < n && c !== D && c !== LF && c !== CR) {
            return this.stop(
              fail(
                file,
                { unit: 'row', record, column: names[col], line: this.lineBase + lineAt(text, pos) },
                'unexpected text after a closing quote (a quote inside a quoted field is written "")',
              ),
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
          // Too many fields. The message counts them, which may need the rest of the record.
          const count = countFields(text, recordStart, D, this.final);
          if (count < 0) {
            pos = recordStart;
            break records;
          }
          return this.stop(ragged(file, this.lineBase + lineAt(text, recordStart), record, ncols, count));
        }
        offsets[k] = start;
        offsets[k + 1] = escaped ? ~end : end;
        const m = may[col]!;
        // Only a column's first value is narrowed here: csvColumns checks every later one as it types it.
        if (m === MAY_ANY && end > start) may[col] = escaped ? 0 : narrow(text, start, end, m);
        k += 2;
        col++;
        if (pos < n && c === D) {
          c = text.charCodeAt(++pos);
          continue;
        }
        pos = afterLineBreak(text, pos);
        break;
      }
      if (col !== ncols) return this.stop(ragged(file, this.lineBase + lineAt(text, recordStart), record, ncols, col));
      row++;
    }
    this.pos = pos;
    this.nextD = nextD;
    this.nextLF = nextLF;
    this.nextCR = nextCR;
    this.rows += row;
    return row;
  }

  private stop(error: LoadResult): number {
    this.error = error;
    return -1;
  }
}

function ragged(file: string | undefined, line: number, record: number, expected: number, found: number): LoadResult {
  return fail(
    file,
    { unit: 'row', record, line },
    `has ${found} field${found === 1 ? '' : 's'}, but the header has ${expected}`,
  );
}

function found(index: number, n: number): number {
  return index < 0 ? n : index;
}

/** Index of the quote closing a quoted field whose text starts at `from`, or -1. */
export function closingQuote(text: string, from: number): number {
  let q = text.indexOf('"', from);
  while (q >= 0 && text.charCodeAt(q + 1) === QUOTE) q = text.indexOf('"', q + 2);
  return q;
}

/** Past the line break at pos (CRLF, LF or CR); pos itself at the end of the text. */
export function afterLineBreak(text: string, pos: number): number {
  const c = text.charCodeAt(pos);
  if (c === CR) return text.charCodeAt(pos + 1) === LF ? pos + 2 : pos + 1;
  return c === LF ? pos + 1 : pos;
}

/** The number of fields of the record starting at pos (for a message only); -1 when it may go on past the text. */
function countFields(text: string, pos: number, D: number, final: boolean): number {
  let fields = 1;
  let fieldStart = true;
  const n = text.length;
  while (pos < n) {
    const c = text.charCodeAt(pos);
    if (c === QUOTE && fieldStart) {
      const close = closingQuote(text, pos + 1);
      if (close < 0) {
        if (!final) return -1;
        break;
      }
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

/** 1-based line of a text offset (a line ends at LF, CRLF or a lone CR). */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line++;
  }
  return line;
}
