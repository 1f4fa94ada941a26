import type { SourceRange } from '../../model/range';

/** Offset of the start of the line holding `offset`. */
export function lineStart(text: string, offset: number): number {
  const nl = text.lastIndexOf('\n', offset - 1);
  return nl + 1;
}

/** Offset of the end of the line holding `offset` (before its line break). */
export function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  const end = nl < 0 ? text.length : nl;
  return end > 0 && text[end - 1] === '\r' ? end - 1 : end;
}

/** Column of `offset` within its line, as spaces (a `- ` sequence marker counts as indentation). */
export function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** The file's line break. */
export function eol(text: string): string {
  // The first line break tells: no need to scan a large file for every fix.
  const nl = text.indexOf('\n');
  return nl > 0 && text[nl - 1] === '\r' ? '\r\n' : '\n';
}

/** True when the map starting at `range` is written in flow style (`{ … }`). */
export function isFlow(text: string, range: SourceRange): boolean {
  return text[range.start] === '{' || text[range.start] === '[';
}

/** A range that is never empty, for display: an empty value falls back to its key. */
export function visibleRange(range: SourceRange, fallback: SourceRange): SourceRange {
  return range.end > range.start ? range : fallback;
}
