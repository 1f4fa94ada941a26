/**
 * A breakdown's rows back to the core's ComputedBreakdown, exactly as breakdown.ts makes it:
 * the counts query's values become the groups' text (groupText's rules, here on the value as
 * the SQL returns it), ranked by the core's own rankGroups; the groups query (its SQL built
 * for the top MAX_GROUPS values) gives each group's value and series.
 */
import {
  dateText,
  MAX_GROUPS,
  NULL_GROUP,
  OTHER_GROUP,
  rankGroups,
  type ComputedBreakdown,
  type GroupKind,
} from '../evaluation/breakdown';
import type { KpiValue, PeriodValue } from '../formula/api';
import type { ColumnType } from '../model/kpiFile';
import type { BreakdownQuery, GroupValue } from './breakdownSql';
import type { KpiSql } from './compileKpis';
import { cellNumber, cellTrue, type SqlRow } from './sqlResults';

/** One KPI's groups, ranked from the counts: those shown by name, and the rows folded into `(other)`. */
export interface RankedGroups {
  query: BreakdownQuery;
  kpi: string;
  shown: { value: GroupValue; text: string; kind: GroupKind; rows: number }[];
  otherRows: number;
}

/** A returned cell as the column's value: numbers (and dates, epoch ms), booleans, text; null for NULL. */
function groupValue(type: ColumnType, v: unknown): GroupValue {
  if (v === null || v === undefined) return null;
  if (type === 'number' || type === 'date') {
    // An infinity is a value of its own (group `Infinity`), as in memory; NaN is null there.
    const n = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : Number(String(v));
    // One group for 0 and -0, as in memory.
    return n !== n ? null : n === 0 ? 0 : n;
  }
  if (type === 'boolean') return cellTrue(v);
  return String(v);
}

function textOf(type: ColumnType, v: Exclude<GroupValue, null>): string {
  if (type === 'date') return dateText(v as number);
  return String(v);
}

/** The groups of `kpi` by the counts query's rows. */
export function rankedGroups(query: BreakdownQuery, kpi: string, rows: readonly SqlRow[]): RankedGroups {
  const column = query.kpis.find((k) => k.kpi === kpi)!.rows;
  const index = new Map<GroupValue, number>();
  const values: GroupValue[] = [];
  const counts: number[] = [];
  for (const row of rows) {
    const value = groupValue(query.type, row['value']);
    let g = index.get(value);
    if (g === undefined) {
      index.set(value, (g = values.length));
      values.push(value);
      counts.push(0);
    }
    counts[g]! += cellNumber(row[column]) ?? 0;
  }
  const labels = values.map((v) =>
    v === null ? { text: NULL_GROUP, kind: 'null' as const } : { text: textOf(query.type, v), kind: 'value' as const },
  );
  const all = Float64Array.from(counts);
  const top = rankGroups(all, labels, MAX_GROUPS);
  let otherRows = counts.reduce((sum, c) => sum + (c > 0 ? c : 0), 0);
  const shown = top.map((g) => {
    otherRows -= counts[g]!;
    return { value: values[g]!, text: labels[g]!.text, kind: labels[g]!.kind, rows: counts[g]! };
  });
  return { query, kpi, shown, otherRows };
}

/** The breakdown from the groups query's rows (run with `groupsSql(kpi, shown values)`). */
export function breakdownFromRows(ranked: RankedGroups, rows: readonly SqlRow[]): ComputedBreakdown {
  const grained = ranked.query.grain !== undefined;
  const byGroup = new Map<number, SqlRow[]>();
  for (const row of rows) {
    const g = cellNumber(row['grp']);
    if (g === null) continue;
    byGroup.set(g, [...(byGroup.get(g) ?? []), row]);
  }
  // The KPI's last period: the latest with rows in any group (the groups hold every row after the filter).
  let last: string | undefined;
  for (const row of rows)
    if ((cellNumber(row['group_rows']) ?? 0) > 0 && (last === undefined || String(row['start']) > last))
      last = String(row['start']);
  const valueOf = (g: number): KpiValue => {
    const mine = byGroup.get(g) ?? [];
    const withRows = mine.filter((row) => (cellNumber(row['group_rows']) ?? 0) > 0);
    let divisionByZero = withRows.some((row) => cellTrue(row['group_note']));
    if (!grained) {
      const row = withRows[0];
      return { series: undefined, value: row ? cellNumber(row['group_value']) : null, divisionByZero };
    }
    const series: PeriodValue[] = withRows.map((row) => ({
      period: String(row['period']),
      start: String(row['start']),
      value: cellNumber(row['group_value']),
    }));
    let value: number | null = null;
    if (last !== undefined) {
      const at = series.find((p) => p.start === last);
      if (at) value = at.value;
      else {
        // No rows in the KPI's last period: the formula over no rows, as the core computes it there.
        const any = rows[0]!;
        value = cellNumber(any['empty_value']);
        divisionByZero ||= cellTrue(any['empty_note']);
      }
    }
    return { series, value, divisionByZero };
  };
  const groups: ComputedBreakdown['groups'] = ranked.shown.map((s, i) => ({
    group: s.text,
    kind: s.kind,
    rows: s.rows,
    value: valueOf(i),
  }));
  if (ranked.otherRows > 0)
    groups.push({ group: OTHER_GROUP, kind: 'other', rows: ranked.otherRows, value: valueOf(MAX_GROUPS) });
  return { column: ranked.query.column, groups };
}

/** Runs one query of a breakdown (the counts, then a KPI's groups) on the source's engine. */
export type RunBreakdownSql = (query: BreakdownQuery, sql: string) => Promise<readonly SqlRow[]>;

/**
 * Every breakdown of the compiled KPIs, by KPI id then column, run through `run`. A
 * breakdown whose query fails is left out and `failed` is told why, with the KPIs it was
 * for: all of the column's when its counts query failed, else the one whose groups query did.
 */
export async function sqlBreakdowns(
  compiled: KpiSql,
  run: RunBreakdownSql,
  failed?: (query: BreakdownQuery, error: unknown, kpis: readonly string[]) => void,
): Promise<Map<string, Map<string, ComputedBreakdown>>> {
  const found = new Map<string, Map<string, ComputedBreakdown>>();
  for (const query of compiled.breakdowns) {
    let counts: readonly SqlRow[];
    try {
      counts = await run(query, query.sql);
    } catch (error) {
      failed?.(
        query,
        error,
        query.kpis.map((k) => k.kpi),
      );
      continue;
    }
    for (const { kpi } of query.kpis) {
      try {
        const ranked = rankedGroups(query, kpi, counts);
        const rows = await run(
          query,
          query.groupsSql(
            kpi,
            ranked.shown.map((s) => s.value),
          ),
        );
        let mine = found.get(kpi);
        if (!mine) found.set(kpi, (mine = new Map()));
        mine.set(query.column, breakdownFromRows(ranked, rows));
      } catch (error) {
        failed?.(query, error, [kpi]);
      }
    }
  }
  return found;
}
