import type { RawFinding } from '../model/finding';
import { analyzeFormula } from '../formula';
import type { CheckContext, CheckedFormula, FormulaDiagnostic } from '../formula/api';
import type { FormulaText, Kpi, KpiFile } from '../model/kpiFile';
import type { SourceRange } from '../model/range';
import { sourceColumns, type SourceState } from '../data/sources';
import { kpiKey, kpisById } from '../model/lookup';
import { closestMatches, didYouMean } from '../common/suggest';
import { changeToFixes } from './fixes/changeTo';

/** A KPI's checked formula and filter. */
export interface KpiFormulas {
  formula?: CheckedFormula;
  filter?: CheckedFormula;
}

export interface FormulaCheck {
  formulas: Map<number, KpiFormulas>;
  /** Findings of the formula rules (formula-syntax … aggregate-in-derived), placed in the file. */
  findings: RawFinding[];
  /** The same findings by KPI index (those of a source's time column last, in `timeFindings`). */
  perKpi: RawFinding[][];
  timeFindings: RawFinding[];
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
  const kpiIds = new Set(kpisById(model).keys());
  const perKpi = model.kpis.map((kpi) => {
    const { entry, findings } = checkKpiFormulas(kpi, sources, kpiIds);
    formulas.set(kpi.index, entry);
    return findings;
  });
  return joinFormulaCheck(formulas, perKpi, timeColumns(model, sources));
}

/** A FormulaCheck from its parts, the findings in file order of KPIs, the time columns' last. */
export function joinFormulaCheck(
  formulas: Map<number, KpiFormulas>,
  perKpi: RawFinding[][],
  timeFindings: RawFinding[],
): FormulaCheck {
  return { formulas, findings: [...perKpi.flat(), ...timeFindings], perKpi, timeFindings };
}

/** One KPI's formula and filter checked: against its source's columns, or (derived) the file's KPI ids. */
export function checkKpiFormulas(
  kpi: Kpi,
  sources: ReadonlyMap<string, SourceState>,
  kpiIds: ReadonlySet<string>,
): { entry: KpiFormulas; findings: RawFinding[] } {
  const entry: KpiFormulas = {};
  const findings: RawFinding[] = [];
  const place = (text: FormulaText, checked: CheckedFormula): void => {
    for (const d of checked.diagnostics) findings.push(toFinding(kpi, text, d));
  };
  if (kpi.source) {
    const state = sources.get(kpi.source.value);
    const columns = sourceColumns(state);
    const ctx = (role: 'formula' | 'filter'): CheckContext => ({ mode: 'sourced', role, columns });
    if (kpi.formula) place(kpi.formula, (entry.formula = analyzeFormula(kpi.formula.text, ctx('formula'))));
    if (kpi.filter) place(kpi.filter, (entry.filter = analyzeFormula(kpi.filter.text, ctx('filter'))));
    if (columns) findings.push(...breakdownColumns(kpi, kpi.source.value, columns));
  } else if (kpi.formula) {
    place(kpi.formula, (entry.formula = analyzeFormula(kpi.formula.text, { mode: 'derived', kpis: kpiIds })));
  }
  return { entry, findings };
}

function toFinding(kpi: Kpi, text: FormulaText, d: FormulaDiagnostic): RawFinding {
  const range = formulaRange(text, d.start, d.end);
  const shown = range.end > range.start ? range : text.range.end > text.range.start ? text.range : text.keyRange;
  const fixes = d.suggestion !== undefined ? changeToFixes([d.suggestion], range) : [];
  return { rule: d.rule, message: d.message, range: shown, ...kpiKey(kpi), ...(fixes.length ? { fixes } : {}) };
}

/** Each `breakdown:` entry of a sourced KPI must name a column of its source's data. */
function breakdownColumns(kpi: Kpi, source: string, columns: ReadonlyMap<string, unknown>): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const item of kpi.breakdown?.items ?? []) {
    if (columns.has(item.value)) continue;
    const matches = closestMatches(item.value, columns.keys());
    findings.push({
      rule: 'unknown-column',
      message: `The breakdown column "${item.value}" is not a column of source "${source}".${didYouMean(matches) || ` Columns: ${[...columns.keys()].join(', ')}.`}`,
      range: item.range,
      ...kpiKey(kpi),
      // A list entry: a name other than a plain word is written quoted.
      fixes: changeToFixes(matches, item.range).map((fix, i) => ({
        ...fix,
        edits: fix.edits.map((e) => ({
          ...e,
          newText: /^[A-Za-z_][A-Za-z0-9_]*$/.test(matches[i]!) ? e.newText : JSON.stringify(e.newText),
        })),
      })),
    });
  }
  return findings;
}

/** A source's `time:` must name a date column of its data. */
function timeColumns(model: KpiFile, sources: ReadonlyMap<string, SourceState>): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const source of model.sources) {
    const state = sources.get(source.name);
    const time = source.time;
    const columns = sourceColumns(state);
    if (!time || !columns) continue;
    const type = columns.get(time.value);
    if (!type) {
      const matches = closestMatches(time.value, columns.keys());
      findings.push({
        rule: 'unknown-column',
        message: `The time column "${time.value}" of source "${source.name}" is not in its data.${didYouMean(matches) || ` Columns: ${[...columns.keys()].join(', ')}.`}`,
        range: time.range,
        source: source.name,
        fixes: changeToFixes(matches, time.range),
      });
    } else if (type !== 'date') {
      findings.push({
        rule: 'type-mismatch',
        message:
          `The time column "${time.value}" of source "${source.name}" holds ${type} values, not dates, ` +
          `so rows cannot be put into periods. Name a date column, or declare it under columns: as date.`,
        range: time.range,
        source: source.name,
      });
    }
  }
  return findings;
}
