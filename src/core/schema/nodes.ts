import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { SourceRange } from '../model/range';

/** One step along a JSON pointer through the YAML tree. */
export interface NodeStep {
  /** The key node of the pair holding the value (absent for the root and list items). */
  key?: Node;
  /** The value as written: an alias stays an alias, so ranges point where the author typed it. */
  value: Node | null;
}

/** Splits an ajv `instancePath` (a JSON pointer) into its segments. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Follows an alias to the node it names (aliases name nodes, never other aliases). */
export function resolveAlias(doc: Document.Parsed, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

/** The pair of a map whose key reads `key` as data does (ajv sees keys as strings). */
export function pairOf(map: YAMLMap, key: string): Pair | undefined {
  for (const item of map.items) {
    if (isScalar(item.key) && String(item.key.value) === key) return item as Pair;
  }
  // A list or map used as a key reaches the data as its flow text, `[ a, b ]`: compare
  // without spaces and quotes, which that text and the node's JSON text differ in.
  const bare = (text: string): string => text.replace(/[\s"']/g, '');
  for (const item of map.items) {
    if (
      item.key !== null &&
      typeof item.key === 'object' &&
      !isScalar(item.key) &&
      bare(String(item.key)) === bare(key)
    ) {
      return item as Pair;
    }
  }
  return undefined;
}

/**
 * Walks `segments` from the document root. Returns the steps found: `[root, …]`, with
 * one more entry per segment reached, so a full match has `segments.length + 1` steps.
 */
export function locate(doc: Document.Parsed, segments: readonly string[]): NodeStep[] {
  const steps: NodeStep[] = [{ value: (doc.contents as Node | null) ?? null }];
  for (const segment of segments) {
    const current = resolveAlias(doc, steps[steps.length - 1]!.value);
    if (isMap(current)) {
      const pair = pairOf(current, segment);
      if (!pair) break;
      steps.push({ key: pair.key as Node, value: (pair.value as Node | null) ?? null });
    } else if (isSeq(current) && /^\d+$/.test(segment)) {
      const item = current.items[Number(segment)];
      if (item === undefined) break;
      steps.push({ value: (item as Node | null) ?? null });
    } else {
      break;
    }
  }
  return steps;
}

/** The range of a node's value (without trailing comments), or undefined when it has no text. */
export function nodeRange(node: Node | null | undefined): SourceRange | undefined {
  const r = node?.range;
  if (!r || r[1] <= r[0]) return undefined;
  return { start: r[0], end: r[1] };
}

/** Start of the file: where a finding goes that has no better place. */
export function fileStart(text: string): SourceRange {
  return { start: 0, end: Math.min(1, text.length) };
}

/** A block map or list spans many lines; a finding about it as a whole takes its first line. */
export function firstLineOf(text: string, range: SourceRange): SourceRange {
  const newline = text.indexOf('\n', range.start);
  let end = newline < 0 || newline > range.end ? range.end : newline;
  if (end > range.start && text[end - 1] === '\r') end--;
  return { start: range.start, end: Math.max(end, Math.min(range.start + 1, range.end)) };
}

/** An empty list item (`-` and nothing after it): at its dash. */
function emptyItemRange(text: string, at: number | undefined): SourceRange {
  if (at === undefined) return fileStart(text);
  let p = Math.min(at, text.length) - 1;
  while (p >= 0 && (text[p] === ' ' || text[p] === '\t')) p--;
  if (p >= 0 && text[p] === '-') return { start: p, end: p + 1 };
  return { start: at, end: Math.min(at + 1, text.length) };
}

function isBlockCollection(node: unknown): boolean {
  return (isMap(node) || isSeq(node)) && !node.flow;
}

/**
 * Where a finding about the value of a step goes: the value itself for a scalar or a
 * one-line collection; the key for an empty value or a block collection under a key;
 * the first line of a block collection that is a list item; the file start for the root.
 */
export function stepValueRange(text: string, step: NodeStep, isRoot: boolean): SourceRange {
  if (isRoot) return fileStart(text);
  const value = nodeRange(step.value);
  const key = nodeRange(step.key);
  if (!value) return key ?? emptyItemRange(text, step.value?.range?.[0]);
  if (isBlockCollection(step.value)) return key ?? firstLineOf(text, value);
  return value;
}

/** Where a finding about a map as a whole goes when it has no `id`: its key, else its first key. */
export function mapAnchor(doc: Document.Parsed, text: string, step: NodeStep): SourceRange {
  const key = nodeRange(step.key);
  if (key) return key;
  const map = resolveAlias(doc, step.value);
  if (isMap(map)) {
    const first = map.items[0];
    const firstKey = first ? nodeRange(first.key as Node) : undefined;
    if (firstKey) return firstKey;
  }
  const value = nodeRange(step.value);
  return value ? firstLineOf(text, value) : fileStart(text);
}
