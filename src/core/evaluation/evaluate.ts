import { breakdownResult, computeBreakdown, type Breakdown, type ComputedBreakdown } from './breakdown';
import { comparisonsOf, type Comparison } from './comparisons';
import { unusualChangeOf, type ChangeStats } from './unusualChange';
import type { RawFinding } from '../model/finding';
import type { RuleId } from '../model/ruleIds';
import type { Analysis } from '../checks/analysis';
import { evaluateDerived, evaluateSourced } from '../formula';
import type { KpiValue, PeriodValue } from '../formula/api';
import type { Grain, Kpi, Unit } from '../model/kpiFile';
import { fillTarget, paceOf, progressOf, statusOf, type FilledTarget, type Pace, type Status } from './targetStatus';
import { kpisById } from '../model/lookup';
import { groupingOfKpi } from './sourcedArguments';

/** One KPI's computed result, as SPEC section 5 and `kpi-lens eval` describe it. */
export interface KpiResult {
  id: string;
  name: string;
  unit: Unit;
  value: number | null;
  /** For KPIs with grain: the last entry's period (null when there is none). */
  period?: string | null;
  series?: PeriodValue[];
  /** For KPIs with grain: the last period against the calendar period before it (null: none, or a gap). */
  previous?: Comparison | null;
  /** For KPIs with grain: the last period against the same period a year earlier. */
  year_ago?: Comparison | null;
  /** For KPIs with grain: the numbers behind the note `unusual-change`, null without that note. */
  unusual_change?: ChangeStats | null;
  /**
   * For a sourced KPI with `breakdown:` (or `eval --by`), computed: one entry per column of
   * its source named there, in the order named (a column the source lacks is left out).
   */
  breakdowns?: Breakdown[];
  /**
   * Breakdowns that could not be computed (an engine's query failed), in the order named, with
   * why; absent when none failed. Those columns are not in `breakdowns`.
   */
  breakdownFailures?: { column: string; failure: string }[];
  target: FilledTarget | null;
  status: Status | null;
  progress: number | null;
  pace: Pace | null;
  goals: string[];
  notes: string[];
  /** Index of the KPI in the file, to find it again. */
  index: number;
  /** Why the KPI could not be computed, in plain words; undefined when it was. */
  failure?: string;
}

const FAILED: KpiValue = { series: undefined, value: null, divisionByZero: false };

/**
 * Values computed before, keyed by everything a value depends on (formula, filter, grain,
 * the data table read, the inputs' values), so that editing one KPI recomputes only what
 * depends on it. One per editor session; tables are told apart by identity.
 */
export class EvaluationCache {
  private readonly values = new Map<string, KpiValue>();
  private readonly breakdowns = new Map<string, ComputedBreakdown | undefined>();
  private readonly tableIds = new WeakMap<object, number>();
  private nextId = 1;

  idOf(table: object): number {
    let id = this.tableIds.get(table);
    if (id === undefined) this.tableIds.set(table, (id = this.nextId++));
    return id;
  }

  get(key: string): KpiValue | undefined {
    return this.values.get(key);
  }

  set(key: string, value: KpiValue): void {
    // Old versions pile up while typing; start afresh rather than grow without bound.
    if (this.values.size > 5000) this.values.clear();
    this.values.set(key, value);
  }

  hasBreakdown(key: string): boolean {
    return this.breakdowns.has(key);
  }

  getBreakdown(key: string): ComputedBreakdown | undefined {
    return this.breakdowns.get(key);
  }

  setBreakdown(key: string, value: ComputedBreakdown | undefined): void {
    if (this.breakdowns.size > 5000) this.breakdowns.clear();
    this.breakdowns.set(key, value);
  }
}

/** What an evaluation computes and reuses, and the adapter's hooks into it. */
export interface EvaluationOptions {
  /** The ids of the KPIs to return; never limits what they are computed from. */
  only?: ReadonlySet<string>;
  /** Values of earlier evaluations, reused where their inputs are unchanged. */
  cache?: EvaluationCache;
  /** Columns to break every returned sourced KPI down by, after those of its `breakdown:` (`eval --by`). */
  by?: readonly string[];
  /** Values of sourced KPIs computed elsewhere (an SQL engine); undefined for a KPI computes it here. */
  sourcedValue?: SourcedValues;
  /** Breakdowns of sourced KPIs computed elsewhere; undefined for a KPI and column computes it here. */
  sourcedBreakdown?: SourcedBreakdowns;
  /** Checked before each KPI (evaluateAnalysis only); true stops it with EvaluationCancelled. */
  isCancelled?: () => boolean;
}

/** Thrown by evaluateAnalysis when `isCancelled` said so. */
export class EvaluationCancelled extends Error {
  constructor() {
    super('evaluation cancelled');
    this.name = 'EvaluationCancelled';
  }
}

/** One step of an evaluation: the KPIs returned so far out of `total`. */
export interface EvaluationStep {
  done: number;
  total: number;
  result: KpiResult;
}

/** Computes KPIs on their sample data: each once, derived ones after their inputs. */
export function evaluateAnalysis(analysis: Analysis, options: EvaluationOptions = {}): KpiResult[] {
  const steps = evaluationSteps(analysis, options);
  for (;;) {
    if (options.isCancelled?.()) throw new EvaluationCancelled();
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The evaluation of evaluateAnalysis, one returned KPI per step, so that an adapter can
 * show progress, yield to its event loop and stop between KPIs. Returns the results.
 */
export function* evaluationSteps(
  analysis: Analysis,
  { only, cache, by = [], sourcedValue, sourcedBreakdown }: EvaluationOptions = {},
): Generator<EvaluationStep, KpiResult[], void> {
  const { model } = analysis;
  const byId = kpisById(model);
  const grains = analysis.grains;
  const blockedBy = kpiBlockers(analysis);
  const values = new Map<Kpi, { value: KpiValue; failure?: string }>();
  const inProgress = new Set<Kpi>();

  const compute = (kpi: Kpi): { value: KpiValue; failure?: string } => {
    const known = values.get(kpi);
    if (known) return known;
    if (inProgress.has(kpi)) return { value: FAILED, failure: 'its formula depends on itself' };
    inProgress.add(kpi);
    let result: { value: KpiValue; failure?: string };
    try {
      result = computeOne(kpi);
    } catch (error) {
      result = { value: FAILED, failure: `could not be computed: ${(error as Error).message}` };
    }
    inProgress.delete(kpi);
    values.set(kpi, result);
    return result;
  };

  const computeOne = (kpi: Kpi): { value: KpiValue; failure?: string } => {
    const failure = blockedBy(kpi);
    if (failure) return { value: FAILED, failure };
    const checked = analysis.formulas.get(kpi.index)!;
    const formula = checked.formula!;
    if (kpi.source) {
      const sourced = sourcedValue?.(kpi);
      if (sourced) return sourced.failure !== undefined ? { value: FAILED, failure: sourced.failure } : sourced;
      const source = model.sources.find((s) => s.name === kpi.source!.value)!;
      const state = analysis.sources.get(kpi.source.value);
      if (state?.status === 'engine') {
        // Rows that stay in a database are computed there (the adapter's sourcedValue), never here.
        return { value: FAILED, failure: `its source "${source.name}" is read through an engine that did not run` };
      }
      if (state?.status !== 'ok') return { value: FAILED, failure: `its source "${source.name}" could not be read` };
      const grouping = groupingOfKpi(model, kpi);
      const key =
        cache &&
        JSON.stringify(['s', cache.idOf(state.table), formula.text, checked.filter?.text ?? null, grouping ?? null]);
      const hit = key ? cache!.get(key) : undefined;
      if (hit) return { value: hit };
      const value = evaluateSourced(formula, checked.filter, state.table, grouping);
      if (key) cache!.set(key, value);
      return { value };
    }
    const inputs = new Map<string, KpiValue>();
    const grain = grains.get(kpi);
    for (const ref of formula.kpiRefs) {
      const input = byId.get(ref.name);
      if (!input || inputs.has(ref.name)) continue;
      const computed = compute(input);
      if (computed.failure) return { value: FAILED, failure: `it uses "${ref.name}", which could not be computed` };
      inputs.set(ref.name, computed.value);
    }
    return { value: evaluateDerived(formula, inputs, grain) };
  };

  const results: KpiResult[] = [];
  const statusCache = new Map<Kpi, Status | null>();
  const statusOfKpi = (kpi: Kpi): Status | null => {
    if (!statusCache.has(kpi)) {
      const target = fillTarget(kpi.target);
      statusCache.set(kpi, target ? statusOf(compute(kpi).value.value, target) : null);
    }
    return statusCache.get(kpi)!;
  };
  const returned = model.kpis.filter((kpi) => kpi.id && (!only || only.has(kpi.id.value)));
  for (const kpi of returned) {
    if (!kpi.id) continue;
    const { value, failure } = compute(kpi);
    const grain: Grain | undefined = grains.get(kpi);
    const target = fillTarget(kpi.target);
    const status = statusOfKpi(kpi);
    const notes: string[] = [];
    if (value.divisionByZero) notes.push('division-by-zero');
    if ((status === 'met' || status === 'at_risk') && guardrailOffTrack(kpi)) notes.push('guardrail-off-track');
    const series = grain ? (value.series ?? []) : undefined;
    const unusual = grain ? seriesMemo(series!, `u${grain}`, () => unusualChangeOf(series!, grain)) : null;
    if (unusual) notes.push('unusual-change');
    const breakdownFailures: NonNullable<KpiResult['breakdownFailures']> = [];
    const breakdowns = failure ? undefined : breakdownsOf(kpi, series, grain, target, breakdownFailures);
    results.push({
      id: kpi.id.value,
      name: kpi.name?.value ?? kpi.id.value,
      unit: kpi.unit?.value ?? 'number',
      value: value.value,
      ...(grain
        ? {
            period: series!.length > 0 ? series![series!.length - 1]!.period : null,
            series,
            ...seriesMemo(series!, `c${grain}`, () => comparisonsOf(series!, grain)),
            unusual_change: unusual,
          }
        : {}),
      ...(breakdowns ? { breakdowns } : {}),
      ...(breakdownFailures.length > 0 ? { breakdownFailures } : {}),
      target,
      status,
      progress: target ? progressOf(value.value, target) : null,
      pace: target && grain ? seriesMemo(series!, `p${JSON.stringify(target)}`, () => paceOf(series, target)) : null,
      goals: kpi.goals?.items.map((g) => g.value) ?? [],
      notes,
      index: kpi.index,
      ...(failure ? { failure } : {}),
    });
    yield { done: results.length, total: returned.length, result: results[results.length - 1]! };
  }
  return results;

  /** The breakdowns of a computed sourced KPI, or undefined when it has none to compute; those that failed go to `failed`. */
  function breakdownsOf(
    kpi: Kpi,
    series: readonly PeriodValue[] | undefined,
    grain: Grain | undefined,
    target: FilledTarget | null,
    failed: { column: string; failure: string }[],
  ): Breakdown[] | undefined {
    if (!kpi.source) return undefined;
    const columns = [...new Set([...(kpi.breakdown?.items.map((i) => i.value) ?? []), ...by])];
    if (columns.length === 0) return undefined;
    const checked = analysis.formulas.get(kpi.index);
    const state = analysis.sources.get(kpi.source.value);
    const source = model.sources.find((s) => s.name === kpi.source!.value);
    const grouping = groupingOfKpi(model, kpi);
    const found: Breakdown[] = [];
    // Computed elsewhere (an SQL engine) when the adapter says so: a column at a time, in the same order.
    const elsewhere = columns.map((column) => sourcedBreakdown?.(kpi, column));
    if (elsewhere.some((b) => b !== undefined)) {
      elsewhere.forEach((b, i) => {
        if (b && 'failure' in b) failed.push({ column: columns[i]!, failure: b.failure });
        else if (b) found.push(breakdownResult(b, series, grouping ? grain : undefined, target));
      });
      return found;
    }
    if (!checked?.formula || state?.status !== 'ok' || !source) return undefined;
    for (const column of columns) {
      const key =
        cache &&
        JSON.stringify([
          'b',
          cache.idOf(state.table),
          checked.formula.text,
          checked.filter?.text ?? null,
          grouping ?? null,
          column,
        ]);
      let computed: ComputedBreakdown | undefined;
      if (key && cache!.hasBreakdown(key)) computed = cache!.getBreakdown(key);
      else {
        try {
          computed = computeBreakdown(checked.formula, checked.filter, state.table, grouping, column);
        } catch {
          // The KPI itself was computed from the same formula: never expected, and never a crash.
          computed = undefined;
        }
        if (key) cache!.setBreakdown(key, computed);
      }
      if (computed) found.push(breakdownResult(computed, series, grouping ? grain : undefined, target));
    }
    return found;
  }

  function guardrailOffTrack(kpi: Kpi): boolean {
    return (kpi.guardrails?.items ?? []).some((g) => {
      const guard = byId.get(g.value);
      return guard !== undefined && guard !== kpi && statusOfKpi(guard) === 'off_track';
    });
  }
}

/**
 * Values of sourced KPIs computed elsewhere (an SQL engine, see sql/sqlResults.ts): the
 * evaluation uses them instead of reading the source; undefined computes the KPI here.
 */
export type SourcedValues = (kpi: Kpi) => { value: KpiValue; failure?: undefined } | { failure: string } | undefined;

/**
 * Breakdowns of sourced KPIs computed elsewhere (an SQL engine, see sql/breakdownResults.ts):
 * a column's groups, `{ failure }` when its query failed (why, shown with the KPI), null when
 * it has none (the source lacks the column), undefined to compute it here.
 */
export type SourcedBreakdowns = (
  kpi: Kpi,
  column: string,
) => ComputedBreakdown | { failure: string } | null | undefined;

/**
 * Why a KPI cannot be computed (its formula, its source, what the checks found), or
 * undefined when it can: what evaluation and the SQL compiler (sql/compileKpis.ts) share.
 */
export function kpiBlockers(analysis: Analysis): (kpi: Kpi) => string | undefined {
  const { blockers, timeBlockers } = blockersOf(analysis.checked);
  return (kpi) => {
    const checked = analysis.formulas.get(kpi.index);
    const formula = checked?.formula;
    if (!formula) return kpi.formulaNotText ? 'its formula is neither text nor a number' : 'it has no formula';
    if (formula.diagnostics.length > 0 || (checked.filter?.diagnostics.length ?? 0) > 0)
      return 'its formula has errors';
    if (kpi.source) {
      const source = analysis.model.sources.find((s) => s.name === kpi.source!.value);
      const state = analysis.sources.get(kpi.source.value);
      if (!source || !state) return `its source "${kpi.source.value}" does not exist`;
      if (state.status !== 'ok' && state.status !== 'engine') return `its source "${source.name}" could not be read`;
      return blockers.get(kpi.id?.value ?? '') ?? (kpi.grain ? timeBlockers.get(source.name) : undefined);
    }
    return blockers.get(kpi.id?.value ?? '');
  };
}

/**
 * What was derived from a series before (comparisons by grain, pace by target), by the
 * series: a value reused from the EvaluationCache keeps its series, so after an edit only
 * the KPIs whose value or target changed work these out again. Pure functions of their key.
 */
const bySeries = new WeakMap<readonly PeriodValue[], Map<string, unknown>>();

function seriesMemo<T>(series: readonly PeriodValue[], key: string, make: () => T): T {
  let known = bySeries.get(series);
  if (!known) bySeries.set(series, (known = new Map()));
  if (!known.has(key)) known.set(key, make());
  return known.get(key) as T;
}

/**
 * Why the checks stop a KPI from being computed, by KPI id, and why a source's time column
 * stops its grained KPIs, by source name: read from the analysis' findings (before severities,
 * so that turning a rule off never makes a KPI computable), not found again here.
 */
function blockersOf(checked: readonly RawFinding[]): {
  blockers: Map<string, string>;
  timeBlockers: Map<string, string>;
} {
  const blockers = new Map<string, string>();
  const timeBlockers = new Map<string, string>();
  for (const f of checked) {
    const why = KPI_BLOCKERS[f.rule];
    if (why && f.kpi !== undefined && !blockers.has(f.kpi)) blockers.set(f.kpi, why);
    if (f.kpi === undefined && f.source !== undefined && (f.rule === 'unknown-column' || f.rule === 'type-mismatch')) {
      if (!timeBlockers.has(f.source))
        timeBlockers.set(f.source, `the time column of its source "${f.source}" holds no dates`);
    }
  }
  return { blockers, timeBlockers };
}

const KPI_BLOCKERS: Partial<Record<RuleId, string>> = {
  'kpi-cycle': 'its formula depends on itself',
  'grain-without-time': 'its source has no time column',
  'grain-mismatch': 'its grain differs from that of its inputs',
};
