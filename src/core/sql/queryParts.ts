/**
 * The steps every query of the compiler shares (see compileKpis.ts): the source's converted
 * columns, the rows with their period start and filters, the percentile windows, and the
 * aggregate columns per KPI. The KPI query groups them by period; a breakdown's queries
 * (breakdownSql.ts) by group too.
 */
import type { Grain } from '../model/kpiFile';
import type { SqlDialect } from './dialect';
import type { AggregateParts } from './aggregateSql';
import { countSql, type Cond } from './expression';

/** One KPI as compiled: its filter, its aggregates and its value over them. */
export interface CompiledKpi {
  kpi: string;
  /** Its number in the query of its source and grain: its columns are keep_N, rows_N, aN_M, kpi_N. */
  n: number;
  keep?: { sql: string; dz: Cond };
  aggregates: AggregateParts[];
  value: string;
  /** A division by zero in a period (with a grain: one with rows after the filter). */
  note: Cond;
  /** A division by zero computing the value from the aggregates, whatever the rows. */
  valueDz: Cond;
}

export interface RowSteps {
  ctes: string[];
  /** The step the aggregates read: `rows`, or `windows` when percentiles are windows. */
  from: string;
}

/** Lines of a SELECT list, indented. */
export function indent(lines: string[]): string {
  return lines.map((l) => `    ${l}`).join(',\n');
}

/**
 * The `source` and `rows` steps (and `windows` where a percentile is a window, partitioned
 * by `partition`: the period and, in a breakdown, the group); `extra` adds row columns.
 */
export function rowSteps(
  d: SqlDialect,
  grain: Grain | undefined,
  from: string,
  converted: string[],
  time: string | undefined,
  kpis: readonly CompiledKpi[],
  extra: string[] = [],
  groupColumn?: string,
): RowSteps {
  const q = d.ident;
  const ctes: string[] = [];
  // A query whose formulas read no column (`count()`, a constant) still counts the rows.
  const selected = converted.length > 0 ? converted : [`TRUE AS ${q('row')}`];
  ctes.push(`${q('source')} AS (\n  SELECT\n${indent(selected)}\n  FROM ${from}\n)`);

  const rowColumns: string[] = ['*', ...extra];
  if (grain && time) {
    const day = `FLOOR(${q(time)} / ${d.number(86_400_000)})`;
    let start: string;
    if (grain === 'day') start = d.dateFromDays(day);
    else if (grain === 'week')
      start = d.dateFromDays(`(${d.number(7)} * FLOOR((${day} + ${d.number(3)}) / ${d.number(7)}) - ${d.number(3)})`);
    else start = d.truncDate(d.dateFromDays(day), grain);
    rowColumns.push(`${start} AS ${q('period_start')}`);
  }
  for (const k of kpis) {
    if (!k.keep) continue;
    rowColumns.push(`${k.keep.sql} AS ${q(`keep_${k.n}`)}`);
    if (k.keep.dz !== false) rowColumns.push(`${k.keep.dz} AS ${q(`keep_${k.n}_dz`)}`);
  }
  const where = time ? `\n  WHERE ${q(time)} IS NOT NULL` : '';
  ctes.push(`${q('rows')} AS (\n  SELECT\n${indent(rowColumns)}\n  FROM ${q('source')}${where}\n)`);

  const windows = kpis.flatMap((k) => k.aggregates.flatMap((a) => (a.window ? [a] : [])));
  if (windows.length === 0) return { ctes, from: q('rows') };
  const keys = [groupColumn, grain ? 'period_start' : undefined].filter((k): k is string => k !== undefined);
  const partition = keys.length > 0 ? keys.map(q).join(', ') : undefined;
  const columns = ['*', ...windows.map((a) => `${a.window!(partition)} AS ${q(`${a.name}_w`)}`)];
  ctes.push(`${q('windows')} AS (\n  SELECT\n${indent(columns)}\n  FROM ${q('rows')}\n)`);
  return { ctes, from: q('windows') };
}

/**
 * Each KPI's aggregate columns: rows_N, its aggregates, their division-by-zero flags.
 * `keptOnly`: a filter's division by zero counts only on rows the filter keeps (a breakdown's groups).
 */
export function aggregateColumns(d: SqlDialect, kpis: readonly CompiledKpi[], keptOnly = false): string[] {
  const q = d.ident;
  const columns: string[] = [];
  for (const k of kpis) {
    const n = k.n;
    columns.push(`${countSql(d, k.keep ? q(`keep_${n}`) : undefined)} AS ${q(`rows_${n}`)}`);
    if (k.keep && k.keep.dz !== false) {
      const dz = keptOnly ? `(${q(`keep_${n}`)} AND ${q(`keep_${n}_dz`)})` : q(`keep_${n}_dz`);
      columns.push(`${anyRow(dz)} AS ${q(`keep_${n}_dz`)}`);
    }
    for (const a of k.aggregates) {
      columns.push(`${a.sql} AS ${q(a.name)}`);
      if (a.dz !== false) columns.push(`${anyRow(a.dz)} AS ${q(`${a.name}_dz`)}`);
    }
  }
  return columns;
}

/** A never-null condition: true when `condition` holds for some row of the group. */
export function anyRow(condition: string): string {
  return `(COUNT(CASE WHEN ${condition} THEN 1 END) > 0)`;
}
