/**
 * How deep a YAML text nests, found by one linear scan before the yaml package parses it.
 * The parser recurses once per level: a few thousand `[` (2 KB of text) exhaust the stack,
 * and near the stack's end V8 has been seen to abort the whole process ("RegExpCompiler
 * Allocation failed") instead of throwing. Refusing such a text up front keeps the parser
 * far from that edge. A KPI file needs about six levels; the limit is generous.
 */
export const MAX_NESTING = 100;

/**
 * The offset of the first character that nests deeper than `limit` levels, or undefined.
 * Levels are block indentation levels (plus one per `- ` starting a line's content) and
 * open flow brackets `[` `{`; quoted text, comments and block scalars (`|`, `>`) are skipped.
 * It is an estimate, erring low: it is only a guard against absurd depth.
 */
export function tooDeepAt(text: string, limit = MAX_NESTING): number | undefined {
  const indents: number[] = [];
  let flow = 0;
  let blockScalarIndent = -1; // inside a | or > scalar: the indent of the line that opened it
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let i = lineStart;
    while (i < lineEnd && text.charCodeAt(i) === 32) i++;
    const indent = i - lineStart;
    const blank = i >= lineEnd || text[i] === '#' || text[i] === '\r';
    if (blockScalarIndent >= 0 && (blank || indent > blockScalarIndent)) {
      lineStart = lineEnd + 1;
      continue;
    }
    blockScalarIndent = -1;
    if (!blank) {
      if (flow === 0) {
        while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
        indents.push(indent);
        let dashes = 0;
        while (text[i] === '-' && (text[i + 1] === ' ' || i + 1 === lineEnd)) {
          dashes++;
          i += 2;
          while (i < lineEnd && text.charCodeAt(i) === 32) i++;
        }
        if (indents.length + dashes > limit) return i < lineEnd ? i : lineStart + indent;
      }
      const scanned = scanFlow(text, i, lineEnd, flow, limit - indents.length);
      if (typeof scanned === 'object') return scanned.at;
      flow = scanned;
      if (flow === 0 && /[|>][-+0-9]*\s*(#.*)?$/.test(text.slice(i, lineEnd).trimEnd())) blockScalarIndent = indent;
    }
    lineStart = lineEnd + 1;
  }
  return undefined;
}

/** The flow depth after one line's content, or where it went beyond `room` levels. */
function scanFlow(text: string, from: number, to: number, depth: number, room: number): number | { at: number } {
  let quote: string | undefined;
  for (let i = from; i < to; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) {
        if (quote === "'" && text[i + 1] === "'") i++;
        else quote = undefined;
      }
      continue;
    }
    if (c === '"' || c === "'") {
      // A quote starts a quoted scalar only where a scalar starts, not inside a plain one (it's).
      const before = i > from ? text[i - 1]! : ' ';
      if (/[\s[{,:-]/.test(before)) quote = c;
    } else if (c === '#' && (i === from || /\s/.test(text[i - 1]!))) {
      break;
    } else if (c === '[' || c === '{') {
      if (++depth > room) return { at: i };
    } else if ((c === ']' || c === '}') && depth > 0) {
      depth--;
    }
  }
  return depth;
}
