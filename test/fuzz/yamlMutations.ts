/**
 * Grammar-aware mutations of KPI files: the text is parsed with the yaml package and its
 * tree changed (keys deleted, duplicated, swapped or misspelt, scalars given other types,
 * formulas replaced by generated ones, aliases, deep nesting, odd text), then printed;
 * byte-level mutations of the text (characters, tabs, lines, truncation) come on top.
 */
import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  Scalar,
  YAMLMap,
  YAMLSeq,
  type Document,
  type Node,
} from 'yaml';
import { between, chance, oddText, pick, weighted, type Next } from './choose';
import { FormulaGenerator, type ColumnSpec } from './formulaGen';

/** Columns of the sample data and fixtures, and some that exist nowhere, for generated formulas. */
const COLUMNS: ColumnSpec[] = [
  { name: 'handle_seconds', type: 'number' },
  { name: 'csat', type: 'number' },
  { name: 'contacts_to_resolve', type: 'number' },
  { name: 'channel', type: 'string' },
  { name: 'team', type: 'string' },
  { name: 'created_at', type: 'date' },
  { name: 'resolved_at', type: 'date' },
  { name: 'Likelihood to recommend', type: 'number' },
  { name: 'monthly_revenue', type: 'number' },
  { name: 'churned_at', type: 'date' },
  { name: 'converted', type: 'boolean' },
  { name: 'no_such_column', type: 'number' },
];

const KEYS = [
  'id',
  'name',
  'formula',
  'filter',
  'source',
  'goals',
  'grain',
  'target',
  'value',
  'due',
  'baseline',
  'as_of',
  'warning',
  'direction',
  'unit',
  'per',
  'time',
  'path',
  'format',
  'columns',
  'rules',
  'parent',
  'guardrails',
  'version',
  'kpis',
  'sources',
  'meta',
  'tags',
  'benchmark',
  'indicator',
  'delimiter',
  'currency',
];

type Container = YAMLMap | YAMLSeq;

function containers(doc: Document): Container[] {
  const out: Container[] = [];
  const visit = (node: unknown): void => {
    if (isMap(node)) {
      out.push(node);
      for (const pair of node.items) visit(pair.value);
    } else if (isSeq(node)) {
      out.push(node);
      for (const item of node.items) visit(item);
    }
  };
  visit(doc.contents);
  return out;
}

function scalars(doc: Document): Scalar[] {
  const out: Scalar[] = [];
  const visit = (node: unknown): void => {
    if (isScalar(node)) out.push(node);
    else if (isMap(node))
      for (const pair of node.items) {
        if (isScalar(pair.key)) out.push(pair.key);
        visit(pair.value);
      }
    else if (isSeq(node)) for (const item of node.items) visit(item);
  };
  visit(doc.contents);
  return out;
}

/** A value of another type: what a careless edit or a wrong key puts there. */
function otherValue(next: Next, doc: Document): Node {
  return weighted(next, [
    [2, () => doc.createNode(between(next, -5, 120))],
    [
      1,
      () =>
        doc.createNode(pick(next, [true, false, null, 0.5, Infinity, -0, '2025-02-30', '2026-06-30', 'off', 'yes'])),
    ],
    [2, () => doc.createNode(oddText(next))],
    [1, () => doc.createNode([oddText(next), between(next, 0, 9)])],
    [1, () => doc.createNode({ [pick(next, KEYS)]: oddText(next) })],
    [1, () => deepNesting(next, doc)],
  ] as const)();
}

function deepNesting(next: Next, doc: Document): Node {
  let node: Node = doc.createNode('x');
  const depth = between(next, 10, 120);
  for (let k = 0; k < depth; k++) {
    const wrap: Container = chance(next, 0.5) ? new YAMLSeq() : new YAMLMap();
    if (wrap instanceof YAMLSeq) wrap.items.push(node);
    else wrap.set(pick(next, KEYS), node);
    node = wrap;
  }
  return node;
}

function mutateTree(next: Next, doc: Document, gen: FormulaGenerator): void {
  const all = containers(doc);
  if (all.length === 0) return;
  const target = pick(next, all);
  const items = target.items as unknown[];
  const kind = weighted(next, [
    [3, 'delete'],
    [2, 'duplicate'],
    [1, 'swap'],
    [3, 'retype'],
    [4, 'formula'],
    [1, 'alias'],
    [1, 'rename'],
    [2, 'scalarText'],
    [1, 'addKey'],
  ] as const);
  const k = items.length > 0 ? between(next, 0, items.length - 1) : -1;
  switch (kind) {
    case 'delete':
      if (k >= 0) items.splice(k, 1);
      return;
    case 'duplicate':
      if (k >= 0) items.splice(k, 0, doc.createNode(structuredCloneNode(items[k])));
      return;
    case 'swap': {
      if (items.length < 2) return;
      const j = between(next, 0, items.length - 1);
      [items[k], items[j]] = [items[j], items[k]];
      return;
    }
    case 'retype':
      if (k < 0) return;
      if (isPair(items[k])) (items[k] as { value: unknown }).value = otherValue(next, doc);
      else items[k] = otherValue(next, doc);
      return;
    case 'formula': {
      const formulas = scalars(doc).filter((s) => typeof s.value === 'string' && /[()]/.test(s.value));
      const s = formulas.length > 0 ? pick(next, formulas) : pick(next, scalars(doc));
      if (!s) return;
      s.value = chance(next, 0.7) ? gen.formula() : gen.filter();
      s.type = pick(next, [
        Scalar.PLAIN,
        Scalar.QUOTE_DOUBLE,
        Scalar.QUOTE_SINGLE,
        Scalar.BLOCK_FOLDED,
        Scalar.BLOCK_LITERAL,
      ]);
      return;
    }
    case 'alias': {
      const nodes = scalars(doc);
      if (nodes.length < 2) return;
      const source = pick(next, nodes);
      source.anchor = `a${between(next, 0, 3)}`;
      const host = pick(next, all);
      if (host.items.length === 0) return;
      const at = between(next, 0, host.items.length - 1);
      const alias = doc.createAlias(source);
      if (isPair(host.items[at])) (host.items[at] as { value: unknown }).value = alias;
      else (host.items as unknown[])[at] = alias;
      return;
    }
    case 'rename': {
      const keys = scalars(doc).filter((s) => typeof s.value === 'string');
      const s = keys.length > 0 ? pick(next, keys) : undefined;
      if (!s) return;
      const v = String(s.value);
      s.value = chance(next, 0.5)
        ? pick(next, KEYS)
        : v.slice(0, -1) + pick(next, ['', 'x', v.slice(-1).repeat(2), '\t', 'é']);
      return;
    }
    case 'scalarText': {
      const s = pick(next, scalars(doc));
      if (s) s.value = chance(next, 0.5) ? oddText(next, 6) : `${String(s.value)}${oddText(next)}`;
      return;
    }
    case 'addKey':
      if (target instanceof YAMLMap) target.set(pick(next, KEYS), otherValue(next, doc));
      else target.items.push(otherValue(next, doc));
      return;
  }
}

/** A copy of a tree node as plain data (yaml nodes hold ranges and must not be shared). */
function structuredCloneNode(node: unknown): unknown {
  if (isPair(node)) return { [String(isScalar(node.key) ? node.key.value : 'k')]: structuredCloneNode(node.value) };
  if (isMap(node) || isSeq(node) || isScalar(node)) return node.toJSON();
  return node;
}

const BYTE_INSERTS = [
  '\t',
  ' ',
  '\n',
  '\r\n',
  '#',
  ': ',
  '- ',
  '"',
  "'",
  '`',
  '{',
  '}',
  '[',
  ']',
  '&x ',
  '*x',
  '!!',
  '%YAML 1.1\n',
  '---\n',
  '...\n',
  '\u0000',
  '\ufeff',
  '😀',
  '\ud800',
  '|',
  '>',
  '?',
  ',',
  '\\',
];

/** Character-level changes that ignore the grammar: what a half-typed edit looks like. */
export function mutateBytes(next: Next, text: string): string {
  let s = text;
  const count = between(next, 1, 4);
  for (let c = 0; c < count; c++) {
    const at = s.length === 0 ? 0 : between(next, 0, s.length);
    const kind = weighted(next, [
      [4, 'insert'],
      [3, 'delete'],
      [1, 'truncate'],
      [1, 'duplicateLine'],
      [1, 'indent'],
      [1, 'crlf'],
    ] as const);
    if (kind === 'insert') s = s.slice(0, at) + pick(next, BYTE_INSERTS) + s.slice(at);
    else if (kind === 'delete') s = s.slice(0, at) + s.slice(at + between(next, 1, 12));
    else if (kind === 'truncate') s = s.slice(0, at);
    else if (kind === 'crlf') s = s.replaceAll('\n', '\r\n');
    else {
      const lines = s.split('\n');
      const l = between(next, 0, lines.length - 1);
      if (kind === 'duplicateLine') lines.splice(l, 0, lines[l]!);
      else lines[l] = pick(next, ['\t', '  ', ' ', '']) + lines[l]!;
      s = lines.join('\n');
    }
  }
  return s;
}

/** One mutated KPI file from a seed file. */
export function mutateKpiFile(next: Next, text: string): string {
  let out = text;
  if (chance(next, 0.8)) {
    const doc = parseDocument(text, { version: '1.2' });
    const gen = new FormulaGenerator(next, COLUMNS, 3);
    const n = between(next, 1, 5);
    for (let k = 0; k < n; k++) mutateTree(next, doc, gen);
    try {
      out = doc.toString({ lineWidth: chance(next, 0.5) ? 0 : 40 });
    } catch {
      // A mutation the printer cannot write (e.g. an alias before its anchor): keep the text.
      out = text;
    }
  }
  return chance(next, 0.4) ? mutateBytes(next, out) : out;
}
