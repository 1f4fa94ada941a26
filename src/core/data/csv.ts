/**
 * CSV (RFC 4180) in one pass over the string: quoted fields with embedded delimiters,
 * doubled quotes and line breaks; LF, CRLF (and a lone CR) end records; a UTF-8 BOM is
 * dropped; the first non-blank record is the header; blank lines are skipped.
 *
 * The scan keeps no per-row objects: csvScan.ts records a chunk of rows' cell offsets at a
 * time in one reused Int32Array and narrows each column's candidate types as it goes
 * (infer.ts); csvColumns.ts types each chunk into the columns. The chunk size changes no
 * result (a parameter, so tests can make chunks of one or two rows).
 *
 * Choices where the SPEC is silent: cells are not trimmed (` 12` is a string, as in RFC
 * 4180); a quote inside an unquoted cell is kept literally; text between a closing quote
 * and the next delimiter is an error; a line holding only spaces is a record, not a blank
 * line. See result.ts for how rows are numbered.
 */
import { CsvColumns } from './csvColumns';
import { afterLineBreak, closingQuote, CsvScanner, lineAt } from './csvScan';
import { MAY_ANY } from './infer';
import { ownCopy } from './textDictionary';
import { fail, missingColumns, type LoadResult, type ParseOptions } from './result';

const QUOTE = 34;
const LF = 10;
const CR = 13;

export function parseCsv(text: string, options: ParseOptions, chunkCells = CHUNK_CELLS): LoadResult {
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
      name = ownCopy(text, pos + 1, close).replace(/""/g, '"');
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
      name = ownCopy(text, start, pos);
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

  // The records, a chunk of rows at a time: one chunk of cell offsets is held, not the file's.
  const ncols = names.length;
  const may = new Int32Array(ncols).fill(MAY_ANY);
  for (let c = 0; c < ncols; c++) if (declared?.has(names[c]!)) may[c] = 0; // declared: nothing to infer
  const chunkRows = Math.max(1, Math.floor(chunkCells / ncols));
  const offsets = new Int32Array(chunkRows * ncols * 2);
  const columns = new CsvColumns(
    names,
    names.map((name) => declared?.get(name)),
  );
  const scanner = new CsvScanner(text, delimiter, names, file, may, pos);
  for (;;) {
    const first = scanner.rows;
    const start = scanner.position;
    const rows = scanner.next(offsets, chunkRows);
    if (rows < 0) return scanner.error!;
    if (rows === 0) break;
    // Room for the rows the rest of the text likely holds, at this chunk's characters per row
    // (and never more than it can hold: a record takes at least one character per column).
    const rest = text.length - scanner.position;
    const perRow = (scanner.position - start) / rows;
    const likely = Math.min(Math.ceil((rest / perRow) * 1.1), Math.ceil(rest / ncols) + 1);
    columns.add(text, offsets, rows, first, may, first + rows + likely);
  }
  // Columns that turned out to be text after rows typed otherwise: those rows read again.
  const until = columns.readAgainUntil();
  if (until > 0) {
    const again = new CsvScanner(text, delimiter, names, file, new Int32Array(ncols), pos);
    while (again.rows < until) {
      const first = again.rows;
      const rows = again.next(offsets, Math.min(chunkRows, until - first));
      if (rows <= 0) break; // cannot happen: the same text scanned without error before
      columns.readAgain(text, offsets, rows, first);
    }
  }
  return columns.finish(text, file, scanner.rows);
}

/** Cells per chunk of offsets (8 MB of them): large enough that the per-chunk work is noise. */
const CHUNK_CELLS = 1 << 20;

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

function skipBlankLines(text: string, pos: number): number {
  for (;;) {
    const c = text.charCodeAt(pos);
    if (c !== LF && c !== CR) return pos;
    pos = afterLineBreak(text, pos);
  }
}
