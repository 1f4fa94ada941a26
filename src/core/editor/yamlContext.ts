/**
 * Where the cursor is in the YAML, read from the lines alone, so that it works on text
 * being typed (the file may not parse for a moment): the key on the current line, or
 * the nearest less-indented key above, and so on up to the root; flow collections
 * (`[a, b]`, `{ value: 1 }`) on the current line are followed too.
 */

export interface YamlContext {
  /** Keys from the root to the cursor; `-` marks a list item: ['kpis', '-', 'goals', '-']. */
  path: string[];
  /** `value`: the cursor is in the value of the path's last key (or list item); `key`: a key is being typed in the map at `path`. */
  at: 'value' | 'key';
  /** The line of each entry of `path` (0-based), to read a list item's other keys. */
  lines: number[];
  /** Offset where the value's text starts on the cursor's line (the line's text after `key:` or the indentation). */
  valueStart: number;
  /** The cursor is inside a quoted string of a flow collection or after a comment mark. */
  inStringOrComment: boolean;
}

export interface LineShape {
  start: number;
  text: string;
  indent: number;
  /** Columns of the `- ` markers that open the line. */
  dashes: number[];
  /** Column of the first character after the markers. */
  contentCol: number;
  key?: { name: string; col: number; colonCol: number; valueCol: number; value: string };
  /** Blank or a comment only. */
  blank: boolean;
}

/** Keys whose value is formula text, which may run on over more lines. */
const TEXT_KEYS = new Set(['formula', 'filter', 'description', 'title']);

const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{}[\],&*!|>%@`][^#'"]*?)[ \t]*:(?=[ \t]|$)/;

export function splitLines(text: string): LineShape[] {
  const shapes: LineShape[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const raw = text.slice(start, end);
    shapes.push(shapeOf(start, raw.endsWith('\r') ? raw.slice(0, -1) : raw));
    if (nl < 0) break;
    start = nl + 1;
  }
  return shapes;
}

export function shapeOf(start: number, text: string): LineShape {
  const indent = /^ */.exec(text)![0].length;
  const dashes: number[] = [];
  let col = indent;
  while (text[col] === '-' && (text[col + 1] === ' ' || text[col + 1] === undefined || text[col + 1] === '\t')) {
    dashes.push(col);
    col += 1;
    while (text[col] === ' ' || text[col] === '\t') col++;
  }
  const rest = text.slice(col);
  const blank = dashes.length === 0 && (rest.trim() === '' || rest.trimStart().startsWith('#'));
  const m = KEY.exec(rest);
  let key: LineShape['key'];
  if (m) {
    const rawName = m[1]!;
    const name = /^["']/.test(rawName) ? rawName.slice(1, -1) : rawName;
    const colonCol = col + m[0].length - 1;
    let valueCol = colonCol + 1;
    while (text[valueCol] === ' ' || text[valueCol] === '\t') valueCol++;
    key = { name, col, colonCol, valueCol, value: text.slice(valueCol) };
  }
  return { start, text, indent, dashes, contentCol: col, key, blank };
}

/** The context of the cursor at `offset`. */
export function yamlContextAt(text: string, offset: number): YamlContext {
  const lines = splitLines(text);
  let index = lines.length - 1;
  while (index > 0 && lines[index]!.start > offset) index--;
  const line = lines[index]!;
  const col = Math.min(offset - line.start, line.text.length);
  const dashPath = line.dashes.filter((d) => d < col).map(() => '-');
  const dashLines = dashPath.map(() => index);
  const firstCol = line.dashes[0] ?? line.indent;
  const key = line.key;

  if (key && col > key.colonCol) {
    const above = ancestors(lines, index, firstCol, line.dashes.length > 0);
    const here = [...dashPath, key.name];
    const hereLines = [...dashLines, index];
    if (TEXT_KEYS.has(key.name)) {
      return context(
        [...above.path, ...here],
        'value',
        [...above.lines, ...hereLines],
        line.start + key.valueCol,
        false,
      );
    }
    const flow = scanFlow(line.text.slice(key.valueCol, col));
    return context(
      [...above.path, ...here, ...flow.path],
      flow.at,
      [...above.lines, ...hereLines, ...flow.path.map(() => index)],
      line.start + key.valueCol,
      flow.inStringOrComment,
    );
  }
  if (key) {
    // Typing a key: the map is the line's list item, or the parent of the key.
    const above = ancestors(lines, index, firstCol, line.dashes.length > 0);
    return context([...above.path, ...dashPath], 'key', [...above.lines, ...dashLines], line.start + col, false);
  }
  const content = line.text[line.contentCol];
  if (line.dashes.length > 0 || ((content === '[' || content === '{') && col > line.contentCol)) {
    const above = ancestors(lines, index, firstCol, line.dashes.length > 0);
    const flow =
      content === '[' || content === '{'
        ? scanFlow(line.text.slice(line.contentCol, col))
        : { path: [], at: 'value' as const, inStringOrComment: false };
    const path = [...above.path, ...dashPath, ...flow.path];
    return context(
      path,
      flow.at,
      [...above.lines, ...dashLines, ...flow.path.map(() => index)],
      line.start + line.contentCol,
      flow.inStringOrComment,
    );
  }
  // Text on its own: more of a multi-line value, or a key being typed.
  const at = line.blank && line.text.trim() === '' ? col : line.indent;
  const above = ancestors(lines, index, at, false);
  const nearest = above.path[above.path.length - 1];
  const nearestLine = lines[above.lines[above.lines.length - 1] ?? -1];
  const inValue =
    nearest !== undefined &&
    nearest !== '-' &&
    (TEXT_KEYS.has(nearest) || isScalarStart(nearestLine?.key?.value ?? ''));
  return context(above.path, inValue ? 'value' : 'key', above.lines, line.start + Math.min(line.indent, col), false);
}

function context(
  path: string[],
  at: 'value' | 'key',
  lines: number[],
  valueStart: number,
  inStringOrComment: boolean,
): YamlContext {
  return { path, at, lines, valueStart, inStringOrComment };
}

/** A value that starts a scalar running on to later lines: a block scalar, or plain text. */
function isScalarStart(value: string): boolean {
  const v = value.trim();
  return v !== '' && !v.startsWith('#') && !v.startsWith('&') && !v.startsWith('!');
}

/**
 * The keys and list items above a line element at column `col`, root first. `dashItem`:
 * the element is a list item, whose key may sit at the same column (`goals:\n- id: x`).
 */
export function ancestors(
  lines: readonly LineShape[],
  from: number,
  col: number,
  dashItem: boolean,
): { path: string[]; lines: number[] } {
  const path: string[] = [];
  const at: number[] = [];
  let c = col;
  let sameColumnKey = dashItem;
  for (let i = from - 1; i >= 0 && (c > 0 || sameColumnKey); i--) {
    const l = lines[i]!;
    if (l.blank) continue;
    const elements: { name: string; col: number }[] = [
      ...l.dashes.map((d) => ({ name: '-', col: d })),
      ...(l.key ? [{ name: l.key.name, col: l.key.col }] : []),
    ];
    for (let j = elements.length - 1; j >= 0; j--) {
      const e = elements[j]!;
      const isKey = j === elements.length - 1 && l.key !== undefined;
      if (e.col < c || (e.col === c && sameColumnKey && isKey)) {
        path.unshift(e.name);
        at.unshift(i);
        c = e.col;
        sameColumnKey = e.name === '-';
      }
    }
  }
  return { path, lines: at };
}

/** Follows flow collections in the text before the cursor: the keys and list items it is inside. */
export function scanFlow(s: string): { path: string[]; at: 'value' | 'key'; inStringOrComment: boolean } {
  const stack: { kind: '{' | '['; key?: string; from: number }[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '"' || c === "'") {
      const close = findClose(s, i);
      if (close < 0) return { path: pathOf(stack), at: 'value', inStringOrComment: true };
      i = close;
    } else if (c === '#' && (i === 0 || /\s/.test(s[i - 1]!))) {
      return { path: pathOf(stack), at: 'value', inStringOrComment: true };
    } else if (c === '{' || c === '[') {
      stack.push({ kind: c, from: i + 1 });
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',' && stack.length) {
      const top = stack[stack.length - 1]!;
      top.key = undefined;
      top.from = i + 1;
    } else if (c === ':' && (s[i + 1] === undefined || /\s/.test(s[i + 1]!)) && stack[stack.length - 1]?.kind === '{') {
      const top = stack[stack.length - 1]!;
      if (top.key === undefined)
        top.key = s
          .slice(top.from, i)
          .trim()
          .replace(/^["']|["']$/g, '');
    }
  }
  const top = stack[stack.length - 1];
  return {
    path: pathOf(stack),
    at: top?.kind === '{' && top.key === undefined ? 'key' : 'value',
    inStringOrComment: false,
  };
}

function pathOf(stack: readonly { kind: '{' | '['; key?: string }[]): string[] {
  return stack.flatMap((f) => (f.kind === '[' ? ['-'] : f.key !== undefined ? [f.key] : []));
}

function findClose(s: string, open: number): number {
  const q = s[open];
  for (let i = open + 1; i < s.length; i++) {
    if (q === '"' && s[i] === '\\') i++;
    else if (s[i] === q) {
      if (q === "'" && s[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}

/** The keys and values written directly in the list item whose `-` is on line `dashLine`, as plain text. */
export function itemValues(lines: readonly LineShape[], dashLine: number): Map<string, string> {
  const values = new Map<string, string>();
  const first = lines[dashLine];
  if (!first?.key) return values;
  const keyCol = first.key.col;
  const put = (k: NonNullable<LineShape['key']>): void => {
    if (!values.has(k.name))
      values.set(
        k.name,
        k.value
          .replace(/\s+#.*$/, '')
          .trim()
          .replace(/^["']|["']$/g, ''),
      );
  };
  put(first.key);
  for (let i = dashLine + 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.blank) continue;
    const lead = l.dashes[0] ?? l.indent;
    if (lead < keyCol) break;
    if (l.dashes.length === 0 && l.key && l.key.col === keyCol) put(l.key);
  }
  return values;
}
