/**
 * CSV (RFC 4180) in one pass over the text, a piece at a time (textPieces.ts; a file is
 * read in pieces by filePieces.ts): quoted fields with embedded delimiters, doubled quotes
 * and line breaks; LF, CRLF (and a lone CR) end records; a UTF-8 BOM is dropped; the first
 * non-blank record is the header; blank lines are skipped.
 *
 * The scan keeps no per-row objects: csvScan.ts records a chunk of rows' cell offsets at a
 * time in one reused Int32Array (and gives each column the type of its first value);
 * csvColumns.ts types each chunk into the columns. Neither the chunk nor the piece size
 * changes a result (parameters, so tests can make chunks of one row and pieces of a byte).
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
import { lineBreaksBefore, wholeText, type TextPieces } from './textPieces';
import { fail, missingColumns, type LoadResult, type ParseOptions } from './result';

const QUOTE = 34;
const LF = 10;
const CR = 13;

export function parseCsv(text: string, options: ParseOptions, chunkCells = CHUNK_CELLS): LoadResult {
  return parseCsvPieces(wholeText(text), options, chunkCells);
}

/**
 * A csv text handed over in pieces (textPieces.ts): what is left of a piece at the end of
 * the last whole record is joined to the next one. The pieces' own failure (a byte that is
 * not UTF-8 anywhere in the file) comes before any csv error, as when the file was read whole.
 */
export function parseCsvPieces(pieces: TextPieces, options: ParseOptions, chunkCells = CHUNK_CELLS): LoadResult {
  const result = parsePieces(pieces, options, chunkCells);
  return pieces.failure() ?? result;
}

function parsePieces(pieces: TextPieces, options: ParseOptions, chunkCells: number): LoadResult {
  const header = readCsvHeader(pieces, options);
  return 'names' in header ? parseRecords(pieces, header, options, chunkCells, pieces.size) : header;
}

/** A csv text's header, and where its records start in the first pieces read. */
export interface CsvHeader {
  names: string[];
  delimiter: string;
  /** The text of the first `pieces` pieces, and where its records start. */
  text: string;
  start: number;
  pieces: number;
}

/** The header of a text of records only (a part of a file after its first: csvParallel.ts). */
export function recordsOnly(names: string[], delimiter: string): CsvHeader {
  return { names, delimiter, text: '', start: 0, pieces: 0 };
}

/** The delimiter the options give (a tab for a .tsv file when none is given). */
export function csvDelimiter(options: ParseOptions): string {
  return options.delimiter ?? (options.fileName?.toLowerCase().endsWith('.tsv') ? '\t' : ',');
}

/** Reads the first pieces, as many as the header takes (one, unless a quoted name holds a line break). */
export function readCsvHeader(pieces: TextPieces, options: ParseOptions): CsvHeader | LoadResult {
  const file = options.fileName;
  const delimiter = csvDelimiter(options);
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    return fail(
      file,
      {},
      `the delimiter must be one character other than a quote or a line break, not ${JSON.stringify(delimiter)}`,
    );
  }
  let text = '';
  let headerPieces = 0;
  let header: Header | LoadResult | undefined;
  do {
    text += pieces.next() ?? '';
    headerPieces++;
    header = headerOf(text, delimiter, file, pieces.ended);
  } while (header === undefined);
  if (!('names' in header)) return header;
  const missing = missingColumns(file, options.columns, header.names);
  if (missing) return missing;
  return { names: header.names, delimiter, text, start: header.end, pieces: headerPieces };
}

/**
 * The records after a header read by readCsvHeader (the pieces' own failure first, as in
 * parseCsvPieces). `roomForBytes`: the bytes whose rows the columns make room for, when more
 * than the pieces hold (the first part of a file read in parts: csvParallel.ts joins the
 * other parts' rows into its arrays); `shared`: the arrays in shared memory (csvColumns.ts).
 */
export function parseCsvRecords(
  pieces: TextPieces,
  header: CsvHeader,
  options: ParseOptions,
  roomForBytes = pieces.size,
  shared = false,
): LoadResult {
  const result = parseRecords(pieces, header, options, CHUNK_CELLS, roomForBytes, shared);
  return pieces.failure() ?? result;
}

/** The records, a chunk of rows at a time: one chunk of cell offsets is held, not the file's. */
function parseRecords(
  pieces: TextPieces,
  header: CsvHeader,
  options: ParseOptions,
  chunkCells: number,
  roomForBytes: number,
  shared = false,
): LoadResult {
  const file = options.fileName;
  const declared = options.columns;
  const { names, delimiter } = header;
  const ncols = names.length;
  const may = new Int32Array(ncols).fill(MAY_ANY);
  for (let c = 0; c < ncols; c++) if (declared?.has(names[c]!)) may[c] = 0; // declared: nothing to infer
  const chunkRows = Math.max(1, Math.floor(chunkCells / ncols));
  const offsets = new Int32Array(chunkRows * ncols * 2);
  const columns = new CsvColumns(
    names,
    names.map((name) => declared?.get(name)),
    shared,
  );
  const scan = { pieces, text: header.text, start: header.start, delimiter, names, file, offsets, chunkRows };
  const rowCount = scanPieces(scan, may, Infinity, (chunk) => {
    // Room for the rows the rest of the file likely holds, at this chunk's characters per row
    // (and never more than it can hold: a record takes at least one character per column).
    const rest = Math.max(0, roomForBytes - chunk.read);
    const likely = Math.min(Math.ceil((rest / chunk.length) * chunk.rows * 1.1), Math.ceil(rest / ncols) + 1);
    columns.add(chunk.text, offsets, chunk.rows, chunk.first, may, chunk.first + chunk.rows + likely, chunk.lineBase);
  });
  if (typeof rowCount !== 'number') return rowCount;
  // Columns that turned out to be text after rows typed otherwise: those rows read again.
  const until = columns.readAgainUntil();
  if (until > 0) {
    pieces.restart();
    let again = '';
    for (let i = 0; i < header.pieces; i++) again += pieces.next() ?? '';
    scanPieces({ ...scan, text: again }, new Int32Array(ncols), until, (chunk) =>
      columns.readAgain(chunk.text, offsets, chunk.rows, chunk.first),
    );
  }
  return columns.finish(file, rowCount);
}

interface Scan {
  pieces: TextPieces;
  /** The text read so far (the first pieces), and where its records start. */
  text: string;
  start: number;
  delimiter: string;
  names: readonly string[];
  file: string | undefined;
  offsets: Int32Array;
  chunkRows: number;
}

/** One chunk of records scanned into the offsets. */
interface Chunk {
  text: string;
  rows: number;
  /** Data row of the chunk's first record. */
  first: number;
  /** Characters the chunk's records take, and characters of the file up to their end. */
  length: number;
  read: number;
  /** Line breaks before `text`. */
  lineBase: number;
}

/** Scans records (at most `until`) piece after piece, each chunk handed to onChunk; the row count or an error. */
function scanPieces(scan: Scan, may: Int32Array, until: number, onChunk: (chunk: Chunk) => void): number | LoadResult {
  const { pieces, offsets, chunkRows } = scan;
  let { text, start } = scan;
  let rows = 0;
  let lineBase = 0;
  let before = 0; // characters of the file before `text`
  for (;;) {
    const final = pieces.ended;
    const scanner = new CsvScanner(text, scan.delimiter, scan.names, scan.file, may, start, final, lineBase, rows);
    while (scanner.rows < until) {
      const first = scanner.rows;
      const from = scanner.position;
      const count = scanner.next(offsets, Math.min(chunkRows, until - first));
      if (count < 0) return scanner.error!;
      if (count === 0) break;
      onChunk({ text, rows: count, first, length: scanner.position - from, read: before + scanner.position, lineBase });
    }
    rows = scanner.rows;
    if (final || rows >= until) return rows;
    // What is left (a record whose quoted field goes on) is joined to the next piece.
    const rest = scanner.position;
    lineBase += lineBreaksBefore(text, rest);
    before += rest;
    text = text.slice(rest) + (pieces.next() ?? '');
    start = 0;
  }
}

interface Header {
  names: string[];
  /** Where the records start. */
  end: number;
}

/** The header of a csv text, or why it is not one; undefined when it may go on in the next piece. */
function headerOf(
  text: string,
  delimiter: string,
  file: string | undefined,
  final: boolean,
): Header | LoadResult | undefined {
  const D = delimiter.charCodeAt(0);
  const n = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  pos = skipBlankLines(text, pos);
  const headerStart = pos;
  const headerLine = (): number => lineAt(text, headerStart);
  if (pos >= n) {
    return final ? fail(file, {}, 'the file is empty; a csv file needs a header row naming its columns') : undefined;
  }
  const names: string[] = [];
  for (;;) {
    let name: string;
    if (text.charCodeAt(pos) === QUOTE) {
      const close = closingQuote(text, pos + 1);
      if (close < 0 && !final) return undefined;
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
  return checkHeader(file, names, headerLine) ?? { names, end: pos };
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
