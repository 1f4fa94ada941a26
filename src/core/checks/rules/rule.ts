import type { RawFinding, Severity } from '../../model/finding';
import type { Grain, Kpi, KpiFile } from '../../model/kpiFile';
import type { LoadedFile } from '../../yaml/loadKpiFile';
import type { SourceState } from '../../data/sources';
import type { KpiFormulas } from '../formulaChecks';
import type { KpiGraph } from '../kpiGraph';
import type { RuleId } from '../../model/ruleIds';

/** A finding as a rule reports it: the context adds the rule's id. */
export type Report = Omit<RawFinding, 'rule'>;

/** What every rule sees: the analysed file, read once per document version. */
export interface RuleContext {
  model: KpiFile;
  loaded: LoadedFile;
  /** The rule's options from the file's `rules:` map, with defaults filled. */
  options: Record<string, unknown>;
  /** Today's date, UTC, `YYYY-MM-DD` (fixed by `--today`). */
  today: string;
  /** Each source by name: where it resolved and whether its data could be read. */
  sources: ReadonlyMap<string, SourceState>;
  /** Each KPI's checked formula and filter, by KPI index. */
  formulas: ReadonlyMap<number, KpiFormulas>;
  /** Findings of the formula checks, already placed in the file (see formulaChecks.ts). */
  formulaFindings: readonly RawFinding[];
  /** Derived KPIs' references and their strongly connected components. */
  graph: KpiGraph;
  /** The grain each KPI's values come in (see grains.ts). */
  grains: ReadonlyMap<Kpi, Grain | undefined>;
  /** Reports one finding of this rule. */
  report(finding: Report): void;
}

export interface RuleOption {
  type: 'integer';
  minimum: number;
  default: number;
  description: string;
}

/** A check: a small function over the analysed file that reports findings through its context. */
export interface Rule {
  id: RuleId;
  defaultSeverity: Severity;
  /** One line for the rules table, SARIF and hovers. */
  description: string;
  /** Severity the `rules:` map cannot change (yaml-syntax, schema, source-outside-workspace). */
  fixedSeverity?: boolean;
  options?: Record<string, RuleOption>;
  check(ctx: RuleContext): void;
}
