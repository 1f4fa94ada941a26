/**
 * The contract of the formula language (SPEC section 3) that the rest of the core uses.
 * Offsets here are indices into the formula's own text; the analysis maps them into the
 * file through FormulaText.offsets.
 */
import type { ColumnType, Grain } from '../model/kpiFile';
import type { RuleId } from '../model/ruleIds';
import type { Expr } from './ast';

/** The rules whose findings the formula checker makes (a subset of RULE_IDS). */
export type FormulaRuleId = Extract<
  RuleId,
  | 'formula-syntax'
  | 'unknown-column'
  | 'unknown-function'
  | 'unknown-kpi'
  | 'type-mismatch'
  | 'bare-column'
  | 'nested-aggregate'
  | 'aggregate-in-derived'
>;

export interface FormulaDiagnostic {
  rule: FormulaRuleId;
  message: string;
  start: number;
  end: number;
  /** Did-you-mean: the text that should replace [start, end). */
  suggestion?: string;
}

/** What a formula or filter may name. */
export type CheckContext =
  | {
      mode: 'sourced';
      role: 'formula' | 'filter';
      /** The source's columns; undefined when the data could not be read (names are then not checked). */
      columns: ReadonlyMap<string, ColumnType> | undefined;
    }
  | {
      mode: 'derived';
      /** Ids of every KPI in the file. */
      kpis: ReadonlySet<string>;
    };

/** A reference to a name in the formula text. */
export interface NameRef {
  name: string;
  start: number;
  end: number;
}

export interface PeriodValue {
  /** `2025-03-07`, `2025-W10`, `2025-03`, `2025-Q1`, `2025`. */
  period: string;
  /** First day of the period, `YYYY-MM-DD`. */
  start: string;
  value: number | null;
}

export interface KpiValue {
  /** One entry per period for a KPI with grain, else undefined. */
  series: PeriodValue[] | undefined;
  /** The last entry's value (with grain) or the overall value. */
  value: number | null;
  /** A division by zero happened somewhere while computing. */
  divisionByZero: boolean;
}

export type { ColumnType, Grain, Expr };

/**
 * The type of a formula expression. Dates and date-times are both `date` (epoch ms, UTC);
 * `null` is the type of the literal `null` only.
 */
export type ValueType = 'number' | 'string' | 'boolean' | 'date' | 'null';

/** Where a formula text sits in a KPI: a sourced formula, a sourced filter, or a derived formula. */
export type FormulaRole = 'formula' | 'filter' | 'derived';

/** A parsed and checked formula or filter: what analysis, hover, completion and evaluation share. */
export interface CheckedFormula {
  text: string;
  role: FormulaRole;
  /** The syntax tree; undefined when the text does not parse. */
  expr?: Expr;
  /** The result type; undefined when unknown (a parse error, an unknown name, unreadable data). */
  type: ValueType | undefined;
  diagnostics: FormulaDiagnostic[];
  /** Derived formulas: identifiers naming an existing KPI (unknown ones are diagnostics). */
  kpiRefs: NameRef[];
  /** Sourced formulas and filters: identifiers naming a column (every identifier when the columns are unknown). */
  columnRefs: NameRef[];
  /** Calls of known functions, at the function name. */
  functionRefs: NameRef[];
  /** The formula calls an aggregate somewhere (even where that is an error). */
  hasAggregate: boolean;
}
