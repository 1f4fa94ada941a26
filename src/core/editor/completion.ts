/**
 * completionsAt: what can be typed where the cursor is. Goal ids in a KPI's `goals:` and a
 * goal's `parent:`, source names after `source:`, columns and functions in a sourced
 * formula or filter, KPI ids in a derived formula and in `guardrails:`, the values of
 * enumerated keys, and rule ids under `rules:`. Works on text being typed.
 */
import type { Analysis } from '../checks/analysis';
import { FUNCTIONS, identifierText, isPlainIdentifier } from '../formula';
import type { Kpi } from '../model/kpiFile';
import type { SourceRange } from '../model/range';
import { sourceColumns } from '../data/sources';
import { RULES } from '../checks/rules';
import { itemValues, splitLines, yamlContextAt, type YamlContext } from './yamlContext';

export type CompletionKind = 'goal' | 'kpi' | 'source' | 'column' | 'function' | 'value' | 'rule';

export interface Completion {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  insertText: string;
  /** insertText uses snippet placeholders (`$1`). */
  snippet?: boolean;
  filterText?: string;
  sortText?: string;
  /** The text the completion replaces (the word at the cursor). */
  range: SourceRange;
}

/** The values of the enumerated keys (SPEC 1), with what each means. */
const ENUMS: Record<string, [string, string][]> = {
  unit: [
    ['percent', '0 to 100, shown with %'],
    ['score', 'points on a scale (NPS, CSAT score)'],
    ['ratio', 'a fraction, such as 0.42'],
    ['count', 'a number of things'],
    ['currency', 'money; name it with currency:'],
    ['duration', 'time; say the unit with per:'],
    ['number', 'anything else (the default)'],
  ],
  indicator: [
    ['leading', 'moves early, predicts the result'],
    ['lagging', 'the result itself, seen late'],
  ],
  grain: [
    ['day', 'one value per day'],
    ['week', 'one value per ISO week'],
    ['month', 'one value per month'],
    ['quarter', 'one value per quarter'],
    ['year', 'one value per year'],
  ],
  per: [
    ['seconds', 'shown as s'],
    ['minutes', 'shown as min'],
    ['hours', 'shown as h'],
    ['days', 'shown as d'],
  ],
  direction: [
    ['increase', 'higher is better (the default)'],
    ['decrease', 'lower is better'],
  ],
  format: [
    ['csv', 'comma-separated values with a header row'],
    ['json', 'an array of objects'],
    ['jsonl', 'one object per line'],
  ],
  severity: [
    ['off', 'turn the rule off'],
    ['info', 'a hint'],
    ['warning', 'a warning'],
    ['error', 'an error: check exits 1'],
  ],
  type: [
    ['number', ''],
    ['string', ''],
    ['boolean', 'true / false'],
    ['date', 'YYYY-MM-DD or a date-time'],
  ],
};

export function completionsAt(analysis: Analysis, offset: number): Completion[] {
  // Right after `key:` or a comma (the trigger characters), a YAML value needs a space first.
  return candidates(analysis, offset).map((c) =>
    c.kind !== 'column' && c.kind !== 'function' && /[:,]/.test(analysis.text[c.range.start - 1] ?? '')
      ? { ...c, insertText: ` ${c.insertText}` }
      : c,
  );
}

function candidates(analysis: Analysis, offset: number): Completion[] {
  const text = analysis.text;
  const ctx = yamlContextAt(text, offset);
  if (ctx.inStringOrComment) return [];
  const p = ctx.path;
  const word = wordAt(text, offset, /[A-Za-z0-9_.-]/);
  if (ctx.at === 'key') {
    return p.length === 1 && p[0] === 'rules'
      ? RULES.filter(
          (r) =>
            !analysis.model.rules.some(
              (x) => x.rule === r.id && !(x.keyRange.start <= offset && offset <= x.keyRange.end),
            ),
        ).map((r) => ({
          label: r.id,
          kind: 'rule',
          detail: `default ${r.defaultSeverity}`,
          documentation: r.description,
          insertText: r.id,
          range: word,
        }))
      : [];
  }
  const values = (key: string): Completion[] =>
    (ENUMS[key] ?? []).map(([v, d]) => ({
      label: v,
      kind: 'value',
      ...(d ? { detail: d } : {}),
      insertText: v,
      range: word,
    }));
  if (p[0] === 'kpis' && p[1] === '-') {
    const rest = p.slice(2);
    const listOf = (key: string): boolean =>
      rest[0] === key && rest.slice(1).every((x) => x === '-') && rest.length <= 2;
    if (listOf('goals')) return goalIds(analysis, word, listed(kpiAt(analysis, offset)?.goals?.items, offset));
    if (listOf('guardrails'))
      return kpiIds(
        analysis,
        word,
        selfId(analysis, ctx, offset),
        listed(kpiAt(analysis, offset)?.guardrails?.items, offset),
      );
    if (rest.length === 1 && rest[0] === 'source') {
      return analysis.model.sources.map((s) => ({
        label: s.name,
        kind: 'source',
        ...(s.path ? { detail: s.path.value } : {}),
        insertText: s.name,
        range: word,
      }));
    }
    if (rest.length === 1 && (rest[0] === 'formula' || rest[0] === 'filter'))
      return formulaCompletions(analysis, ctx, offset, rest[0]);
    if (rest.length === 1 && ['unit', 'indicator', 'grain', 'per'].includes(rest[0]!)) return values(rest[0]!);
    if (rest.length === 2 && rest[0] === 'target' && rest[1] === 'direction') return values('direction');
    return [];
  }
  if (p.length === 3 && p[0] === 'goals' && p[1] === '-' && p[2] === 'parent') {
    const self = itemValues(splitLines(text), ctx.lines[1] ?? 0).get('id');
    return goalIds(analysis, word, new Set(self ? [self] : []));
  }
  if (p[0] === 'sources' && p.length === 3 && p[2] === 'format') return values('format');
  if (p[0] === 'sources' && p.length === 3 && p[2] === 'time') return columns(analysis, p[1]!, word, false, 'date');
  if (p[0] === 'sources' && p.length === 4 && p[2] === 'columns') return values('type');
  if (p[0] === 'rules' && (p.length === 2 || (p.length === 3 && p[2] === '-'))) return values('severity');
  return [];
}

function goalIds(analysis: Analysis, range: SourceRange, exclude: ReadonlySet<string>): Completion[] {
  const seen = new Set<string>();
  return analysis.model.goals.flatMap((g): Completion[] => {
    if (!g.id || seen.has(g.id.value) || exclude.has(g.id.value)) return [];
    seen.add(g.id.value);
    return [
      { label: g.id.value, kind: 'goal', ...(g.title ? { detail: g.title.value } : {}), insertText: g.id.value, range },
    ];
  });
}

function kpiIds(
  analysis: Analysis,
  range: SourceRange,
  self: string | undefined,
  exclude: ReadonlySet<string>,
): Completion[] {
  const seen = new Set<string>();
  return analysis.model.kpis.flatMap((k): Completion[] => {
    if (!k.id || k.id.value === self || seen.has(k.id.value) || exclude.has(k.id.value)) return [];
    seen.add(k.id.value);
    return [
      {
        label: k.id.value,
        kind: 'kpi',
        ...(k.name ? { detail: k.name.value } : {}),
        insertText: k.id.value,
        range,
        sortText: `0${k.id.value}`,
      },
    ];
  });
}

/** The KPI whose item holds the offset, from the parsed model. */
function kpiAt(analysis: Analysis, offset: number): Kpi | undefined {
  return analysis.model.kpis.find((k) => k.range.start <= offset && offset <= k.range.end);
}

/** The id of the KPI being edited: from the model, or from the lines when the file does not parse. */
function selfId(analysis: Analysis, ctx: YamlContext, offset: number): string | undefined {
  return kpiAt(analysis, offset)?.id?.value ?? itemValues(splitLines(analysis.text), ctx.lines[1] ?? 0).get('id');
}

/** Values already in a list, except the one at the cursor. */
function listed(items: readonly { value: string; range: SourceRange }[] | undefined, offset: number): Set<string> {
  return new Set((items ?? []).filter((i) => !(i.range.start <= offset && offset <= i.range.end)).map((i) => i.value));
}

function formulaCompletions(
  analysis: Analysis,
  ctx: YamlContext,
  offset: number,
  role: 'formula' | 'filter',
): Completion[] {
  const text = analysis.text;
  let from = ctx.valueStart;
  if (text[from] === '"' || text[from] === "'") from++;
  const before = text.slice(from, offset);
  const state = formulaState(before);
  if (state.inString) return [];
  let range = wordAt(text, offset, /[A-Za-z0-9_]/);
  if (state.backquoteAt !== undefined) {
    // An open back-quoted name: replace from its back quote up to and with its closing one.
    const rest = /^[^`\r\n]*`/.exec(text.slice(offset, lineEndOf(text, offset)));
    const end =
      rest && !/[(),<>=!+*/]/.test(rest[0]) ? offset + rest[0].length : wordAt(text, offset, /[A-Za-z0-9_]/).end;
    range = { start: from + state.backquoteAt, end };
  }
  const kpi = kpiAt(analysis, offset);
  const values = kpi ? undefined : itemValues(splitLines(text), ctx.lines[1] ?? 0);
  const source = kpi ? kpi.source?.value : values?.get('source');
  const quoted = state.backquoteAt !== undefined;
  const items: Completion[] = [];
  if (source) {
    items.push(...columns(analysis, source, range, quoted));
  } else if (!quoted) {
    items.push(...kpiIds(analysis, range, kpi?.id?.value ?? values?.get('id'), new Set()));
  }
  if (!quoted) {
    const aggregates = source !== undefined && role === 'formula';
    for (const f of FUNCTIONS) {
      if (f.aggregate && !aggregates) continue;
      items.push({
        label: f.name,
        kind: 'function',
        detail: f.signature,
        documentation: f.description,
        insertText: f.maxArgs === 0 ? `${f.name}()` : `${f.name}($1)`,
        snippet: true,
        range,
        sortText: `1${f.name}`,
      });
    }
  }
  return items;
}

function columns(
  analysis: Analysis,
  sourceName: string,
  range: SourceRange,
  quoted: boolean,
  only?: string,
): Completion[] {
  const known = sourceColumns(analysis.sources.get(sourceName));
  if (!known) return [];
  return [...known]
    .filter(([, type]) => only === undefined || type === only)
    .map(([name, type]) => ({
      label: name,
      kind: 'column' as const,
      detail: `${type} column of ${sourceName}`,
      insertText: quoted ? `\`${name}\`` : only !== undefined ? name : identifierText(name),
      ...(quoted
        ? { filterText: `\`${name}` }
        : !isPlainIdentifier(name) && only === undefined
          ? { filterText: name }
          : {}),
      range,
      sortText: `0${name}`,
    }));
}

/** Whether the formula text before the cursor ends inside a string literal or an open back-quoted name. */
function formulaState(before: string): { inString: boolean; backquoteAt?: number } {
  for (let i = 0; i < before.length; i++) {
    const c = before[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < before.length && before[j] !== c) j += before[j] === '\\' ? 2 : 1;
      if (j >= before.length) return { inString: true };
      i = j;
    } else if (c === '`') {
      const close = before.indexOf('`', i + 1);
      if (close < 0) return { inString: false, backquoteAt: i };
      i = close;
    }
  }
  return { inString: false };
}

/** The word around `offset` made of characters matching `part`. */
function wordAt(text: string, offset: number, part: RegExp): SourceRange {
  let start = offset;
  while (start > 0 && part.test(text[start - 1]!)) start--;
  let end = offset;
  while (end < text.length && part.test(text[end]!)) end++;
  return { start, end };
}

function lineEndOf(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl;
}
