/**
 * Breakdowns (README "Breakdowns"): a sourced KPI computed per distinct value of a column of
 * its source. Groups are ranked by their rows after the KPI's filter (with a grain, rows with
 * a time); the largest MAX_GROUPS are kept, and the rest are computed together as `(other)`,
 * so that the groups' rows always add up to the KPI's.
 */
import { BOOL_FALSE, BOOL_NULL, BOOL_TRUE, type Column, type Table } from '../data/table';
import { MS_PER_DAY } from '../data/dates';
import { evaluateSourcedGroups, type CheckedFormula, type Grouping, type KpiValue, type PeriodValue } from '../formula';
import type { RowGroups } from '../formula/evaluateSourced';
import { compareCodePoints } from '../formula/compileCompare';
import type { Grain } from '../model/kpiFile';
import type { Analysis } from '../checks/analysis';
import { closestMatches } from '../common/suggest';
import { comparisonsOf, type Comparison } from './comparisons';
import { statusOf, type FilledTarget, type Status } from './targetStatus';

/** Groups shown by name; the others are folded into `(other)`. */
export const MAX_GROUPS = 10;
export const NULL_GROUP = '(null)';
export const OTHER_GROUP = '(other)';

/** `value`: rows holding one value; `null`: rows where the column is null; `other`: the folded groups. */
export type GroupKind = 'value' | 'null' | 'other';

/** One group of a breakdown, as `eval` reports it. */
export interface GroupResult {
  /** The value as text (see groupText), `(null)` or `(other)`. */
  group: string;
  kind: GroupKind;
  /** The group's rows: after the filter and, with a grain, with a time (what groups are ranked by). */
  rows: number;
  /** Without a grain, over the group's rows; with one, in the KPI's last period (null when the KPI has none). */
  value: number | null;
  /** Against the KPI's target; null without one. */
  status: Status | null;
  /** With a grain: one entry per period in which the group has rows. */
  series?: PeriodValue[];
  /** With a grain: the KPI's last period against the calendar period before it, in this group. */
  previous?: Comparison | null;
  year_ago?: Comparison | null;
  /** `division-by-zero` when computing this group divided by zero. */
  notes: string[];
}

export interface Breakdown {
  column: string;
  groups: GroupResult[];
}

/** A column's groups as computed, before status and comparisons (what the cache keeps). */
export interface ComputedBreakdown {
  column: string;
  groups: { group: string; kind: GroupKind; rows: number; value: KpiValue }[];
}

interface ColumnGroups extends RowGroups {
  /** Text and kind of each group, by index. */
  labels: { text: string; kind: GroupKind }[];
}

/** Each column's groups, found once per column (read-only, like the periods). */
const COLUMN_GROUPS = new WeakMap<Column, ColumnGroups>();

/**
 * The text a group's value is shown as: text as it is; a number as the shortest text that
 * reads back as it (`3`, `2.5`, `1e+21`); `true` / `false`; a date as `YYYY-MM-DD`, a
 * date-time as `YYYY-MM-DDThh:mm:ssZ` in UTC (with `.sss` when it has milliseconds).
 */
export function groupText(column: Column, row: number): string | null {
  switch (column.type) {
    case 'string': {
      const code = column.codes[row]!;
      return code < 0 ? null : column.dictionary[code]!;
    }
    case 'boolean': {
      const v = column.values[row]!;
      return v === BOOL_NULL ? null : v === BOOL_TRUE ? 'true' : 'false';
    }
    case 'number': {
      const v = column.values[row]!;
      return v !== v ? null : String(v);
    }
    case 'date': {
      const v = column.values[row]!;
      return v !== v ? null : dateText(v);
    }
  }
}

function dateText(ms: number): string {
  const iso = new Date(ms).toISOString();
  if (ms % MS_PER_DAY === 0) return iso.slice(0, iso.indexOf('T'));
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/** Each row's group by the column's value; null is a group of its own. */
export function columnGroups(column: Column): ColumnGroups {
  const known = COLUMN_GROUPS.get(column);
  if (known) return known;
  const ofRow = new Int32Array(column.type === 'string' ? column.codes.length : column.values.length);
  const labels: { text: string; kind: GroupKind }[] = [];
  let nullGroup = -1;
  const nullIndex = (): number => {
    if (nullGroup < 0) {
      nullGroup = labels.length;
      labels.push({ text: NULL_GROUP, kind: 'null' });
    }
    return nullGroup;
  };
  if (column.type === 'string') {
    for (const text of column.dictionary) labels.push({ text, kind: 'value' });
    const codes = column.codes;
    for (let r = 0; r < codes.length; r++) ofRow[r] = codes[r]! < 0 ? nullIndex() : codes[r]!;
  } else if (column.type === 'boolean') {
    const index = new Map<number, number>();
    const values = column.values;
    for (let r = 0; r < values.length; r++) {
      const v = values[r]!;
      if (v === BOOL_NULL) {
        ofRow[r] = nullIndex();
        continue;
      }
      let g = index.get(v);
      if (g === undefined) {
        index.set(v, (g = labels.length));
        labels.push({ text: v === BOOL_FALSE ? 'false' : 'true', kind: 'value' });
      }
      ofRow[r] = g;
    }
  } else {
    // Numbers and dates: one group per value (0 and −0 are one).
    const index = new Map<number, number>();
    const values = column.values;
    for (let r = 0; r < values.length; r++) {
      const v = values[r]!;
      if (v !== v) {
        ofRow[r] = nullIndex();
        continue;
      }
      let g = index.get(v);
      if (g === undefined) {
        index.set(v, (g = labels.length));
        labels.push({ text: groupText(column, r)!, kind: 'value' });
      }
      ofRow[r] = g;
    }
  }
  const groups = { ofRow, count: labels.length, labels };
  COLUMN_GROUPS.set(column, groups);
  return groups;
}

/**
 * The first `limit` groups in the order shown: most rows first, ties by text in code-point
 * order (a value before `(null)` on equal text); groups without rows left out. One pass that
 * keeps the best `limit` so far, not a sort of every group (a column of ids has a group per row).
 */
export function rankGroups(
  rows: Float64Array,
  labels: readonly { text: string; kind: GroupKind }[],
  limit = Infinity,
): number[] {
  const before = (a: number, b: number): boolean =>
    (rows[b]! - rows[a]! ||
      compareCodePoints(labels[a]!.text, labels[b]!.text) ||
      Number(labels[a]!.kind === 'null') - Number(labels[b]!.kind === 'null')) < 0;
  const top: number[] = [];
  for (let g = 0; g < rows.length; g++) {
    if (!(rows[g]! > 0)) continue;
    if (top.length >= limit && !before(g, top[top.length - 1]!)) continue;
    let at = top.length;
    while (at > 0 && before(g, top[at - 1]!)) at--;
    top.splice(at, 0, g);
    if (top.length > limit) top.pop();
  }
  return top;
}

/** One column's groups of a sourced KPI: the largest MAX_GROUPS by rows, then `(other)` for the rest. */
export function computeBreakdown(
  formula: CheckedFormula,
  filter: CheckedFormula | undefined,
  table: Table,
  grouping: Grouping | undefined,
  column: string,
): ComputedBreakdown | undefined {
  const data = table.columns.get(column);
  if (!data) return undefined;
  const groups = columnGroups(data);
  let ranked: number[] = [];
  let folded = false;
  let otherRows = 0;
  const { rows, values } = evaluateSourcedGroups(formula, filter, table, grouping, groups, (rows) => {
    ranked = rankGroups(rows, groups.labels, MAX_GROUPS);
    // Every other group with rows goes into (other), at index MAX_GROUPS.
    const ofGroup = new Int32Array(groups.count).fill(-1);
    for (let g = 0; g < rows.length; g++) {
      if (!(rows[g]! > 0)) continue;
      ofGroup[g] = MAX_GROUPS;
      otherRows += rows[g]!;
    }
    ranked.forEach((g, i) => {
      ofGroup[g] = i;
      otherRows -= rows[g]!;
    });
    folded = otherRows > 0;
    return { ofGroup, count: folded ? MAX_GROUPS + 1 : ranked.length };
  });
  const shown = ranked.map((g, i) => ({
    group: groups.labels[g]!.text,
    kind: groups.labels[g]!.kind,
    rows: rows[g]!,
    value: values[i]!,
  }));
  if (folded) shown.push({ group: OTHER_GROUP, kind: 'other', rows: otherRows, value: values[MAX_GROUPS]! });
  return { column, groups: shown };
}

/** A computed breakdown with each group's status and, with a grain, its series and comparisons at the KPI's last period. */
export function breakdownResult(
  computed: ComputedBreakdown,
  kpiSeries: readonly PeriodValue[] | undefined,
  grain: Grain | undefined,
  target: FilledTarget | null,
): Breakdown {
  const last = kpiSeries?.[kpiSeries.length - 1];
  return {
    column: computed.column,
    groups: computed.groups.map(({ group, kind, rows, value }) => {
      const series = value.series ?? [];
      return {
        group,
        kind,
        rows,
        value: value.value,
        status: target ? statusOf(value.value, target) : null,
        ...(grain
          ? {
              series,
              ...(last
                ? comparisonsOf(series, grain, { period: last.period, start: last.start, value: value.value })
                : { previous: null, year_ago: null }),
            }
          : {}),
        notes: value.divisionByZero ? ['division-by-zero'] : [],
      };
    }),
  };
}

/** A `--by` column that the source of some returned KPIs lacks: those KPIs are not broken down by it. */
export interface MissingByColumn {
  column: string;
  source: string;
  kpis: string[];
  /** Did-you-mean: the source's closest column names. */
  matches: string[];
}

/**
 * The `--by` columns each readable source of the returned sourced KPIs lacks, one entry per
 * column and source, in the order of `by` and of the sources' first KPIs.
 */
export function missingByColumns(
  analysis: Pick<Analysis, 'model' | 'sources'>,
  returned: readonly string[],
  by: readonly string[],
): MissingByColumn[] {
  const ids = new Set(returned);
  const missing: MissingByColumn[] = [];
  for (const column of new Set(by)) {
    const bySource = new Map<string, MissingByColumn>();
    for (const kpi of analysis.model.kpis) {
      if (!kpi.id || !ids.has(kpi.id.value) || !kpi.source) continue;
      const source = kpi.source.value;
      const state = analysis.sources.get(source);
      if (state?.status !== 'ok' || state.table.columns.has(column)) continue;
      let entry = bySource.get(source);
      if (!entry) {
        entry = { column, source, kpis: [], matches: closestMatches(column, state.table.columns.keys()) };
        bySource.set(source, entry);
        missing.push(entry);
      }
      if (!entry.kpis.includes(kpi.id.value)) entry.kpis.push(kpi.id.value);
    }
  }
  return missing;
}
