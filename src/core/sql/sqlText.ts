/**
 * The SQL of a KPI file as `kpi-lens sql` prints it and **KPI: Show SQL** opens it: each
 * query ending in `;`, then each breakdown's rows-per-value query (its groups query is built
 * from what that one returns, see breakdownSql.ts, so it is only named), then comments naming the derived KPIs (computed from the others'
 * values, not in the SQL) and the KPIs left out, with why.
 */
import * as path from 'node:path';
import type { Analysis } from '../checks/analysis';
import { compileKpiSql, type KpiSqlOptions } from './compileKpis';
import { MAX_GROUPS } from '../evaluation/breakdown';

export interface SqlTextOptions extends Omit<KpiSqlOptions, 'pathOf'> {
  /** Write data file paths relative to this folder (with `/`), e.g. the working directory. */
  relativeTo?: string;
}

export function sqlText(analysis: Analysis, options: SqlTextOptions): string {
  const { relativeTo } = options;
  const compiled = compileKpiSql(analysis, {
    ...options,
    ...(relativeTo !== undefined
      ? { pathOf: (absPath: string) => path.relative(relativeTo, absPath).split(path.sep).join('/') }
      : {}),
  });
  const parts = compiled.queries.map((q) => q.sql.replace(/\n$/, ';\n'));
  for (const b of compiled.breakdowns) {
    const kpis = b.kpis.map((k) => k.kpi).join(', ');
    const then = `-- Then per KPI (${kpis}): the KPI per group, the ${MAX_GROUPS} values with most rows above by name, the rest as (other).\n`;
    parts.push(b.sql.replace(/\n$/, ';\n') + then);
  }
  const notes: string[] = [];
  if (compiled.derived.length > 0) {
    notes.push('-- Derived KPIs, computed from the values above (not in SQL): ' + compiled.derived.join(', '));
  }
  for (const s of compiled.skipped) notes.push(`-- Not computed: ${s.kpi}: ${s.why}`);
  if (parts.length === 0 && notes.length === 0) notes.push('-- No KPI to compute.');
  return [...parts, ...(notes.length > 0 ? [`${notes.join('\n')}\n`] : [])].join('\n');
}
