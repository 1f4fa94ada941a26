import type { RawFinding } from './finding';
import type { CheckedFormula } from './formula/api';
import type { KpiFile } from './model';
import type { SourceState } from './sources';

/** A KPI's checked formula and filter. */
export interface KpiFormulas {
  formula?: CheckedFormula;
  filter?: CheckedFormula;
}

export interface FormulaCheck {
  formulas: Map<number, KpiFormulas>;
  findings: RawFinding[];
}

/** Parses and checks every KPI's formula and filter against its source or the other KPIs. */
export function checkFormulas(_model: KpiFile, _sources: ReadonlyMap<string, SourceState>): FormulaCheck {
  // Filled in when the formula language lands (src/core/formula).
  return { formulas: new Map(), findings: [] };
}
