/**
 * Plain words for schema findings: what a place in the file is called ("the target of
 * KPI "nps""), what a value is ("the number 5"), what a type is ("text").
 */

export type Segments = readonly string[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The data at a path of segments, or undefined. */
export function dataAt(root: unknown, segments: Segments): unknown {
  let current = root;
  for (const segment of segments) {
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (isRecord(current)) current = current[segment];
    else return undefined;
  }
  return current;
}

/** `KPI "nps"` or `KPI #3`, `goal "grow_revenue"` or `goal #1`. */
export function itemName(root: unknown, list: 'goals' | 'kpis', index: string): string {
  const kind = list === 'kpis' ? 'KPI' : 'goal';
  const item = dataAt(root, [list, index]);
  const id = isRecord(item) ? item['id'] : undefined;
  return typeof id === 'string' && id !== '' ? `${kind} "${id}"` : `${kind} #${Number(index) + 1}`;
}

/** The id of the KPI a path is inside, where it has one. */
export function kpiIdAt(root: unknown, segments: Segments): string | undefined {
  if (segments[0] !== 'kpis' || segments.length < 2) return undefined;
  const id = dataAt(root, ['kpis', segments[1]!, 'id']);
  return typeof id === 'string' ? id : undefined;
}

/** What the map at `segments` is called: `goal "x"`, `the target of KPI "nps"`, `the file`. */
export function placeName(root: unknown, segments: Segments): string {
  const [first, second, third, fourth] = segments;
  if (segments.length === 0) return 'the file';
  if ((first === 'goals' || first === 'kpis') && second !== undefined) {
    const item = itemName(root, first, second);
    if (segments.length === 2) return item;
    if (first === 'kpis' && third === 'target') {
      if (segments.length === 3) return `the target of ${item}`;
      if (segments.length === 4 && fourth !== undefined) return `the ${fourth} of ${item}`;
    }
  }
  if (first === 'sources' && second !== undefined) {
    if (segments.length === 2) return `source "${second}"`;
    if (segments.length === 3 && third === 'columns') return `the columns of source "${second}"`;
  }
  if (first === 'connections' && second !== undefined && segments.length === 2) return `connection "${second}"`;
  if (first === 'rules') {
    if (segments.length === 1) return 'rules';
    if (segments.length === 3 && third === '1') return `the options of rule "${second}"`;
  }
  return `"${segments[segments.length - 1]}"`;
}

/** What the value at `segments` is called: `unit`, `target value`, `entry 2 of goals`. */
export function valueName(root: unknown, segments: Segments): string {
  const n = segments.length;
  if (n === 0) return 'the file';
  const last = segments[n - 1]!;
  const parent = segments[n - 2];
  if (n === 2 && (parent === 'goals' || parent === 'kpis')) return itemName(root, parent, last);
  if (n === 2 && parent === 'sources') return `source "${last}"`;
  if (n === 2 && parent === 'connections') return `connection "${last}"`;
  if (n === 4 && segments[0] === 'sources' && parent === 'columns') return `the type of column "${last}"`;
  if (segments[0] === 'rules' && n >= 2) {
    if (n === 2) return `rule "${last}"`;
    if (n === 3 && last === '0') return `the severity of rule "${segments[1]}"`;
    if (n === 3 && last === '1') return `the options of rule "${segments[1]}"`;
  }
  if (/^\d+$/.test(last) && parent !== undefined) return `entry ${Number(last) + 1} of ${parent}`;
  if (
    (last === 'value' || last === 'source') &&
    (parent === 'target' || parent === 'baseline' || parent === 'benchmark')
  ) {
    return `${parent} ${last}`;
  }
  return last;
}

export function capitalize(text: string): string {
  return text.length === 0 ? text : text[0]!.toUpperCase() + text.slice(1);
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** A value as the author wrote it: `"percentage"`, `5`, `true`, `nothing`, `a list`, `a map`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(shorten(value));
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return 'a map';
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a map of keys and values',
  null: 'empty',
};

/** A JSON Schema type in words: `text`, `a list`, `text or a number`. */
export function typeWords(type: unknown): string {
  const types = Array.isArray(type) ? type : [type];
  return orList(types.map((t) => TYPE_WORDS[String(t)] ?? String(t)));
}

/** `a`, `a or b`, `a, b or c`. */
export function orList(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** `"id" and "title"`. */
export function andList(words: readonly string[]): string {
  const quoted = words.map((w) => `"${w}"`);
  if (quoted.length <= 1) return quoted[0] ?? '';
  return `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

/** The id-shaped version of a name (`NPS` → `nps`, `Retain customers` → `retain_customers`). */
export function idLike(text: string): string | undefined {
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .replace(/_+$/, '');
  return /^[a-z][a-z0-9_]*$/.test(slug) ? slug : undefined;
}

/** What a pattern of the schema asks for, in words that complete "X must be …". */
export const PATTERN_WORDS: Readonly<Record<string, string>> = {
  '^[a-z][a-z0-9_]*$': 'lower-case letters, digits and _ and start with a letter',
  '^[A-Z]{3}$': 'a three-letter ISO 4217 code in capitals, such as EUR or USD',
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}$': 'a date written YYYY-MM-DD',
};

/** Patterns whose message names the offending text first: `id "NPS" must be …`. */
export const NAME_PATTERNS: ReadonlySet<string> = new Set(['^[a-z][a-z0-9_]*$']);
