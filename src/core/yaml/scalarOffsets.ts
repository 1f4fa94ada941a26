import { Scalar } from 'yaml';

/** How far ahead to look for a character that quoting or folding moved. */
const LOOKAHEAD = 256;

/**
 * Maps each character of a scalar's value to its offset in the file, so that a finding
 * inside a formula points at the exact characters even in a quoted or folded scalar.
 * A double-quoted scalar is decoded exactly (a character made by an escape such as `\n`,
 * `\x41` or `\"` maps to its backslash); other styles are aligned greedily: a value
 * character with no counterpart in the source maps to the current source position.
 */
export function scalarOffsets(text: string, node: Scalar, value: string): number[] {
  const [start, valueEnd] = node.range ?? [0, 0, 0];
  let from = start;
  let to = valueEnd;
  if (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) {
    from += 1;
    to = Math.max(from, to - 1);
  } else if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) {
    const nl = text.indexOf('\n', from);
    from = nl < 0 ? to : nl + 1;
  }
  if (node.type === Scalar.QUOTE_DOUBLE) {
    const exact = doubleQuotedOffsets(text, from, to, value);
    if (exact) return exact;
  }
  return greedyOffsets(text, from, to, value);
}

/** Length of the escape at `j` (the backslash) and how many UTF-16 units it makes. */
function escapeAt(text: string, j: number): { length: number; units: number } {
  const kind = text[j + 1];
  const hex = kind === 'x' ? 2 : kind === 'u' ? 4 : kind === 'U' ? 8 : 0;
  if (hex === 0) return { length: 2, units: 1 };
  const code = Number.parseInt(text.slice(j + 2, j + 2 + hex), 16);
  return { length: 2 + hex, units: code > 0xffff ? 2 : 1 };
}

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';
const isBreak = (c: string | undefined): boolean => c === '\n' || c === '\r';

/**
 * The exact offsets of a double-quoted scalar (YAML 1.2 escapes and line folding), or
 * undefined when the source and the value do not line up as expected — then the greedy
 * alignment serves.
 */
function doubleQuotedOffsets(text: string, from: number, to: number, value: string): number[] | undefined {
  const offsets = new Array<number>(value.length + 1);
  let i = 0;
  let j = from;
  while (j < to) {
    const c = text[j];
    if (c === '\\' && isBreak(text[j + 1])) {
      // An escaped line break joins the lines: nothing in the value.
      j += text[j + 1] === '\r' && text[j + 2] === '\n' ? 3 : 2;
      while (j < to && isBlank(text[j])) j++;
      continue;
    }
    if (c === '\\') {
      const { length, units } = escapeAt(text, j);
      for (let u = 0; u < units; u++) offsets[i++] = j;
      j += length;
      continue;
    }
    if (isBlank(c) || isBreak(c)) {
      let k = j;
      let breaks = 0;
      while (k < to && (isBlank(text[k]) || isBreak(text[k]))) {
        if (text[k] === '\n' || (text[k] === '\r' && text[k + 1] !== '\n')) breaks++;
        k++;
      }
      if (breaks === 0) {
        // Spaces inside a line are kept as they are.
        for (; j < k; j++) {
          if (value[i] !== text[j]) return undefined;
          offsets[i++] = j;
        }
        continue;
      }
      // A folded line break: one space, or n − 1 newlines for n breaks; the blanks around go.
      const made = breaks === 1 ? 1 : breaks - 1;
      for (let m = 0; m < made; m++) offsets[i++] = j;
      j = k;
      continue;
    }
    if (value[i] !== c) return undefined;
    offsets[i++] = j++;
  }
  if (i !== value.length) return undefined;
  offsets[value.length] = to;
  return offsets;
}

function greedyOffsets(text: string, from: number, to: number, value: string): number[] {
  const offsets = new Array<number>(value.length + 1);
  let pos = from;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    let found = -1;
    for (let j = pos; j < Math.min(to, pos + LOOKAHEAD); j++) {
      if (text[j] === ch) {
        found = j;
        break;
      }
      // Only quoting, escaping and folding may sit between two aligned characters.
      if (!/[\s\\'"]/.test(text[j]!)) break;
    }
    if (found >= 0) {
      offsets[i] = found;
      pos = found + 1;
    } else {
      offsets[i] = Math.min(pos, to);
    }
  }
  offsets[value.length] = Math.min(Math.max(pos, from), Math.max(to, from));
  return offsets;
}
