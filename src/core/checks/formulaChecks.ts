import type { Fix, RawFinding } from '../model/finding';
import { analyzeFormula } from '../formula';
import type { CheckContext, CheckedFormula, FormulaDiagnostic } from '../formula/api';
import type { FormulaText, Grain, Kpi, KpiFile } from '../model/kpiFile';
import type { SourceRange } from '../model/range';
import { columnTypes } from '../data/table';
import type { SourceState } from '../data/sources';
import { kpiKey, kpiLabel, kpisById } from '../model/lookup';
import { closestMatches, didYouMean } from '../common/suggest';
import { components, derivedEdges, isLoop, type KpiEdge } from './kpiGraph';

/** A KPI's checked formula and filter. */
export interface KpiFormulas {
  formula?: CheckedFormula;
  filter?: CheckedFormula;
}

export interface FormulaCheck {
  formulas: Map<number, KpiFormulas>;
  /** The grain each KPI's values come in: its own when sourced, its inputs' when derived. */
  grains: Map<Kpi, Grain | undefined>;
  findings: RawFinding[];
}

/** Where characters [start, end) of a formula's text are in the file. */
export function formulaRange(text: FormulaText, start: number, end: number): SourceRange {
  const last = text.offsets.length - 1;
  const s = text.offsets[Math.max(0, Math.min(start, last))]!;
  if (end <= start) return { start: s, end: s };
  const e = text.offsets[Math.max(0, Math.min(end - 1, last))]! + 1;
  return { start: s, end: Math.max(e, s) };
}

/** Parses and checks every KPI's formula and filter against its source or the other KPIs. */
export function checkFormulas(model: KpiFile, sources: ReadonlyMap<string, SourceState>): FormulaCheck {
  const formulas = new Map<number, KpiFormulas>();
  const findings: RawFinding[] = [];
  const byId = kpisById(model);
  const kpiIds = new Set(byId.keys());
  for (const kpi of model.kpis) {
    const entry: KpiFormulas = {};
    const place = (text: FormulaText, checked: CheckedFormula): void => {
      for (const d of checked.diagnostics) findings.push(toFinding(kpi, text, d));
    };
    if (kpi.source) {
      const state = sources.get(kpi.source.value);
      const columns = state?.status === 'ok' ? columnTypes(state.table) : undefined;
      const ctx = (role: 'formula' | 'filter'): CheckContext => ({ mode: 'sourced', role, columns });
      if (kpi.formula) place(kpi.formula, (entry.formula = analyzeFormula(kpi.formula.text, ctx('formula'))));
      if (kpi.filter) place(kpi.filter, (entry.filter = analyzeFormula(kpi.filter.text, ctx('filter'))));
    } else if (kpi.formula) {
      place(kpi.formula, (entry.formula = analyzeFormula(kpi.formula.text, { mode: 'derived', kpis: kpiIds })));
    }
    formulas.set(kpi.index, entry);
  }
  // The dependency graph and its components are built once and shared by the loop and grain checks.
  const edges = derivedEdges(model, formulas, byId);
  const sccs = components(edges);
  const grains = effectiveGrains(model, edges, sccs);
  findings.push(...timeColumns(model, sources), ...grainWithoutTime(model), ...kpiCycles(edges, sccs), ...grainMismatches(edges, grains));
  return { formulas, grains, findings };
}

function toFinding(kpi: Kpi, text: FormulaText, d: FormulaDiagnostic): RawFinding {
  const range = formulaRange(text, d.start, d.end);
  const shown = range.end > range.start ? range : text.range.end > text.range.start ? text.range : text.keyRange;
  const fixes: Fix[] = d.suggestion !== undefined
    ? [{ title: `Change to "${d.suggestion}"`, edits: [{ range, newText: d.suggestion }], preferred: true }]
    : [];
  return { rule: d.rule, message: d.message, range: shown, ...kpiKey(kpi), ...(fixes.length ? { fixes } : {}) };
}

/** A source's `time:` must name a date column of its data. */
function timeColumns(model: KpiFile, sources: ReadonlyMap<string, SourceState>): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const source of model.sources) {
    const state = sources.get(source.name);
    const time = source.time;
    if (!time || state?.status !== 'ok') continue;
    const column = state.table.columns.get(time.value);
    if (!column) {
      const matches = closestMatches(time.value, state.table.columns.keys());
      findings.push({
        rule: 'unknown-column',
        message: `The time column "${time.value}" of source "${source.name}" is not in its data.${didYouMean(matches) || ` Columns: ${[...state.table.columns.keys()].join(', ')}.`}`,
        range: time.range,
        fixes: matches.map((m, i) => ({ title: `Change to "${m}"`, edits: [{ range: time.range, newText: m }], preferred: i === 0 })),
      });
    } else if (column.type !== 'date') {
      findings.push({
        rule: 'type-mismatch',
        message: `The time column "${time.value}" of source "${source.name}" holds ${column.type} values, not dates, so rows cannot be put into periods. Name a date column, or declare it under columns: as date.`,
        range: time.range,
      });
    }
  }
  return findings;
}

function grainWithoutTime(model: KpiFile): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const kpi of model.kpis) {
    if (!kpi.grain || !kpi.source) continue;
    const source = model.sources.find((s) => s.name === kpi.source!.value);
    if (!source || source.time) continue;
    findings.push({
      rule: 'grain-without-time',
      message: `${kpiLabel(kpi)} has grain: ${kpi.grain.value}, but its source "${source.name}" has no time column to put rows into periods. Add time: <date column> to the source, or remove the grain.`,
      range: kpi.grain.range,
      ...kpiKey(kpi),
    });
  }
  return findings;
}

function kpiCycles(edges: ReadonlyMap<Kpi, KpiEdge[]>, sccs: readonly Kpi[][]): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const component of sccs) {
    if (!isLoop(component, edges)) continue;
    const members = new Set(component);
    // Each KPI's next step in the loop: the first KPI of the loop its formula names.
    const next = new Map(component.map((k) => [k, edges.get(k)!.find((e) => members.has(e.to))!]));
    for (const kpi of component) {
      const path = [kpi];
      for (let at = next.get(kpi)!.to; path.length <= 6 && !path.includes(at); at = next.get(at)!.to) path.push(at);
      const shown = path.map((k) => k.id!.value);
      const loop = path.length > 6 ? `${shown.join(' → ')} → …` : `${shown.join(' → ')} → ${next.get(path[path.length - 1]!)!.to.id!.value}`;
      const ref = next.get(kpi)!;
      findings.push({
        rule: 'kpi-cycle',
        message: `${kpiLabel(kpi)} depends on itself through its formula: ${loop}. Compute one of them from a source instead.`,
        range: formulaRange(kpi.formula!, ref.start, ref.end),
        ...kpiKey(kpi),
      });
    }
  }
  return findings;
}

/** The grain a KPI's values come in: its own for a sourced KPI, its inputs' for a derived one. */
function effectiveGrains(model: KpiFile, edges: ReadonlyMap<Kpi, KpiEdge[]>, sccs: readonly Kpi[][]): Map<Kpi, Grain | undefined> {
  const grains = new Map<Kpi, Grain | undefined>();
  for (const kpi of model.kpis) if (!edges.has(kpi)) grains.set(kpi, kpi.grain?.value);
  // Inputs come first, so each derived KPI's inputs are settled when it is reached;
  // a KPI in a loop only sees the inputs outside it.
  for (const component of sccs) {
    for (const kpi of component) {
      const out = edges.get(kpi);
      if (!out) continue; // a sourced KPI: its own grain, set above
      const inputs = out.flatMap((e) => {
        const g = grains.get(e.to);
        return g ? [g] : [];
      });
      grains.set(kpi, inputs[0] ?? kpi.grain?.value);
    }
  }
  return grains;
}

function grainMismatches(edges: ReadonlyMap<Kpi, KpiEdge[]>, grains: ReadonlyMap<Kpi, Grain | undefined>): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const [kpi, refs] of edges) {
    const grained = refs.flatMap((r) => {
      const g = grains.get(r.to);
      return g ? [{ ...r, grain: g }] : [];
    });
    const first = grained[0];
    const odd = first && grained.find((r) => r.grain !== first.grain);
    if (first && odd) {
      findings.push({
        rule: 'grain-mismatch',
        message: `${kpiLabel(kpi)} combines KPIs of different grains: "${first.to.id!.value}" is by ${first.grain}, "${odd.to.id!.value}" by ${odd.grain}. Give them one grain.`,
        range: formulaRange(kpi.formula!, odd.start, odd.end),
        ...kpiKey(kpi),
      });
    } else if (kpi.grain && first && kpi.grain.value !== first.grain) {
      findings.push({
        rule: 'grain-mismatch',
        message: `${kpiLabel(kpi)} has grain: ${kpi.grain.value}, but the KPIs it is computed from are by ${first.grain}. Use grain: ${first.grain}, or leave grain out.`,
        range: kpi.grain.range,
        ...kpiKey(kpi),
      });
    } else if (kpi.grain && !first) {
      findings.push({
        rule: 'grain-mismatch',
        message: `${kpiLabel(kpi)} has grain: ${kpi.grain.value}, but none of the KPIs it is computed from has a grain, so it has one value, not a series. Leave grain out.`,
        range: kpi.grain.range,
        ...kpiKey(kpi),
      });
    }
  }
  return findings;
}
