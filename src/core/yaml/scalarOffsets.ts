import { Scalar } from 'yaml';

/** How far ahead to look for a character that quoting or folding moved. */
const LOOKAHEAD = 256;

/**
 * Maps each character of a scalar's value to its offset in the file, so that a finding
 * inside a formula points at the exact characters even in a quoted or folded scalar.
 * Escapes and folded line breaks are aligned greedily: a value character with no
 * counterpart in the source maps to the current source position.
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
