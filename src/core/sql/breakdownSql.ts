/**
 * A breakdown's SQL (README "Breakdowns"), in two steps so that the groups are exactly the
 * core's (breakdown.ts): the ranking ties by the group's text, which for numbers is the text
 * JavaScript prints, and so is done in TypeScript (breakdownResults.ts) on what the first
 * query returns.
 *   counts   per value of the column (numbers and dates as the formulas see them: doubles,
 *            epoch ms), each KPI's rows after its filter (with a grain: rows with a time)
 *   groups   per KPI, once its shown values are known: each row's group (the shown value's
 *            index, or MAX_GROUPS for `(other)`), then the KPI per group (and period) as in
 *            its own query; with a grain also its value over no rows (`empty_value`), which
 *            is a group's value when it has no rows in the KPI's last period
 */
import type { ColumnType, Grain, Source } from '../model/kpiFile';
import { MAX_GROUPS } from '../evaluation/breakdown';
import type { SqlDialect } from './dialect';
import { countSql } from './expression';
import { aggregateColumns, indent, rowSteps, type CompiledKpi } from './queryParts';

/** A value of a breakdown column as the SQL returns it: null for the null group. */
export type GroupValue = number | boolean | string | null;

export interface BreakdownQuery {
  source: string;
  grain: Grain | undefined;
  column: string;
  /** The column's type: how `value` reads (numbers and dates as numbers, dates epoch ms). */
  type: ColumnType;
  /** Rows per value: result columns `value`, then each KPI's `rows`. */
  sql: string;
  kpis: { kpi: string; rows: string }[];
  /**
   * The SQL of `kpi` per group, `shown` the values of the groups shown by name in order (the
   * rest folded into group MAX_GROUPS): result columns `grp`, with a grain `period` and
   * `start`, then `group_rows`, `group_value`, `group_note`, with a grain `empty_value`,
   * `empty_note`; ordered by group and period.
   */
  groupsSql(kpi: string, shown: readonly GroupValue[]): string;
}

/** Where the rows come from: the same steps as the KPIs' own query, the column added. */
export interface BreakdownFrom {
  source: Source;
  grain: Grain | undefined;
  from: string;
  converted: string[];
  time: string | undefined;
}

export function breakdownQuery(
  d: SqlDialect,
  at: BreakdownFrom,
  column: string,
  alias: string,
  type: ColumnType,
  kpis: readonly CompiledKpi[],
): BreakdownQuery {
  const q = d.ident;
  const { grain, time } = at;
  const header = `-- KPI Lens (${d.name}): source "${at.source.name}", ${grain ? `grain ${grain}` : 'no grain'}, breakdown by ${column}`;

  // The counts need no aggregate (nor percentile window), only each KPI's filter.
  const filters = kpis.map((k) => ({ ...k, aggregates: [] }));
  const counts = rowSteps(d, grain, at.from, at.converted, time, filters);
  const countColumns = [
    `${q(alias)} AS ${q('value')}`,
    ...kpis.map((k) => `${countSql(d, k.keep ? q(`keep_${k.n}`) : undefined)} AS ${q(`rows_${k.n}`)}`),
  ];
  const sql =
    `${header}: rows per value\nWITH\n${counts.ctes.join(',\n')}\n` +
    `SELECT\n${indent(countColumns).replace(/^ {2}/gm, '')}\nFROM ${q('rows')}\nGROUP BY ${q(alias)}\n`;

  const groupsSql = (kpi: string, shown: readonly GroupValue[]): string => {
    const k = kpis.find((c) => c.kpi === kpi);
    if (!k) throw new Error(`KPI "${kpi}" is not broken down by ${column}`);
    const value = q(alias);
    const when = shown.map((v, i) => `WHEN ${matches(d, value, type, v)} THEN ${i}`);
    const group = `CASE ${[...when, `ELSE ${MAX_GROUPS}`].join(' ')} END AS ${q('grp')}`;
    const steps = rowSteps(d, grain, at.from, at.converted, time, [k], [group], 'grp');
    const ctes = steps.ctes;
    const keys = [q('grp'), ...(grain ? [q('period_start')] : [])];
    const aggregates = [...keys, ...aggregateColumns(d, [k], true)];
    ctes.push(
      `${q('aggregates')} AS (\n  SELECT\n${indent(aggregates)}\n  FROM ${steps.from}\n  GROUP BY ${keys.join(', ')}\n)`,
    );
    const result = [q('grp')];
    let from = q('aggregates');
    if (grain) {
      // The formula over no rows (SPEC 3): one row of the aggregates over none.
      const none = aggregateColumns(d, [k], true);
      ctes.push(`${q('no_rows')} AS (\n  SELECT\n${indent(none)}\n  FROM ${steps.from}\n  WHERE FALSE\n)`);
      const empty = [
        `${k.value} AS ${q('empty_value')}`,
        `${k.valueDz === false ? 'FALSE' : k.valueDz} AS ${q('empty_note')}`,
      ];
      ctes.push(`${q('empty')} AS (\n  SELECT\n${indent(empty)}\n  FROM ${q('no_rows')}\n)`);
      result.push(`${d.periodLabel(q('period_start'), grain)} AS ${q('period')}`);
      result.push(`${d.dateText(q('period_start'))} AS ${q('start')}`);
      from = `${q('aggregates')} CROSS JOIN ${q('empty')}`;
    }
    result.push(`${q(`rows_${k.n}`)} AS ${q('group_rows')}`);
    result.push(`${k.value} AS ${q('group_value')}`);
    result.push(`${k.note === false ? 'FALSE' : k.note} AS ${q('group_note')}`);
    if (grain) result.push(q('empty_value'), q('empty_note'));
    const order = keys.join(', ');
    return (
      `${header}: ${kpi} per group\nWITH\n${ctes.join(',\n')}\n` +
      `SELECT\n${indent(result).replace(/^ {2}/gm, '')}\nFROM ${from}\nORDER BY ${order}\n`
    );
  };

  return {
    source: at.source.name,
    grain,
    column,
    type,
    sql,
    kpis: kpis.map((k) => ({ kpi: k.kpi, rows: `rows_${k.n}` })),
    groupsSql,
  };
}

/** The condition that the column's value (`value`, as the formulas see it) is `v`. */
function matches(d: SqlDialect, value: string, type: ColumnType, v: GroupValue): string {
  if (v === null) return `${value} IS NULL`;
  if (typeof v === 'string') return `${d.byCodePoint(value)} = ${d.byCodePoint(d.string(v))}`;
  if (typeof v === 'boolean') return `${value} = ${v ? 'TRUE' : 'FALSE'}`;
  if (type === 'string') return `${d.byCodePoint(value)} = ${d.byCodePoint(d.string(String(v)))}`;
  return `${value} = ${d.number(v)}`;
}
