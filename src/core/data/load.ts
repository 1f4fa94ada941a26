/**
 * Reading data files, cached. The CLI and the extension each keep one DataCache; a file
 * is parsed again only when its modification time, its size or the parse options change.
 * Nothing here throws: a file that cannot be opened is `{ ok: false, error }` with a
 * message such as `cannot open data/x.csv: no such file`.
 * Cached tables are shared between callers: treat them as read-only.
 */
import * as fs from 'node:fs';
import type { ColumnType } from '../model/kpiFile';
import { parseCsvPieces } from './csv';
import { parseCsvInParts, type CsvThreads } from './csvParallel';
import { FilePieces } from './filePieces';
import { guarded, parseTable } from './parseTable';
import type { DataError, LoadResult, ParseOptions } from './result';
import { firstInvalidUtf8, lineOfByte } from './utf8';

/** What identifies a version of a file's contents. */
export interface FileStamp {
  mtimeMs: number;
  size: number;
}

/** Files larger than this are refused (V8 cannot hold much more as one string anyway). */
export const MAX_DATA_BYTES = 512 * 1024 * 1024;

export interface DataCacheOptions {
  /** Largest file read, in bytes; default MAX_DATA_BYTES. */
  maxBytes?: number;
  /** Most parsed files kept (least recently used go first); default 32. */
  maxEntries?: number;
  /** Bytes of a csv file read at a time (filePieces.ts); tests make it tiny. */
  pieceBytes?: number;
  /** Large csv files parsed on several threads (csvParallel.ts); default one. */
  csvThreads?: CsvThreads;
}

interface Entry {
  stamp: FileStamp;
  result: LoadResult;
}

/** The stamp of a file, or a DataError when it cannot be read (never throws). */
export function statFile(absPath: string, fileName?: string): FileStamp | DataError {
  try {
    const stat = fs.statSync(absPath);
    const kind = notRegular(stat);
    if (kind) return { message: `cannot open ${fileName ?? absPath}: ${kind}` };
    return { mtimeMs: stat.mtimeMs, size: stat.size };
  } catch (e) {
    return { message: `cannot open ${fileName ?? absPath}: ${reasonOf(e)}` };
  }
}

export function isFileStamp(value: FileStamp | DataError): value is FileStamp {
  return 'mtimeMs' in value;
}

export class DataCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxBytes: number;
  private readonly maxEntries: number;
  private readonly pieceBytes: number | undefined;
  private readonly csvThreads: CsvThreads | undefined;
  /** Parses done (cache misses that read the file); for tests and diagnostics. */
  parses = 0;

  constructor(options: DataCacheOptions = {}) {
    this.maxBytes = options.maxBytes ?? MAX_DATA_BYTES;
    this.maxEntries = Math.max(1, options.maxEntries ?? 32);
    this.pieceBytes = options.pieceBytes;
    this.csvThreads = options.csvThreads;
  }

  /** The file's stamp (for cache keys of callers), or why it cannot be read. */
  stat(absPath: string, fileName?: string): FileStamp | DataError {
    return statFile(absPath, fileName);
  }

  /** The file parsed as `options` say; from the cache when the file has not changed. */
  load(absPath: string, options: ParseOptions): LoadResult {
    const name = options.fileName ?? absPath;
    const key = cacheKey(absPath, options);
    let fd: number | undefined;
    try {
      // Opening a FIFO waits for a writer and a device never ends: look before opening, and
      // open without blocking so that a file swapped for a FIFO in between cannot hang us.
      const before = notRegular(fs.statSync(absPath));
      if (before) return failure(`cannot open ${name}: ${before}`);
      fd = fs.openSync(absPath, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
      const stat = fs.fstatSync(fd);
      const kind = notRegular(stat);
      if (kind) return failure(`cannot open ${name}: ${kind}`);
      const stamp: FileStamp = { mtimeMs: stat.mtimeMs, size: stat.size };
      const cached = this.entries.get(key);
      if (cached && cached.stamp.mtimeMs === stamp.mtimeMs && cached.stamp.size === stamp.size) {
        this.entries.delete(key); // most recently used goes last
        this.entries.set(key, cached);
        return cached.result;
      }
      if (stat.size > this.maxBytes) {
        return failure(
          `cannot open ${name}: it is ${sizeText(stat.size)}, more than the ${sizeText(this.maxBytes)} a data file may have`,
        );
      }
      this.parses++;
      let result: LoadResult;
      if (options.format === 'csv') {
        result = this.parseCsv(fd, name, stat.size, options);
      } else {
        // The bytes live only inside readText: once decoded they can be collected while the
        // text is parsed, so a large file is in memory once, not twice.
        const text = readText(fd, name);
        result = typeof text === 'string' ? parseTable(text, options) : text;
      }
      this.remember(absPath, key, { stamp, result });
      return result;
    } catch (e) {
      return failure(`cannot open ${name}: ${reasonOf(e)}`);
    } finally {
      if (fd !== undefined) {
        try {
          fs.closeSync(fd);
        } catch {
          // nothing to do: the descriptor is gone either way
        }
      }
    }
  }

  /**
   * A csv file read in pieces (neither its bytes nor its text is ever held whole); on several
   * threads when it is large enough, else (or when a part fails: the message is then the
   * one-pass message) in one go.
   */
  private parseCsv(fd: number, name: string, size: number, options: ParseOptions): LoadResult {
    if (this.csvThreads) {
      try {
        const inParts = parseCsvInParts(fd, name, size, options, this.csvThreads, this.pieceBytes);
        if (inParts) return inParts;
      } catch {
        // read again in one go, which says what went wrong
      }
    }
    return guarded(options, () => parseCsvPieces(new FilePieces(fd, name, size, this.pieceBytes), options));
  }

  /** Forgets every parsed file (e.g. when settings change). */
  clear(): void {
    this.entries.clear();
  }

  /** Number of parsed files held. */
  get size(): number {
    return this.entries.size;
  }

  private remember(absPath: string, key: string, entry: Entry): void {
    // Older versions of the same file are of no further use.
    for (const [k, old] of this.entries) {
      if (
        k.startsWith(`${absPath}\0`) &&
        (old.stamp.mtimeMs !== entry.stamp.mtimeMs || old.stamp.size !== entry.stamp.size)
      ) {
        this.entries.delete(k);
      }
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}

/**
 * Why a path is not a regular file, in plain words, or undefined when it is one. Only
 * regular files are read: a folder has no rows, a FIFO blocks the reader until someone
 * writes, and a device such as /dev/zero or /dev/random never ends.
 */
export function notRegular(stat: fs.Stats): string | undefined {
  if (stat.isFile()) return undefined;
  if (stat.isDirectory()) return 'it is a folder, not a file';
  if (stat.isFIFO()) return 'it is a named pipe (FIFO), not a regular file';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'it is a device, not a regular file';
  if (stat.isSocket()) return 'it is a socket, not a regular file';
  return 'it is not a regular file';
}

/** What a parsed file is cached under: its path and the options it was parsed with. */
export function cacheKey(absPath: string, options: ParseOptions): string {
  const columns: [string, ColumnType][] = options.columns
    ? [...options.columns].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    : [];
  return `${absPath}\0${JSON.stringify([options.format, options.delimiter ?? null, options.fileName ?? null, columns])}`;
}

/** A UTF-16 byte order mark (spreadsheet "Unicode text" exports). */
function isUtf16(bytes: Buffer): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}

/** A file in another encoding (Excel's "CSV" is often Windows-1252): read as UTF-8 its text would change, so it is not read. */
function notUtf8(name: string, bytes: Buffer): LoadResult | undefined {
  const at = firstInvalidUtf8(bytes);
  if (at < 0) return undefined;
  const line = lineOfByte(bytes, at);
  const byte = bytes[at]!.toString(16).toUpperCase().padStart(2, '0');
  return {
    ok: false,
    error: {
      message: `cannot read ${name}: line ${line} holds a byte that is not UTF-8 (0x${byte}), so the file is saved in another encoding; save it as UTF-8 (in Excel: "CSV UTF-8")`,
      line,
    },
  };
}

function failure(message: string): LoadResult {
  return { ok: false, error: { message } };
}

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

/** An fs error in plain words, without the path or a stack. */
function reasonOf(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'ERR_STRING_TOO_LONG':
      return 'the file is too large to read';
    default:
      return code ? `the system says ${code}` : error instanceof Error ? error.message : 'unknown error';
  }
}

/** A data file's text, or why it cannot be read as UTF-8 text. */
function readText(fd: number, name: string): string | LoadResult {
  const bytes = fs.readFileSync(fd);
  if (isUtf16(bytes)) return failure(`cannot read ${name}: it is saved as UTF-16; save it as UTF-8`);
  return notUtf8(name, bytes) ?? bytes.toString('utf8');
}
