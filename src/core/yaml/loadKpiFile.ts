import {
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
} from 'yaml';
import type { RawFinding } from '../model/finding';
import type { SourceRange } from '../model/range';
import type {
  Baseline,
  Benchmark,
  ColumnOverride,
  Connection,
  FormulaText,
  Goal,
  Kpi,
  KpiFile,
  Located,
  LocatedList,
  RuleSetting,
  SeverityName,
  Source,
  Target,
} from '../model/kpiFile';
import { MAX_NESTING, tooDeepAt } from './nesting';
import { scalarOffsets } from './scalarOffsets';

/** A number as the formula language writes it, with an optional minus (SPEC 3). */
const FORMULA_NUMBER = /^-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

/** Aliases beyond this many expansions are treated as a resource-exhaustion attack. */
export const MAX_ALIAS_COUNT = 1000;

/** How every KPI file (and every part of one re-read on its own, see incremental.ts) is parsed. */
export const PARSE_OPTIONS = {
  version: '1.2',
  schema: 'core',
  prettyErrors: false,
  uniqueKeys: true,
  keepSourceTokens: false,
  // Collection keys are reported by the schema; yaml's own console warning would only be noise.
  logLevel: 'error',
} as const;

export interface LoadedFile {
  model: KpiFile;
  /** The parsed document, for rules that need the syntax tree (schema ranges). */
  doc: Document.Parsed;
  /** The document as plain data, or undefined when it could not be expanded safely. */
  data: unknown;
  /** yaml-syntax findings. */
  findings: RawFinding[];
  /** The schema's findings when they are already known (the incremental re-analysis finds them KPI by KPI). */
  schema?: RawFinding[];
}

/**
 * Parses a KPI file. Never throws: problems become yaml-syntax findings. `notUtf8` says the
 * bytes were not UTF-8 (the text holds U+FFFD where they could not be read).
 */
export function loadKpiFile(text: string, { notUtf8 = false }: { notUtf8?: boolean } = {}): LoadedFile {
  const binaryAt = binaryOffset(text);
  if (binaryAt !== undefined) {
    // One clear finding instead of a screenful of parser errors quoting the bytes.
    return refused(
      'This is not a text file: it holds binary data (a NUL byte or control characters). A KPI file is YAML text, saved as UTF-8.',
      { start: binaryAt, end: binaryAt + 1 },
    );
  }
  const deepAt = tooDeepAt(text);
  if (deepAt !== undefined) {
    // Refused before parsing: the parser would recurse to the edge of the stack (see nesting.ts).
    return refused(
      `The file nests more than ${MAX_NESTING} levels deep (lists and maps inside each other), so it is not read. A KPI file needs only a few levels: flatten it.`,
      { start: deepAt, end: Math.min(text.length, deepAt + 1) },
    );
  }
  const doc = parseDocument(text, PARSE_OPTIONS);
  const findings: RawFinding[] = [];
  if (notUtf8) {
    const at = Math.max(0, text.indexOf('\uFFFD'));
    findings.push({
      rule: 'yaml-syntax',
      message: 'This file is not saved as UTF-8: the characters shown as \uFFFD could not be read. Save it as UTF-8.',
      range: { start: Math.min(at, Math.max(0, text.length - 1)), end: Math.min(at + 1, text.length) },
    });
  }
  const duplicates = duplicateKeys(doc);
  for (const error of doc.errors) {
    const duplicate = error.code === 'DUPLICATE_KEY' ? duplicates.get(error.pos[0]) : undefined;
    findings.push(
      duplicate
        ? {
            rule: 'yaml-syntax',
            message: `YAML syntax error: the key "${duplicate.name}" appears twice in the same mapping. Keep one of them.`,
            range: duplicate.range,
          }
        : {
            rule: 'yaml-syntax',
            message: plainYamlMessage(error.code, error.message),
            range: clampRange(text, error.pos[0], error.pos[1]),
          },
    );
  }
  let data: unknown;
  if (doc.errors.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      findings.push({
        rule: 'yaml-syntax',
        message: `The file's aliases expand too far (${(error as Error).message.split('.')[0]}). Use fewer nested aliases.`,
        range: firstAliasRange(doc) ?? { start: 0, end: Math.min(text.length, 1) },
      });
    }
  }
  const model = buildModel(text, doc);
  return { model, doc, data, findings };
}

/** A file not parsed at all: an empty model and one yaml-syntax finding saying why. */
function refused(message: string, range: SourceRange): LoadedFile {
  const doc = parseDocument('', { version: '1.2' });
  return { model: buildModel('', doc), doc, data: undefined, findings: [{ rule: 'yaml-syntax', message, range }] };
}

/**
 * The repeated keys yaml reported, by start offset, with their whole range (yaml points at
 * the first character only). One walk of the document, however many duplicates.
 */
function duplicateKeys(doc: Document): Map<number, { name: string; range: SourceRange }> {
  const found = new Map<number, { name: string; range: SourceRange }>();
  const wanted = new Set(doc.errors.filter((e) => e.code === 'DUPLICATE_KEY').map((e) => e.pos[0]));
  const pending: unknown[] = wanted.size > 0 ? [doc.contents] : [];
  while (pending.length > 0 && found.size < wanted.size) {
    const node = pending.pop();
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key) && key.range && wanted.has(key.range[0])) {
          found.set(key.range[0], { name: String(key.value), range: { start: key.range[0], end: key.range[1] } });
        }
        pending.push(pair.value);
      }
    } else if (isSeq(node)) {
      pending.push(...node.items);
    }
  }
  return found;
}

/** yaml's wording where it speaks to a programmer rather than to the file's author. */
const PLAIN_YAML_MESSAGES: Partial<Record<string, string>> = {
  MULTIPLE_DOCS:
    'a KPI file holds one YAML document, but this "---" starts a second one. Remove it, or move the second document to a file of its own',
  TAB_AS_INDENT: 'a tab indents this line; YAML indents with spaces only',
};

/** How much of the start of a file is looked at to tell binary data from text. */
const BINARY_SAMPLE = 8192;

/**
 * Where a file shows itself to be binary rather than text, or undefined: a NUL anywhere in
 * the sample, or control characters and undecodable bytes (U+FFFD) making up over a tenth of it.
 */
export function binaryOffset(text: string): number | undefined {
  const sample = Math.min(text.length, BINARY_SAMPLE);
  let odd = 0;
  let first: number | undefined;
  for (let i = 0; i < sample; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return i;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) {
      odd++;
      first ??= i;
    }
  }
  return sample >= 16 && odd * 10 > sample ? first : undefined;
}

function plainYamlMessage(code: string, message: string): string {
  const first = PLAIN_YAML_MESSAGES[code] ?? message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return `YAML syntax error: ${first}`;
}

function clampRange(text: string, start: number, end: number): SourceRange {
  let s = Math.max(0, Math.min(start, text.length));
  // An error at the very end (an unclosed quote or bracket) points at the last visible character.
  if (s === text.length && s > 0) {
    s = text.length - 1;
    while (s > 0 && /\s/.test(text[s]!)) s--;
    return { start: s, end: s + 1 };
  }
  let e = Math.max(s, Math.min(end, text.length));
  if (e === s && s < text.length) e = s + 1;
  return { start: s, end: e };
}

function firstAliasRange(doc: Document.Parsed): SourceRange | undefined {
  let found: SourceRange | undefined;
  const visit = (node: unknown, depth: number): void => {
    if (found || depth > 64) return;
    if (isAlias(node)) {
      found = rangeOf(node as Node);
    } else if (isMap(node) || isSeq(node)) {
      for (const item of node.items) visit(item, depth + 1);
    } else if (isPair(node)) {
      visit(node.key, depth + 1);
      visit(node.value, depth + 1);
    }
  };
  visit(doc.contents, 0);
  return found;
}

export function rangeOf(node: Node | null | undefined): SourceRange {
  const r = node?.range;
  return r ? { start: r[0], end: r[1] } : { start: 0, end: 0 };
}

class ModelBuilder {
  constructor(
    private readonly text: string,
    private readonly doc: Document.Parsed,
  ) {}

  /** Follows an alias one step, so that anchored values are read where they are used. */
  resolve(node: unknown): unknown {
    if (isAlias(node)) return node.resolve(this.doc);
    return node;
  }

  pair(map: YAMLMap | undefined, key: string): Pair | undefined {
    if (!map) return undefined;
    for (const item of map.items) {
      if (isScalar(item.key) && item.key.value === key) return item as Pair;
    }
    return undefined;
  }

  mapOf(node: unknown): YAMLMap | undefined {
    const n = this.resolve(node);
    return isMap(n) ? n : undefined;
  }

  /** The range where a pair's value is written (the alias, not its anchor). */
  valueRange(pair: Pair): SourceRange {
    return rangeOf((pair.value as Node | null) ?? (pair.key as Node));
  }

  scalar<T>(map: YAMLMap | undefined, key: string, accept: (v: unknown) => v is T): Located<T> | undefined {
    const pair = this.pair(map, key);
    if (!pair) return undefined;
    const node = this.resolve(pair.value);
    if (!isScalar(node) || !accept(node.value)) return undefined;
    return { value: node.value, range: this.valueRange(pair), keyRange: rangeOf(pair.key as Node) };
  }

  str(map: YAMLMap | undefined, key: string): Located<string> | undefined {
    return this.scalar(map, key, isString);
  }

  num(map: YAMLMap | undefined, key: string): Located<number> | undefined {
    return this.scalar(map, key, isFiniteNumber);
  }

  oneOf<T extends string>(map: YAMLMap | undefined, key: string, values: readonly T[]): Located<T> | undefined {
    return this.scalar(map, key, (v): v is T => typeof v === 'string' && (values as readonly string[]).includes(v));
  }

  list(map: YAMLMap | undefined, key: string): LocatedList<string> | undefined {
    const pair = this.pair(map, key);
    if (!pair) return undefined;
    const node = this.resolve(pair.value);
    const items: Located<string>[] = [];
    if (isSeq(node)) {
      for (const item of node.items) {
        const n = this.resolve(item);
        if (isScalar(n) && typeof n.value === 'string') items.push({ value: n.value, range: rangeOf(item as Node) });
      }
    } else if (!(isScalar(node) && node.value === null)) {
      return undefined;
    }
    return { items, range: this.valueRange(pair), keyRange: rangeOf(pair.key as Node) };
  }

  /**
   * True when `key` holds something other than text, a finite number or null (a list, a map,
   * a boolean, `.inf`): the schema's error, and why no formula was read.
   */
  notText(map: YAMLMap | undefined, key: string): boolean {
    const pair = this.pair(map, key);
    if (!pair) return false;
    const node = this.resolve(pair.value);
    if (node === undefined || node === null) return false;
    if (isScalar(node) && typeof node.value === 'number') return !Number.isFinite(node.value);
    return !(isScalar(node) && (typeof node.value === 'string' || node.value === null));
  }

  /**
   * A formula or filter as text with each character's file offset. `numbers` (formula only,
   * SPEC 8.2): a scalar YAML reads as a number (`formula: 3`) is that constant.
   */
  formula(
    map: YAMLMap | undefined,
    key: string,
    { numbers = false }: { numbers?: boolean } = {},
  ): FormulaText | undefined {
    const pair = this.pair(map, key);
    if (!pair) return undefined;
    const node = this.resolve(pair.value);
    if (numbers && isScalar(node) && typeof node.value === 'number') {
      // `.inf` and `.nan` are no constant a KPI can have: the schema's error, no formula.
      return Number.isFinite(node.value) ? this.numberFormula(pair, node as Scalar<number>) : undefined;
    }
    if (!isScalar(node) || typeof node.value !== 'string') return undefined;
    const text = node.value;
    const offsets =
      node === pair.value
        ? scalarOffsets(this.text, node as Scalar, text)
        : Array.from({ length: text.length + 1 }, () => rangeOf(pair.value as Node).start);
    return { text, range: this.valueRange(pair), keyRange: rangeOf(pair.key as Node), offsets };
  }

  /**
   * `formula: 3` as the formula "3". Written as the formula language writes numbers (`3`,
   * `-0.5`, `1e3`), the text is what the author typed, character for character; other YAML
   * spellings (`+1`, `0x1F`, `0o17`) read as their value, placed at the scalar's start.
   */
  private numberFormula(pair: Pair, node: Scalar<number>): FormulaText {
    const range = this.valueRange(pair);
    const written = node === pair.value ? this.text.slice(range.start, range.end) : undefined;
    const asWritten = written !== undefined && FORMULA_NUMBER.test(written);
    const text = asWritten ? written : String(node.value);
    const offsets = asWritten
      ? Array.from({ length: text.length + 1 }, (_, i) => range.start + i)
      : Array.from({ length: text.length + 1 }, (_, i) => (i === text.length ? range.end : range.start));
    return { text, range, keyRange: rangeOf(pair.key as Node), offsets };
  }

  goals(root: YAMLMap | undefined): Goal[] {
    const node = this.resolve(this.pair(root, 'goals')?.value);
    if (!isSeq(node)) return [];
    return node.items.map((item, index): Goal => {
      const m = this.mapOf(item);
      return {
        index,
        range: rangeOf(item as Node),
        id: this.str(m, 'id'),
        title: this.str(m, 'title'),
        owner: this.str(m, 'owner'),
        parent: this.str(m, 'parent'),
        description: this.str(m, 'description'),
      };
    });
  }

  sources(root: YAMLMap | undefined): Source[] {
    const node = this.mapOf(this.pair(root, 'sources')?.value);
    if (!node) return [];
    const sources: Source[] = [];
    for (const pair of node.items) {
      if (!isScalar(pair.key) || typeof pair.key.value !== 'string') continue;
      const m = this.mapOf(pair.value);
      const columns: ColumnOverride[] = [];
      const cols = this.mapOf(this.pair(m, 'columns')?.value);
      for (const col of cols?.items ?? []) {
        const type = this.resolve(col.value);
        if (!isScalar(col.key) || typeof col.key.value !== 'string' || !isScalar(type)) continue;
        if (!['number', 'string', 'boolean', 'date'].includes(type.value as string)) continue;
        columns.push({
          name: col.key.value,
          nameRange: rangeOf(col.key as Node),
          type: { value: type.value as ColumnOverride['type']['value'], range: rangeOf(col.value as Node) },
        });
      }
      sources.push({
        name: pair.key.value,
        nameRange: rangeOf(pair.key as Node),
        range: rangeOf((pair.value as Node | null) ?? (pair.key as Node)),
        path: this.str(m, 'path'),
        format: this.oneOf(m, 'format', ['csv', 'json', 'jsonl', 'parquet'] as const),
        time: this.str(m, 'time'),
        delimiter: this.str(m, 'delimiter'),
        columns,
        connection: this.str(m, 'connection'),
        table: this.str(m, 'table'),
        query: this.str(m, 'query'),
      });
    }
    return sources;
  }

  connections(root: YAMLMap | undefined): Connection[] {
    const node = this.mapOf(this.pair(root, 'connections')?.value);
    const connections: Connection[] = [];
    for (const pair of node?.items ?? []) {
      if (!isScalar(pair.key) || typeof pair.key.value !== 'string') continue;
      const m = this.mapOf(pair.value);
      connections.push({
        name: pair.key.value,
        nameRange: rangeOf(pair.key as Node),
        range: rangeOf((pair.value as Node | null) ?? (pair.key as Node)),
        type: this.oneOf(m, 'type', ['duckdb', 'postgres'] as const),
        path: this.str(m, 'path'),
        host: this.str(m, 'host'),
        port: this.num(m, 'port'),
        database: this.str(m, 'database'),
        user: this.str(m, 'user'),
        sslmode: this.oneOf(m, 'sslmode', ['disable', 'prefer', 'require', 'verify-ca', 'verify-full'] as const),
        passwordEnv: this.str(m, 'password_env'),
      });
    }
    return connections;
  }

  target(m: YAMLMap | undefined): Target | undefined {
    const pair = this.pair(m, 'target');
    const t = this.mapOf(pair?.value);
    if (!pair || !t) return undefined;
    const basePair = this.pair(t, 'baseline');
    const base = this.mapOf(basePair?.value);
    const baseline: Baseline | undefined =
      basePair && base
        ? {
            range: this.valueRange(basePair),
            keyRange: rangeOf(basePair.key as Node),
            value: this.num(base, 'value'),
            asOf: this.str(base, 'as_of'),
          }
        : undefined;
    const benchPair = this.pair(t, 'benchmark');
    const bench = this.mapOf(benchPair?.value);
    const benchmark: Benchmark | undefined =
      benchPair && bench
        ? { range: this.valueRange(benchPair), value: this.num(bench, 'value'), source: this.str(bench, 'source') }
        : undefined;
    return {
      range: this.valueRange(pair),
      keyRange: rangeOf(pair.key as Node),
      value: this.num(t, 'value'),
      direction: this.oneOf(t, 'direction', ['increase', 'decrease'] as const),
      due: this.str(t, 'due'),
      baseline,
      warning: this.num(t, 'warning'),
      benchmark,
    };
  }

  kpis(root: YAMLMap | undefined): Kpi[] {
    const node = this.resolve(this.pair(root, 'kpis')?.value);
    if (!isSeq(node)) return [];
    return node.items.map((item, index) => this.kpi(item, index));
  }

  kpi(item: unknown, index: number): Kpi {
    const m = this.mapOf(item);
    return {
      index,
      range: rangeOf(item as Node),
      id: this.str(m, 'id'),
      name: this.str(m, 'name'),
      description: this.str(m, 'description'),
      unit: this.oneOf(m, 'unit', ['percent', 'score', 'ratio', 'count', 'currency', 'duration', 'number'] as const),
      per: this.str(m, 'per'),
      currency: this.str(m, 'currency'),
      indicator: this.oneOf(m, 'indicator', ['leading', 'lagging'] as const),
      owner: this.str(m, 'owner'),
      goals: this.list(m, 'goals'),
      guardrails: this.list(m, 'guardrails'),
      source: this.str(m, 'source'),
      filter: this.formula(m, 'filter'),
      formula: this.formula(m, 'formula', { numbers: true }),
      formulaNotText: this.notText(m, 'formula'),
      grain: this.oneOf(m, 'grain', ['day', 'week', 'month', 'quarter', 'year'] as const),
      breakdown: this.list(m, 'breakdown'),
      target: this.target(m),
      tags: this.list(m, 'tags'),
    };
  }

  rules(root: YAMLMap | undefined): RuleSetting[] {
    const node = this.mapOf(this.pair(root, 'rules')?.value);
    const settings: RuleSetting[] = [];
    const severities = ['off', 'info', 'warning', 'warn', 'error'];
    for (const pair of node?.items ?? []) {
      if (!isScalar(pair.key) || typeof pair.key.value !== 'string') continue;
      const value = this.resolve(pair.value);
      let severity: Located<SeverityName> | undefined;
      let options: Record<string, unknown> = {};
      if (isScalar(value) && severities.includes(value.value as string)) {
        severity = { value: value.value as SeverityName, range: rangeOf(pair.value as Node) };
      } else if (isSeq(value) && value.items.length === 2 && isMap(this.resolve(value.items[1]))) {
        // Only the [severity, options] shape counts; another list is the schema's error and changes nothing.
        const first = this.resolve(value.items[0]);
        if (isScalar(first) && severities.includes(first.value as string)) {
          severity = { value: first.value as SeverityName, range: rangeOf(value.items[0] as Node) };
          options = (this.resolve(value.items[1]) as YAMLMap).toJSON() as Record<string, unknown>;
        }
      }
      settings.push({ rule: pair.key.value, keyRange: rangeOf(pair.key as Node), severity, options });
    }
    return settings;
  }

  build(): KpiFile {
    const root = this.mapOf(this.doc.contents);
    const versionPair = this.pair(root, 'version');
    const goalsPair = this.pair(root, 'goals');
    return {
      text: this.text,
      version: versionPair
        ? { value: (this.resolve(versionPair.value) as Scalar | undefined)?.value, range: this.valueRange(versionPair) }
        : undefined,
      goals: this.goals(root),
      sources: this.sources(root),
      connections: this.connections(root),
      kpis: this.kpis(root),
      rules: this.rules(root),
      goalsKeyRange: goalsPair ? rangeOf(goalsPair.key as Node) : undefined,
      goalsRange: goalsPair ? this.valueRange(goalsPair) : undefined,
    };
  }
}

/**
 * One item of the `kpis:` list as the model reads it: `node` is that item in `doc`, whose
 * ranges are offsets into `text` (the whole file's text).
 */
export function kpiFromNode(text: string, doc: Document.Parsed, node: unknown, index: number): Kpi {
  return new ModelBuilder(text, doc).kpi(node, index);
}

function buildModel(text: string, doc: Document.Parsed): KpiFile {
  try {
    return new ModelBuilder(text, doc).build();
  } catch {
    // A tree too odd to read (cyclic aliases, say) still yields an empty model, never a crash.
    return { text, goals: [], sources: [], connections: [], kpis: [], rules: [] };
  }
}

function isString(v: unknown): v is string {
  return typeof v === 'string';
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}
