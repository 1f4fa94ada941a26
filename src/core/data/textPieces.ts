/**
 * A text handed over in pieces, so a large file is never held as one string: each piece
 * but the last ends just after a line feed, so a record can only run on into the next
 * piece inside a quoted field. The csv reader (csv.ts) joins what is left of one piece to
 * the next.
 */
import type { LoadResult } from './result';

export interface TextPieces {
  /** The next piece, or undefined at the end (or once the text turned out unreadable: see failure). */
  next(): string | undefined;
  /** True once the last piece has been handed over. */
  readonly ended: boolean;
  /** Starts again from the first piece (columns are sometimes read twice). */
  restart(): void;
  /** An upper bound of the text's length in characters (its size in bytes), for sizing arrays. */
  readonly size: number;
  /**
   * Why the text cannot be read (a byte that is not UTF-8), looking through the pieces not
   * yet read; undefined when it can. Such an error is reported before any csv error.
   */
  failure(): LoadResult | undefined;
}

/** A whole text as one piece. */
export function wholeText(text: string): TextPieces {
  let given = false;
  return {
    next: () => {
      if (given) return undefined;
      given = true;
      return text;
    },
    get ended() {
      return given;
    },
    restart: () => {
      given = false;
    },
    size: text.length,
    failure: () => undefined,
  };
}

/** Line breaks (LF, CRLF or a lone CR, as csvScan's lineAt counts them) in text[0, end). */
export function lineBreaksBefore(text: string, end: number): number {
  let count = 0;
  const cr = text.indexOf('\r');
  if (cr < 0 || cr >= end) {
    for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) count++;
    return count;
  }
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) count++;
  }
  return count;
}
