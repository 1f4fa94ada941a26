/**
 * The names a KPI file defines and uses: goal ids, KPI ids and source names (each with
 * its definitions and references), and the columns and functions inside formulas. One
 * list of occurrences serves hover, go to definition, find references and rename.
 */
import type { Analysis } from '../checks/analysis';
import { formulaRange } from '../checks/formulaChecks';
import type { FormulaText, Kpi } from '../model/kpiFile';
import type { SourceRange } from '../model/range';

export type NameKind = 'goal' | 'kpi' | 'source';
export type SymbolKind = NameKind | 'column' | 'function';

export interface Occurrence {
  kind: SymbolKind;
  name: string;
  /** The name's own characters (without YAML quotes). */
  range: SourceRange;
  role: 'definition' | 'reference';
  /** Columns and functions: the KPI whose formula or filter holds them. */
  kpi?: Kpi;
  /** Columns: the source they belong to. */
  source?: string;
}

/** The range of a scalar's characters without the quotes around it. */
export function unquoted(text: string, range: SourceRange): SourceRange {
  const first = text[range.start];
  if (range.end - range.start >= 2 && (first === '"' || first === "'") && text[range.end - 1] === first) {
    return { start: range.start + 1, end: range.end - 1 };
  }
  return range;
}

/** Every occurrence of a name in the file, in file order. */
export function occurrences(analysis: Analysis): Occurrence[] {
  const { model, text } = analysis;
  const out: Occurrence[] = [];
  // Only where the text really spells the name (an alias `*x` is not renamed or linked).
  const add = (kind: NameKind, name: string, range: SourceRange, role: Occurrence['role']): void => {
    const r = unquoted(text, range);
    if (text.slice(r.start, r.end) === name) out.push({ kind, name, range: r, role });
  };
  for (const goal of model.goals) {
    if (goal.id) add('goal', goal.id.value, goal.id.range, 'definition');
    if (goal.parent) add('goal', goal.parent.value, goal.parent.range, 'reference');
  }
  for (const source of model.sources) {
    add('source', source.name, source.nameRange, 'definition');
    if (source.time) {
      const r = unquoted(text, source.time.range);
      out.push({ kind: 'column', name: source.time.value, range: r, role: 'reference', source: source.name });
    }
    for (const c of source.columns) {
      out.push({
        kind: 'column',
        name: c.name,
        range: unquoted(text, c.nameRange),
        role: 'reference',
        source: source.name,
      });
    }
  }
  for (const kpi of model.kpis) {
    if (kpi.id) add('kpi', kpi.id.value, kpi.id.range, 'definition');
    for (const g of kpi.goals?.items ?? []) add('goal', g.value, g.range, 'reference');
    for (const g of kpi.guardrails?.items ?? []) add('kpi', g.value, g.range, 'reference');
    if (kpi.source) add('source', kpi.source.value, kpi.source.range, 'reference');
    const checked = analysis.formulas.get(kpi.index);
    const inFormula = (
      formula: FormulaText | undefined,
      refs: { name: string; start: number; end: number }[] | undefined,
      kind: SymbolKind,
    ): void => {
      if (!formula) return;
      for (const ref of refs ?? []) {
        const range = formulaRange(formula, ref.start, ref.end);
        if (kind === 'kpi') add('kpi', ref.name, range, 'reference');
        else
          out.push({
            kind,
            name: ref.name,
            range,
            role: 'reference',
            kpi,
            ...(kpi.source ? { source: kpi.source.value } : {}),
          });
      }
    };
    if (kpi.source) {
      inFormula(kpi.formula, checked?.formula?.columnRefs, 'column');
      inFormula(kpi.filter, checked?.filter?.columnRefs, 'column');
      inFormula(kpi.filter, checked?.filter?.functionRefs, 'function');
    } else {
      inFormula(kpi.formula, checked?.formula?.kpiRefs, 'kpi');
    }
    inFormula(kpi.formula, checked?.formula?.functionRefs, 'function');
  }
  return out.sort((a, b) => a.range.start - b.range.start);
}

/** The name at `offset` (a cursor just after a name is on it), or undefined. */
export function symbolAt(analysis: Analysis, offset: number): Occurrence | undefined {
  const all = occurrences(analysis).filter((o) => o.range.end > o.range.start);
  return all.find((o) => o.range.start <= offset && offset < o.range.end) ?? all.find((o) => o.range.end === offset);
}

/** Every occurrence of one name of one kind. */
export function occurrencesOf(analysis: Analysis, kind: NameKind, name: string): Occurrence[] {
  return occurrences(analysis).filter((o) => o.kind === kind && o.name === name);
}
