/** documentSymbols: the outline of a KPI file — goals, sources and KPIs, each KPI with its parts. */
import { isMap, isScalar, type Node } from 'yaml';
import type { Analysis } from '../checks/analysis';
import type { Located, LocatedList, FormulaText } from '../model/kpiFile';
import type { SourceRange } from '../model/range';

export type OutlineKind = 'section' | 'goal' | 'source' | 'kpi' | 'property';

export interface OutlineSymbol {
  name: string;
  detail: string;
  kind: OutlineKind;
  /** Everything the symbol covers. */
  range: SourceRange;
  /** The part to select and reveal: the id or name. */
  selectionRange: SourceRange;
  children: OutlineSymbol[];
}

export function documentSymbols(analysis: Analysis): OutlineSymbol[] {
  const { model } = analysis;
  // Block collections end where the next line starts: the outline ends them at their last character.
  const symbol = (
    name: string,
    detail: string,
    kind: OutlineKind,
    range: SourceRange,
    selectionRange: SourceRange,
    children: OutlineSymbol[],
  ): OutlineSymbol => {
    const all = span(range, selectionRange);
    let end = all.end;
    while (end > selectionRange.end && /\s/.test(analysis.text[end - 1]!)) end--;
    return { name, detail, kind, range: { start: all.start, end }, selectionRange, children };
  };
  const out: OutlineSymbol[] = [];
  const section = (key: string, name: string, children: OutlineSymbol[]): void => {
    const r = sectionRange(analysis, key);
    if (!r) return;
    const all = symbol(name, '', 'section', r.all, r.key, []).range;
    out.push({
      name,
      detail: `${children.length}`,
      kind: 'section',
      range: all,
      selectionRange: r.key,
      children: children.filter((c) => within(c.range, all)),
    });
  };
  section(
    'goals',
    'goals',
    model.goals.flatMap((g) =>
      g.id ? [symbol(g.id.value, g.title?.value ?? '', 'goal', g.range, g.id.range, [])] : [],
    ),
  );
  section(
    'sources',
    'sources',
    model.sources.map((s) =>
      symbol(s.name, s.path?.value ?? '', 'source', span(s.nameRange, s.range), s.nameRange, []),
    ),
  );
  section(
    'kpis',
    'kpis',
    model.kpis.flatMap((k) => {
      if (!k.id) return [];
      const parts: OutlineSymbol[] = [];
      const prop = (
        name: string,
        value:
          | Located<unknown>
          | LocatedList<unknown>
          | FormulaText
          | { range: SourceRange; keyRange: SourceRange }
          | undefined,
        detail: string,
      ): void => {
        if (!value || !('keyRange' in value) || !value.keyRange) return;
        parts.push(symbol(name, detail, 'property', span(value.keyRange, value.range), value.keyRange, []));
      };
      prop('formula', k.formula, k.formula?.text.trim() ?? '');
      prop('filter', k.filter, k.filter?.text.trim() ?? '');
      prop('target', k.target, '');
      prop('goals', k.goals, k.goals?.items.map((i) => i.value).join(', ') ?? '');
      prop('guardrails', k.guardrails, k.guardrails?.items.map((i) => i.value).join(', ') ?? '');
      return [
        symbol(
          k.id.value,
          k.name?.value ?? '',
          'kpi',
          k.range,
          k.id.range,
          parts.filter((p) => within(p.range, k.range)).sort((a, b) => a.range.start - b.range.start),
        ),
      ];
    }),
  );
  return out;
}

function span(a: SourceRange, b: SourceRange): SourceRange {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

function within(inner: SourceRange, outer: SourceRange): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

/** The range of a top-level key and of the key with its value. */
function sectionRange(analysis: Analysis, key: string): { key: SourceRange; all: SourceRange } | undefined {
  const root = analysis.loaded.doc.contents;
  if (!isMap(root)) return undefined;
  for (const pair of root.items) {
    if (!isScalar(pair.key) || pair.key.value !== key || !pair.key.range) continue;
    const keyRange = { start: pair.key.range[0], end: pair.key.range[1] };
    const value = (pair.value as Node | null)?.range;
    return {
      key: keyRange,
      all: { start: keyRange.start, end: Math.max(keyRange.end, value ? value[1] : keyRange.end) },
    };
  }
  return undefined;
}
