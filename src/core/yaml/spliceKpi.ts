import { type Document, isAlias, isCollection, isMap, isPair, isScalar, isSeq, type Node, parseDocument } from 'yaml';
import { MAX_NESTING, tooDeepAt } from './nesting';
import { binaryOffset, PARSE_OPTIONS, type LoadedFile } from './loadKpiFile';

/** One edit, as the difference between two texts: old [start, oldEnd) became new [start, newEnd). */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/**
 * The smallest change that turns `before` into `after` (common prefix and suffix left out).
 * Prefix and suffix are found by halving, comparing slices (a memory comparison in the engine)
 * rather than character by character.
 */
export function textChange(before: string, after: string): TextChange {
  const max = Math.min(before.length, after.length);
  const start = longest(max, (n) => before.slice(0, n) === after.slice(0, n));
  const tail = longest(max - start, (n) => before.slice(before.length - n) === after.slice(after.length - n));
  return { start, oldEnd: before.length - tail, newEnd: after.length - tail };
}

/** The largest n in [0, max] for which `holds(n)`, where holds is true up to some n and false after. */
function longest(max: number, holds: (n: number) => boolean): number {
  let lo = 0;
  let hi = max;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (holds(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** An item of the `kpis:` list re-read on its own after an edit inside it. */
export interface KpiSplice {
  /** Its index in the list. */
  index: number;
  /** Its new node, ranges already in the new text's offsets. */
  node: Node;
  /** Its new value as plain data. */
  data: unknown;
  /** Where the item's lines start (in both texts). */
  start: number;
  /** Where the old text of the item's lines ended; everything from there on moved by `delta`. */
  oldEnd: number;
  delta: number;
  /** Where the old item ended (its value end and node end): the list, the root and the document may end there too. */
  oldItemEnd: [number, number];
}

/** Facts about a parsed document that decide whether one item can be re-read on its own. */
const spliceable = new WeakMap<Document, boolean>();

/**
 * Re-reads the one `kpis:` item an edit stayed inside, or says it cannot (undefined): the
 * edit touches more than one item, the first or last, or the lines that begin them; the
 * file or the item has anchors, aliases, directives or a YAML error; the list is not a
 * block list. The previous file is not changed; applySplice does that.
 */
export function readKpiSplice(previous: LoadedFile, before: string, after: string): KpiSplice | undefined {
  if (previous.findings.length > 0 || previous.data === undefined) return undefined;
  const doc = previous.doc;
  if (!isSpliceable(doc, before)) return undefined;
  const seq = kpiSeq(doc);
  if (!seq || seq.flow || seq.items.length === 0) return undefined;
  const change = textChange(before, after);
  if (change.start < 8192 && binaryOffset(after) !== undefined) return undefined;
  // The item the change starts in: the last whose line starts at or before it.
  const index = lastItemStartingBefore(seq, before, change.start);
  if (index === undefined) return undefined;
  const last = index === seq.items.length - 1;
  const span = last
    ? tailSpan(before, doc, seq.items[index] as Node)
    : lineSpan(before, seq.items[index] as Node, seq.items[index + 1] as Node);
  if (!span || change.start < span.start || change.oldEnd > span.end) return undefined;
  const delta = change.newEnd - change.oldEnd;
  const text = after.slice(span.start, span.end + delta);
  if (!oneItemAt(text, span.column)) return undefined;
  if (tooDeepAt(text, MAX_NESTING - 1) !== undefined) return undefined;
  const part = parseDocument(text, PARSE_OPTIONS);
  if (part.errors.length > 0 || !isSeq(part.contents) || part.contents.flow) return undefined;
  if (part.contents.items.length !== 1) return undefined;
  const node = part.contents.items[0] as Node;
  if (!plain(node)) return undefined;
  const data = (part.toJS() as unknown[])[0];
  moveNode(node, (v) => v + span.start);
  const old = (seq.items[index] as Node).range!;
  return { index, node, data, start: span.start, oldEnd: span.end, delta, oldItemEnd: [old[1], old[2]] };
}

/**
 * Puts a re-read item into the parsed document in place of the old one and moves the ranges
 * of everything after it. Changes `doc`: the analysis it came from is superseded by then.
 */
export function applySplice(doc: Document.Parsed, splice: KpiSplice): void {
  const seq = kpiSeq(doc)!;
  const root = doc.contents as MaybeNode;
  seq.items[splice.index] = splice.node;
  const { oldEnd, delta } = splice;
  // The list, the root map and the document contain the item: where one ended with the old
  // item (it was the last), it ends with the new one; an end past the item's lines moves.
  const newEnd = splice.node.range!;
  const [valueEnd, nodeEnd] = splice.oldItemEnd;
  const moveEnd = (v: number): number =>
    v === valueEnd ? newEnd[1] : v === nodeEnd ? newEnd[2] : v >= oldEnd ? v + delta : v > splice.start ? newEnd[2] : v;
  for (const range of [doc.range, root.range, seq.range]) {
    if (range) {
      range[1] = moveEnd(range[1]);
      range[2] = moveEnd(range[2]);
    }
  }
  // Pairs have no range of their own; maps and lists hold items, scalars nothing.
  const walk = (node: MaybeNode): void => {
    if (!node || typeof node !== 'object') return;
    const range = node.range;
    if (range && node !== root && node !== (seq as MaybeNode)) {
      if (range[2] < oldEnd) return; // wholly before the edit
      moveRange(range, oldEnd, delta);
    }
    const items = node.items;
    if (!items) return;
    for (const item of items) {
      if (item === splice.node) continue;
      if ('key' in item) {
        walk((item as MaybeNode).key as MaybeNode);
        walk((item as MaybeNode).value as MaybeNode);
      } else {
        walk(item as MaybeNode);
      }
    }
  };
  walk(root);
}

/** A node of the syntax tree as the walk of applySplice reads it. */
interface MaybeNode {
  range?: [number, number, number] | null;
  items?: MaybeNode[];
  key?: unknown;
  value?: unknown;
}

function moveRange(range: [number, number, number], from: number, delta: number): void {
  if (range[0] >= from) range[0] += delta;
  if (range[1] >= from) range[1] += delta;
  if (range[2] >= from) range[2] += delta;
}

function kpiSeq(doc: Document): ReturnType<typeof asSeq> {
  const root = doc.contents;
  if (!isMap(root)) return undefined;
  const pair = root.items.find((p) => isScalar(p.key) && p.key.value === 'kpis');
  return asSeq(pair?.value);
}

function asSeq(node: unknown) {
  return isSeq(node) ? node : undefined;
}

/** No anchors, aliases or directives anywhere (one walk per document, remembered). */
function isSpliceable(doc: Document, text: string): boolean {
  let known = spliceable.get(doc);
  if (known === undefined) {
    known = !/^%/m.test(text) && plain(doc.contents);
    spliceable.set(doc, known);
  }
  return known;
}

/** True when no node under `node` has an anchor or is an alias. */
function plain(node: unknown): boolean {
  const pending: unknown[] = [node];
  while (pending.length > 0) {
    const n = pending.pop();
    if (isAlias(n)) return false;
    if (isPair(n)) {
      pending.push(n.key, n.value);
    } else if (isScalar(n) || isCollection(n)) {
      if (n.anchor) return false;
      if (isCollection(n)) pending.push(...n.items);
    }
  }
  return true;
}

/** Moves a node's range (and, when `deep`, those of everything under it). */
function moveNode(node: Node, move: (v: number) => number, deep = true): void {
  const pending: unknown[] = [node];
  while (pending.length > 0) {
    const n = pending.pop();
    if (isPair(n)) {
      pending.push(n.key, n.value);
    } else if (isScalar(n) || isCollection(n)) {
      const r = n.range;
      if (r) {
        r[0] = move(r[0]);
        r[1] = move(r[1]);
        r[2] = move(r[2]);
      }
      if (deep && isCollection(n)) pending.push(...n.items);
    }
  }
}

function lastItemStartingBefore(seq: { items: unknown[] }, text: string, offset: number): number | undefined {
  let lo = 0;
  let hi = seq.items.length - 1;
  let found: number | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const range = (seq.items[mid] as Node | null)?.range;
    if (!range) return undefined;
    if (lineStart(text, range[0]) <= offset) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/**
 * The lines of an item: from the start of the line of its dash to the start of the line of
 * the next item's dash, with the dash's column. Undefined when a dash does not begin its line.
 */
function lineSpan(text: string, item: Node, next: Node): { start: number; end: number; column: number } | undefined {
  const first = dashLine(text, item);
  const second = dashLine(text, next);
  if (!first || !second || first.column !== second.column) return undefined;
  return { start: first.start, end: second.start, column: first.column };
}

/**
 * The lines of the last item: from the line of its dash to the line of the next top-level
 * key (or the end of the text). The list's, the root's and the document's node ends there
 * count trailing comments in ways only a full parse settles; nothing reads those ends (the
 * value ends, which ranges use, are the item's).
 */
function tailSpan(text: string, doc: Document, item: Node): { start: number; end: number; column: number } | undefined {
  const first = dashLine(text, item);
  const root = doc.contents;
  if (!first || !isMap(root)) return undefined;
  const at = root.items.findIndex((p) => isScalar(p.key) && p.key.value === 'kpis');
  const next = root.items[at + 1]?.key as Node | undefined;
  if (next && !next.range) return undefined;
  return { start: first.start, end: next ? lineStart(text, next.range![0]) : text.length, column: first.column };
}

function dashLine(text: string, node: Node): { start: number; column: number } | undefined {
  if (!node?.range) return undefined;
  const start = lineStart(text, node.range[0]);
  const m = /^( *)- +$/.exec(text.slice(start, node.range[0]));
  return m ? { start, column: m[1]!.length } : undefined;
}

/**
 * True when `text` is one list item at `column`: its first line is the dash there, and every
 * other line is blank, a comment, or indented further (so nothing in it starts another item
 * or leaves the list).
 */
function oneItemAt(text: string, column: number): boolean {
  const lines = text.split('\n');
  if (!new RegExp(`^ {${column}}-( |\\r?$)`).test(lines[0]!)) return false;
  if (!text.endsWith('\n')) return false;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    let indent = 0;
    while (line.charCodeAt(indent) === 32) indent++;
    const c = line[indent];
    if (c === undefined || c === '\r' || c === '#') continue;
    if (indent <= column) return false;
  }
  return true;
}
