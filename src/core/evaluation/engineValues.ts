/**
 * What engines computed for the KPIs of their sources — values, why not, breakdowns —
 * and the evaluation hooks that hand them to evaluationSteps, so that derived KPIs,
 * targets, comparisons and notes are the core's own. The CLI fills it from its engines'
 * queries; the editor receives it from the CLI as JSON (toJson / fromJson).
 */
import type { Analysis } from '../checks/analysis';
import type { Kpi } from '../model/kpiFile';
import type { KpiValue } from '../formula/api';
import type { ComputedBreakdown, GroupKind } from './breakdown';
import type { EvaluationOptions } from './evaluate';

export interface EngineValues {
  /** Values by KPI id. */
  values: Map<string, KpiValue>;
  /** Why a KPI of an engine source has no value, by id. */
  failures: Map<string, string>;
  /** Breakdowns by KPI id, then column. */
  breakdowns: Map<string, Map<string, ComputedBreakdown>>;
  /** Why a breakdown of a computed KPI was not (its engine failed), by KPI id, then column. */
  breakdownFailures: Map<string, Map<string, string>>;
}

export function noEngineValues(): EngineValues {
  return { values: new Map(), failures: new Map(), breakdowns: new Map(), breakdownFailures: new Map() };
}

/** The hooks of evaluationSteps answering for the KPIs of engine sources from `found`. */
export function engineHooks(
  analysis: Analysis,
  found: EngineValues,
): Required<Pick<EvaluationOptions, 'sourcedValue' | 'sourcedBreakdown'>> {
  const onEngine = (kpi: Kpi): boolean => analysis.sources.get(kpi.source?.value ?? '')?.status === 'engine';
  return {
    sourcedValue: (kpi) => {
      if (!onEngine(kpi)) return undefined;
      const id = kpi.id?.value ?? '';
      const value = found.values.get(id);
      if (value) return { value };
      return { failure: found.failures.get(id) ?? 'its engine did not compute it' };
    },
    // An engine source's breakdowns are its engine's (none for a column it lacks; why for a query that failed).
    sourcedBreakdown: (kpi, column) => {
      if (!onEngine(kpi)) return undefined;
      const id = kpi.id?.value ?? '';
      const failure = found.breakdownFailures.get(id)?.get(column);
      if (failure !== undefined) return { failure };
      return found.breakdowns.get(id)?.get(column) ?? null;
    },
  };
}

export interface EngineValuesJson {
  values: Record<string, KpiValue>;
  failures: Record<string, string>;
  breakdowns: Record<string, Record<string, ComputedBreakdown>>;
  /** Absent from what an older CLI wrote. */
  breakdownFailures?: Record<string, Record<string, string>>;
}

export function engineValuesToJson(found: EngineValues): EngineValuesJson {
  const breakdowns: Record<string, Record<string, ComputedBreakdown>> = {};
  for (const [id, columns] of found.breakdowns) breakdowns[id] = Object.fromEntries(columns);
  const breakdownFailures: Record<string, Record<string, string>> = {};
  for (const [id, columns] of found.breakdownFailures) breakdownFailures[id] = Object.fromEntries(columns);
  return {
    values: Object.fromEntries(found.values),
    failures: Object.fromEntries(found.failures),
    breakdowns,
    breakdownFailures,
  };
}

/** Reads what engineValuesToJson wrote (sent by another process: entries of the wrong shape are left out). */
export function engineValuesFromJson(json: unknown): EngineValues {
  const found = noEngineValues();
  if (!isRecord(json)) return found;
  for (const [id, value] of entries(json.values)) if (isKpiValue(value)) found.values.set(id, asKpiValue(value));
  for (const [id, why] of entries(json.failures)) if (typeof why === 'string') found.failures.set(id, why);
  for (const [id, columns] of entries(json.breakdowns)) {
    const byColumn = new Map<string, ComputedBreakdown>();
    for (const [column, breakdown] of entries(columns)) {
      if (!isBreakdown(breakdown)) continue;
      const groups = breakdown.groups.map((g) => ({
        group: g.group,
        kind: g.kind,
        rows: g.rows,
        value: asKpiValue(g.value),
      }));
      byColumn.set(column, { column: breakdown.column, groups });
    }
    found.breakdowns.set(id, byColumn);
  }
  for (const [id, columns] of entries(json.breakdownFailures)) {
    const byColumn = new Map<string, string>();
    for (const [column, why] of entries(columns)) if (typeof why === 'string') byColumn.set(column, why);
    found.breakdownFailures.set(id, byColumn);
  }
  return found;
}

/** As the core makes them: `series` present, undefined without a grain (JSON leaves it out). */
function asKpiValue(value: KpiValue): KpiValue {
  return { series: value.series, value: value.value, divisionByZero: value.divisionByZero };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function entries(value: unknown): [string, unknown][] {
  return isRecord(value) ? Object.entries(value) : [];
}

function isNumberOrNull(value: unknown): value is number | null {
  return value === null || typeof value === 'number';
}

function isKpiValue(value: unknown): value is KpiValue {
  if (!isRecord(value) || !isNumberOrNull(value.value) || typeof value.divisionByZero !== 'boolean') return false;
  if (value.series === undefined) return true;
  return (
    Array.isArray(value.series) &&
    value.series.every(
      (p: unknown) =>
        isRecord(p) && typeof p.period === 'string' && typeof p.start === 'string' && isNumberOrNull(p.value),
    )
  );
}

const GROUP_KINDS = new Set<GroupKind>(['value', 'null', 'other']);

function isBreakdown(value: unknown): value is ComputedBreakdown {
  return (
    isRecord(value) &&
    typeof value.column === 'string' &&
    Array.isArray(value.groups) &&
    value.groups.every(
      (g: unknown) =>
        isRecord(g) &&
        typeof g.group === 'string' &&
        GROUP_KINDS.has(g.kind as GroupKind) &&
        typeof g.rows === 'number' &&
        isKpiValue(g.value),
    )
  );
}
