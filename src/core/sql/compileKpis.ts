/**
 * Checked KPI definitions → SQL: one query per (source, grain) computing every sourced
 * KPI on it, with SPEC 3's semantics written out rather than left to the engine (see
 * expression.ts and aggregateSql.ts). Derived KPIs are not in the SQL: they are computed
 * from the sourced KPIs' values by the core's own evaluateDerived, the second step of
 * sqlResults.ts, so that their period matching and null rules are exactly the core's.
 *
 * The query of a source and grain reads:
 *   source      the used columns, converted: numbers to doubles, dates to epoch ms (UTC)
 *   rows        each row's period start (grained: rows with a null time left out) and,
 *               per KPI with a filter, whether the filter keeps it
 *   windows     (dialects without a percentile aggregate) percentiles as windows
 *   aggregates  per period: each KPI's row count after its filter, its aggregates and
 *               their division-by-zero flags
 *   result      per period, ordered by time: `period`, `start`, then per KPI
 *               rows_N (rows after the filter: an entry exists when > 0), kpi_N (the value),
 *               note_N (a division by zero happened; only when one can)
 * A period is in the result when any row falls in it; a KPI's series keeps those where its
 * rows_N > 0 (SPEC 3: periods without rows after `filter` are omitted).
 */
import * as fs from 'node:fs';
import type { Analysis } from '../checks/analysis';
import { formatOf } from '../data/sources';
import type { Grain, Kpi, Source } from '../model/kpiFile';
import { kpiBlockers } from '../evaluation/evaluate';
import { UncheckedFormulaError } from '../formula/compiled';
import type { ColumnType } from '../model/kpiFile';
import type { DialectName, SqlDialect } from './dialect';
import { castDouble } from './dialect';
import { dialectOf } from './dialects';
import { aggregateSql, type AggregateParts } from './aggregateSql';
import { anyOf, asNumber, both, isTrue, toSql, type Cond, type SqlEnv } from './expression';
import { aggregateColumns, indent, rowSteps, type CompiledKpi } from './queryParts';
import { breakdownQuery, type BreakdownQuery } from './breakdownSql';

/** Where a source's rows come from in the SQL. */
export interface SqlSource {
  /** A table expression for FROM: a table name, `(SELECT …)`, DuckDB's `READ_CSV(…)`. */
  from: string;
  /**
   * Columns that arrive as text and are read as SPEC 2 says (every column of a CSV file
   * read as VARCHAR); the others arrive in native types (DOUBLE, BOOLEAN, DATE, TIMESTAMP…).
   */
  textColumns?: ReadonlySet<string> | 'all';
}

export interface KpiSqlOptions {
  dialect: DialectName | SqlDialect;
  /** Only these KPIs (and the KPIs their formulas use); default every KPI. */
  kpis?: readonly string[];
  /**
   * The table of a source, or why it has none here (its KPIs are then skipped with that
   * reason); undefined, or no tableOf: the data file where the dialect reads files, else the
   * source's name.
   */
  tableOf?(source: Source): SqlSource | { why: string } | undefined;
  /** How a data file's path is written in the SQL (default: absolute), e.g. relative to the working directory. */
  pathOf?(absPath: string): string;
  /** Columns to break every sourced KPI down by, after those of its `breakdown:` (`eval --by`). */
  by?: readonly string[];
}

/** The result columns of one KPI in its query. */
export interface KpiColumns {
  kpi: string;
  /** Rows after the filter in the period (a series entry exists when > 0). */
  rows: string;
  value: string;
  /** True in a period where a division by zero happened; absent when none can. */
  note?: string;
}

export interface KpiQuery {
  source: string;
  /** Undefined: one row over every row after the filter. */
  grain: Grain | undefined;
  sql: string;
  /** With a grain: the result columns holding each period's label and first day (`YYYY-MM-DD`). */
  period?: { label: string; start: string };
  columns: KpiColumns[];
}

export interface KpiSql {
  dialect: DialectName;
  queries: KpiQuery[];
  /**
   * Breakdowns (README "Breakdowns"), one per source, grain and column of a computed KPI's
   * `breakdown:` or `by` that its source has: rows per value first, then (breakdownSql.ts) the
   * KPI per group. In the order of the queries, then of the columns.
   */
  breakdowns: BreakdownQuery[];
  /** Derived KPIs: computed from the others' values (sqlResults.ts), not in the SQL. */
  derived: string[];
  /** KPIs that cannot be computed, and why (a finding, or what the SQL cannot express). */
  skipped: { kpi: string; why: string }[];
}

/** The SQL of an analysis' KPIs. */
export function compileKpiSql(analysis: Analysis, options: KpiSqlOptions): KpiSql {
  const dialect = typeof options.dialect === 'string' ? dialectOf(options.dialect) : options.dialect;
  const selected = selectKpis(analysis, options.kpis);
  const blockers = kpiBlockers(analysis);
  const skipped: KpiSql['skipped'] = [];
  const derived: string[] = [];
  const groups = new Map<string, { source: Source; grain: Grain | undefined; kpis: Kpi[] }>();
  for (const kpi of selected) {
    const id = kpi.id!.value;
    const why = blockers(kpi);
    if (why) {
      skipped.push({ kpi: id, why });
      continue;
    }
    if (!kpi.source) {
      derived.push(id);
      continue;
    }
    const source = analysis.model.sources.find((s) => s.name === kpi.source!.value)!;
    const grain = kpi.grain?.value;
    const key = `${source.name}\u0000${grain ?? ''}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { source, grain, kpis: [] }));
    group.kpis.push(kpi);
  }
  const queries: KpiQuery[] = [];
  const breakdowns: BreakdownQuery[] = [];
  for (const group of groups.values()) {
    const query = compileQuery(analysis, dialect, group.source, group.grain, group.kpis, options, skipped, breakdowns);
    if (query) queries.push(query);
  }
  return { dialect: dialect.name, queries, breakdowns, derived, skipped };
}

/** The KPIs asked for, with every KPI a derived one among them uses, in file order. */
function selectKpis(analysis: Analysis, only: readonly string[] | undefined): Kpi[] {
  const withId = analysis.model.kpis.filter((k) => k.id);
  if (!only) return withId;
  const byId = new Map(withId.map((k) => [k.id!.value, k]));
  const wanted = new Set<Kpi>();
  const add = (kpi: Kpi | undefined): void => {
    if (!kpi || wanted.has(kpi)) return;
    wanted.add(kpi);
    for (const edge of analysis.graph.edges.get(kpi) ?? []) add(edge.to);
  };
  for (const id of only) add(byId.get(id));
  return withId.filter((k) => wanted.has(k));
}

/** The default table of a source: its data file where the dialect reads files, else its name. */
function defaultTable(
  analysis: Analysis,
  dialect: SqlDialect,
  source: Source,
  pathOf: (absPath: string) => string,
): SqlSource | { why: string } {
  const state = analysis.sources.get(source.name);
  if (!dialect.readFile || state?.status !== 'ok') return { from: dialect.ident(source.name) };
  const format = formatOf(source);
  const columns = [...state.table.columns].map(([name, column]) => ({ name, type: column.type }));
  const tsv = (source.path?.value ?? '').toLowerCase().endsWith('.tsv');
  const delimiter = source.delimiter?.value ?? (tsv ? '\t' : ',');
  const head = headOf(state.absPath);
  // DuckDB's JSON reader refuses a byte order mark, which the core accepts.
  if (format !== 'csv' && head.startsWith('\uFEFF'))
    return {
      why: `${dialect.name} cannot read ${source.path?.value ?? 'its data file'}: it starts with a byte order mark`,
    };
  const skipLines = format === 'csv' ? leadingBlankLines(head) : 0;
  const from = dialect.readFile({ absPath: pathOf(state.absPath), format, delimiter, columns, skipLines });
  const textColumns = format === 'csv' ? 'all' : new Set(columns.filter((c) => c.type === 'date').map((c) => c.name));
  return { from, textColumns };
}

/** The first 4 KB of a file as text ('' when it cannot be read: the core read it, so it can). */
function headOf(absPath: string): string {
  try {
    const fd = fs.openSync(absPath, 'r');
    try {
      const buffer = Buffer.alloc(4096);
      return buffer.subarray(0, fs.readSync(fd, buffer, 0, buffer.length, 0)).toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return '';
  }
}

/** Blank lines before a CSV file's header (the core skips them; an engine would read one as the header). */
function leadingBlankLines(head: string): number {
  const blank = head.replace(/^\uFEFF/, '').match(/^(?:\r\n|\r|\n)*/)![0];
  return (blank.match(/\r\n|\r|\n/g) ?? []).length;
}

/** A column of the source as the formulas see it: numbers as doubles, dates as epoch ms. */
function convertColumn(dialect: SqlDialect, name: string, type: ColumnType, text: boolean): string {
  const column = dialect.ident(name);
  switch (type) {
    case 'number':
      // Text is a SPEC 2 number (the core checked it), never NaN; a native double may hold one.
      return text ? castDouble(dialect, column) : dialect.notNaN(castDouble(dialect, column));
    case 'boolean':
      return text ? dialect.booleanOfText(column) : column;
    case 'string':
      return column;
    case 'date':
      if (!text) return dialect.epochMsOfNative(column);
      if (!dialect.epochMsOfText) throw new UncheckedFormulaError(`${dialect.name} cannot read dates from text`);
      return dialect.epochMsOfText(column);
  }
}

function compileQuery(
  analysis: Analysis,
  d: SqlDialect,
  source: Source,
  grain: Grain | undefined,
  kpis: Kpi[],
  options: KpiSqlOptions,
  skipped: KpiSql['skipped'],
  breakdowns: BreakdownQuery[],
): KpiQuery | undefined {
  const state = analysis.sources.get(source.name);
  if (state?.status !== 'ok') {
    for (const kpi of kpis) skipped.push({ kpi: kpi.id!.value, why: `its source "${source.name}" could not be read` });
    return undefined;
  }
  const table = options.tableOf?.(source) ?? defaultTable(analysis, d, source, options.pathOf ?? ((p) => p));
  if ('why' in table) {
    for (const kpi of kpis) skipped.push({ kpi: kpi.id!.value, why: table.why });
    return undefined;
  }
  const types = state.table.columns;
  const used = new Map<string, string>();
  const columnOf = (name: string): string => {
    let alias = used.get(name);
    if (alias === undefined) used.set(name, (alias = `c${used.size + 1}`));
    return alias;
  };
  const time = grain ? columnOf(source.time!.value) : undefined;
  const compiled: CompiledKpi[] = [];
  for (const kpi of kpis) {
    const n = compiled.length + 1;
    const before = new Map(used);
    try {
      compiled.push(compileKpi(d, kpi, n, analysis, types, columnOf, grain !== undefined));
    } catch (error) {
      if (!(error instanceof UncheckedFormulaError)) throw error;
      used.clear();
      for (const [k, v] of before) used.set(k, v);
      skipped.push({ kpi: kpi.id!.value, why: `it cannot be written in SQL: ${error.message}` });
    }
  }
  if (compiled.length === 0) return undefined;

  const text = (name: string): boolean => table.textColumns === 'all' || (table.textColumns?.has(name) ?? false);
  const convert = (columns: ReadonlyMap<string, string>): string[] =>
    [...columns].map(
      ([name, alias]) => `${convertColumn(d, name, types.get(name)!.type, text(name))} AS ${d.ident(alias)}`,
    );
  let converted: string[];
  try {
    converted = convert(used);
  } catch (error) {
    if (!(error instanceof UncheckedFormulaError)) throw error;
    for (const k of compiled) skipped.push({ kpi: k.kpi, why: `it cannot be written in SQL: ${error.message}` });
    return undefined;
  }
  // Breakdowns: the columns each computed KPI is broken down by that its source has (the others have none, as in memory).
  const columnsOf = (id: string): string[] => {
    const kpi = kpis.find((k) => k.id!.value === id)!;
    const named = [...(kpi.breakdown?.items.map((i) => i.value) ?? []), ...(options.by ?? [])];
    return [...new Set(named)].filter((c) => types.has(c));
  };
  const byColumn = new Map<string, CompiledKpi[]>();
  for (const k of compiled) for (const c of columnsOf(k.kpi)) byColumn.set(c, [...(byColumn.get(c) ?? []), k]);
  for (const [column, wanting] of byColumn) {
    const withColumn = new Map(used);
    if (!withColumn.has(column)) withColumn.set(column, `c${withColumn.size + 1}`);
    let columns: string[];
    try {
      columns = convert(withColumn);
    } catch (error) {
      if (!(error instanceof UncheckedFormulaError)) throw error;
      continue;
    }
    const alias = withColumn.get(column)!;
    const type = types.get(column)!.type;
    breakdowns.push(
      breakdownQuery(d, { source, grain, from: table.from, converted: columns, time }, column, alias, type, wanting),
    );
  }
  return assemble(d, source, grain, table, converted, time, compiled);
}

function compileKpi(
  d: SqlDialect,
  kpi: Kpi,
  n: number,
  analysis: Analysis,
  types: ReadonlyMap<string, { type: ColumnType }>,
  columnOf: (name: string) => string,
  grouped: boolean,
): CompiledKpi {
  const checked = analysis.formulas.get(kpi.index)!;
  const rowEnv: SqlEnv = {
    dialect: d,
    identifier: (node) => {
      const column = types.get(node.name);
      if (!column) throw new UncheckedFormulaError(`no column ${node.name}`);
      return { type: column.type, sql: d.ident(columnOf(node.name)), dz: false };
    },
    aggregate: (node) => {
      throw new UncheckedFormulaError(`${node.name}() inside a row expression`);
    },
  };
  let keep: CompiledKpi['keep'];
  if (checked.filter?.expr) {
    const filter = toSql(checked.filter.expr, rowEnv);
    if (filter.type !== 'boolean' && filter.type !== 'null')
      throw new UncheckedFormulaError(`the filter is ${filter.type}`);
    keep = { sql: filter.type === 'null' ? 'FALSE' : isTrue(filter.sql), dz: filter.dz };
  }
  const kept = keep ? d.ident(`keep_${n}`) : undefined;
  const rows = d.ident(`rows_${n}`);
  const aggregates: AggregateParts[] = [];
  const outerEnv: SqlEnv = {
    dialect: d,
    identifier: (node) => {
      throw new UncheckedFormulaError(`column ${node.name} outside an aggregate`);
    },
    aggregate: (node) => {
      if (node.name === 'count' && node.args.length === 0) return { type: 'number', sql: rows, dz: false };
      const parts = aggregateSql(node, { dialect: d, rowEnv, kept, name: `a${n}_${aggregates.length + 1}` });
      aggregates.push(parts);
      return { type: 'number', sql: d.ident(parts.name), dz: parts.dz === false ? false : d.ident(`${parts.name}_dz`) };
    },
  };
  const outer = toSql(checked.formula!.expr!, outerEnv);
  if (outer.type !== 'number' && outer.type !== 'date' && outer.type !== 'null')
    throw new UncheckedFormulaError(`the formula gives a ${outer.type}, not a number`);
  const value = asNumber(d, outer);
  const keepNote: Cond = keep?.dz === false || !keep ? false : d.ident(`keep_${n}_dz`);
  const note = anyOf(keepNote, grouped ? both(`${rows} > 0`, value.dz) : value.dz);
  return { kpi: kpi.id!.value, n, keep, aggregates, value: value.sql, note, valueDz: value.dz };
}

function assemble(
  d: SqlDialect,
  source: Source,
  grain: Grain | undefined,
  table: SqlSource,
  converted: string[],
  time: string | undefined,
  kpis: CompiledKpi[],
): KpiQuery {
  const q = d.ident;
  const steps = rowSteps(d, grain, table.from, converted, time, kpis);
  const ctes = steps.ctes;
  const aggregates = [...(grain ? [q('period_start')] : []), ...aggregateColumns(d, kpis)];
  const groupBy = grain ? `\n  GROUP BY ${q('period_start')}` : '';
  ctes.push(`${q('aggregates')} AS (\n  SELECT\n${indent(aggregates)}\n  FROM ${steps.from}${groupBy}\n)`);

  const resultColumns: string[] = [];
  if (grain) {
    resultColumns.push(`${d.periodLabel(q('period_start'), grain)} AS ${q('period')}`);
    resultColumns.push(`${d.dateText(q('period_start'))} AS ${q('start')}`);
  }
  const columns: KpiColumns[] = [];
  kpis.forEach((k, i) => {
    const n = i + 1;
    resultColumns.push(`${q(`rows_${n}`)}`);
    resultColumns.push(`${k.value} AS ${q(`kpi_${n}`)}`);
    if (k.note !== false) resultColumns.push(`${k.note} AS ${q(`note_${n}`)}`);
    columns.push({
      kpi: k.kpi,
      rows: `rows_${n}`,
      value: `kpi_${n}`,
      ...(k.note !== false ? { note: `note_${n}` } : {}),
    });
  });
  const orderBy = grain ? `\nORDER BY ${q('period_start')}` : '';
  const header = [
    `-- KPI Lens (${d.name}): source "${source.name}", ${grain ? `grain ${grain}` : 'no grain'}`,
    ...columns.map((c) => `--   ${c.kpi}: ${c.value}${c.note ? `, note ${c.note}` : ''}, rows after filter ${c.rows}`),
  ].join('\n');
  const sql = `${header}\nWITH\n${ctes.join(',\n')}\nSELECT\n${indent(resultColumns).replace(/^ {2}/gm, '')}\nFROM ${q('aggregates')}${orderBy}\n`;
  return {
    source: source.name,
    grain,
    sql,
    ...(grain ? { period: { label: 'period', start: 'start' } } : {}),
    columns,
  };
}
