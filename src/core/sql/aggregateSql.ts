/**
 * One aggregate call as SQL over the rows of a period (formula/aggregates.ts's semantics):
 * rows the KPI's filter drops and rows its `where` does not hold for (a null `where` counts
 * as false) are left out by a CASE, which every engine has (FILTER is not in BigQuery or
 * Snowflake). `sum` of nothing is 0, `pct`/`share` of no rows null, `percentile` the
 * continuous one with linear interpolation, counts doubles.
 */
import type { Call } from '../formula/ast';
import { compile } from '../formula/compile';
import { asNumber as asCompiledNumber, UncheckedFormulaError } from '../formula/compiled';
import type { SqlDialect } from './dialect';
import { castDouble } from './dialect';
import { anyOf, asBoolean, asNumber, both, countSql, isTrue, toSql, type Cond, type SqlEnv } from './expression';

export interface AggregateParts {
  /** The column name in the aggregates step. */
  name: string;
  /** The aggregate over the rows of a group. */
  sql: string;
  /** Per row: a division by zero happened in a row the aggregate evaluated (false: never). */
  dz: Cond;
  /** For a dialect without a percentile aggregate: the window giving it on each row. */
  window?: (partition: string | undefined) => string;
}

export interface AggregateContext {
  dialect: SqlDialect;
  rowEnv: SqlEnv;
  /** The never-null column saying the KPI's filter keeps the row; undefined without a filter. */
  kept: string | undefined;
  name: string;
}

/** The percentile's p as the core computes it: a constant (the checker made sure). */
function constantP(call: Call): number {
  const c = compile(call.args[1]!, {
    identifier: () => {
      throw new UncheckedFormulaError('the percentile reads a column');
    },
    aggregate: () => {
      throw new UncheckedFormulaError('the percentile holds an aggregate');
    },
    divisionByZero: () => {
      throw new UncheckedFormulaError('the percentile divides by zero');
    },
  });
  return asCompiledNumber(c, 'percentile').f(0);
}

export function aggregateSql(call: Call, ctx: AggregateContext): AggregateParts {
  const d = ctx.dialect;
  const { kept, name } = ctx;
  const where = call.where ? asBoolean(d, toSql(call.where.predicate, ctx.rowEnv)) : undefined;
  const guard = [kept, where?.sql].filter((s): s is string => s !== undefined).join(' AND ') || undefined;
  const only = (x: string): string => (guard === undefined ? x : `CASE WHEN ${guard} THEN ${x} END`);
  // A row's expressions run when the filter keeps it: first the where, then (when it holds) the argument.
  const rowDz = (argDz: Cond): Cond =>
    both(kept ?? 'TRUE', where ? anyOf(where.dz, both(isTrue(where.sql), argDz)) : argDz);
  const rows = countSql(d, kept);

  switch (call.name) {
    case 'count':
    case 'pct':
    case 'share': {
      const p = asBoolean(d, toSql(call.args[0]!, ctx.rowEnv));
      const count = countSql(d, [kept, p.sql].filter((s) => s !== undefined).join(' AND '));
      const sql =
        call.name === 'count'
          ? count
          : call.name === 'pct'
            ? `((${d.number(100)} * ${count}) / NULLIF(${rows}, 0))`
            : `(${count} / NULLIF(${rows}, 0))`;
      return { name, sql, dz: rowDz(p.dz) };
    }
    case 'sum':
    case 'avg':
    case 'min':
    case 'max': {
      const x = asNumber(d, toSql(call.args[0]!, ctx.rowEnv));
      const fn = call.name.toUpperCase();
      let sql = `${fn}(${only(x.sql)})`;
      if (call.name === 'sum') sql = `COALESCE(SUM(${only(x.sql)}), ${d.number(0)})`;
      return { name, sql, dz: rowDz(x.dz) };
    }
    case 'median':
    case 'percentile': {
      const x = asNumber(d, toSql(call.args[0]!, ctx.rowEnv));
      const q = (call.name === 'median' ? 50 : constantP(call)) / 100;
      const dz = rowDz(x.dz);
      if (!(q >= 0 && q <= 1)) return { name, sql: castDouble(d, 'NULL'), dz };
      if (d.percentileAggregate) return { name, sql: d.percentileAggregate(only(x.sql), q), dz };
      const window = d.percentileWindow;
      if (!window) throw new UncheckedFormulaError(`${d.name} has no percentile`);
      return {
        name,
        sql: `MAX(${d.ident(`${name}_w`)})`,
        dz,
        window: (partition) => window(only(x.sql), q, partition),
      };
    }
    case 'count_distinct': {
      const x = toSql(call.args[0]!, ctx.rowEnv);
      const dz = rowDz(x.dz);
      if (x.type === 'null') return { name, sql: d.number(0), dz };
      const value = x.type === 'string' ? d.byCodePoint(x.sql) : x.sql;
      return { name, sql: castDouble(d, `COUNT(DISTINCT ${only(value)})`), dz };
    }
    default:
      throw new UncheckedFormulaError(`${call.name} is not an aggregate`);
  }
}
