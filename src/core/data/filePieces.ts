/**
 * A file's text in pieces of about `pieceBytes` (textPieces.ts), each cut just after a line
 * feed, so neither a line break nor a UTF-8 character is ever split: a large csv file is
 * never in memory whole, as bytes or as text. Each piece is checked to be UTF-8 as it is
 * read; the messages are those of reading the file whole (load.ts).
 */
import * as fs from 'node:fs';
import { isUtf8 } from 'node:buffer';
import type { LoadResult } from './result';
import type { TextPieces } from './textPieces';
import { firstInvalidUtf8 } from './utf8';

/** Bytes read at a time: large enough that joining pieces costs nothing, small beside the file. */
export const PIECE_BYTES = 8 * 1024 * 1024;

export class FilePieces implements TextPieces {
  ended = false;
  /** Where the next read starts in the file. */
  private read: number;
  /** Bytes after the last line feed read, the start of the next piece. */
  private carry: Buffer = Buffer.alloc(0);
  private bad: LoadResult | undefined;

  constructor(
    private readonly fd: number,
    private readonly name: string,
    /** Bytes of the file read: from `from` on (a part of it, read by a thread of its own: csvParallel.ts). */
    readonly size: number,
    private readonly pieceBytes = PIECE_BYTES,
    private readonly from = 0,
    /** True once the reader's work is of no use (csvPartWorker.ts): no further piece is read. */
    private readonly stopped: () => boolean = () => false,
  ) {
    this.read = from;
  }

  next(): string | undefined {
    if (this.ended) return undefined;
    if (this.stopped()) {
      this.ended = true;
      return undefined;
    }
    const start = this.read - this.carry.length; // the piece's first byte in the file
    let bytes = this.carry;
    let cut: number;
    for (;;) {
      // A line longer than a piece: read as much again each time, so joining stays linear.
      const buffer = Buffer.allocUnsafe(Math.max(1, this.pieceBytes, bytes.length));
      const n = fs.readSync(this.fd, buffer, 0, Math.min(buffer.length, this.from + this.size - this.read), this.read);
      this.read += n;
      bytes = bytes.length === 0 ? buffer.subarray(0, n) : Buffer.concat([bytes, buffer.subarray(0, n)]);
      if (n === 0) {
        this.ended = true;
        cut = bytes.length;
        break;
      }
      const lf = bytes.lastIndexOf(10); // the carry holds none: a line feed found is new
      if (lf >= 0) {
        cut = lf + 1;
        break;
      }
    }
    const piece = bytes.subarray(0, cut);
    this.carry = bytes.subarray(cut);
    if (start === 0 && isUtf16(piece))
      return this.fail(`cannot read ${this.name}: it is saved as UTF-16; save it as UTF-8`);
    if (!isUtf8(piece)) return this.notUtf8(piece, start);
    return piece.toString('utf8');
  }

  restart(): void {
    this.read = this.from;
    this.carry = Buffer.alloc(0);
    this.ended = false;
  }

  failure(): LoadResult | undefined {
    while (!this.bad && this.next() !== undefined) {
      // each piece is checked as it is read
    }
    return this.bad;
  }

  private fail(message: string, line?: number): undefined {
    this.bad = { ok: false, error: line === undefined ? { message } : { message, line } };
    this.ended = true;
    return undefined;
  }

  /** A file in another encoding (Excel's "CSV" is often Windows-1252): read as UTF-8 its text would change. */
  private notUtf8(piece: Buffer, start: number): undefined {
    const at = firstInvalidUtf8(piece);
    const line = this.linesBefore(start) + lineOfByteIn(piece, at);
    const byte = piece[at]!.toString(16).toUpperCase().padStart(2, '0');
    return this.fail(
      `cannot read ${this.name}: line ${line} holds a byte that is not UTF-8 (0x${byte}), so the file is saved in another encoding; save it as UTF-8 (in Excel: "CSV UTF-8")`,
      line,
    );
  }

  /** Line feeds in the file's first `end` bytes (read again: only for a message). */
  private linesBefore(end: number): number {
    const buffer = Buffer.allocUnsafe(Math.min(PIECE_BYTES, Math.max(1, end)));
    let count = 0;
    for (let at = 0; at < end;) {
      const n = fs.readSync(this.fd, buffer, 0, Math.min(buffer.length, end - at), at);
      if (n === 0) break;
      for (let i = buffer.indexOf(10); i >= 0 && i < n; i = buffer.indexOf(10, i + 1)) count++;
      at += n;
    }
    return count;
  }
}

/** The 1-based line of a byte offset within one piece. */
function lineOfByteIn(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** A UTF-16 byte order mark (spreadsheet "Unicode text" exports). */
function isUtf16(bytes: Buffer): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}
