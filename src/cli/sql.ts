import { UsageError, parseSqlArgs } from './args';
import type { Io } from './check';
import { formatText } from './formats/text';
import { countBySeverity, displayPath, locate } from '../core/presentation/locatedFindings';
import { sqlText } from '../core/sql/sqlText';
import { analyzeForCli, readKpiFile } from './workspace';

/**
 * `kpi-lens sql`: the SQL computing the KPIs on stdout (data file paths relative to the
 * working directory, so DuckDB run from there reads them); warnings and errors on stderr;
 * exit codes as for eval.
 */
export function runSql(args: string[], io: Io): number {
  const options = parseSqlArgs(args);
  const { absPath, text, notUtf8 } = readKpiFile(options.files[0]!, io.cwd);
  const analysis = analyzeForCli(absPath, text, io.cwd, options, io.loader, notUtf8);
  const ids = new Set(analysis.model.kpis.flatMap((k) => (k.id ? [k.id.value] : [])));
  const unknown = options.kpis.filter((id) => !ids.has(id));
  if (unknown.length > 0) {
    throw new UsageError(
      `no KPI with the id ${unknown.map((u) => `"${u}"`).join(', ')} (KPIs: ${[...ids].join(', ')})`,
    );
  }
  io.stdout(
    sqlText(analysis, {
      dialect: options.dialect,
      relativeTo: io.cwd,
      ...(options.kpis.length > 0 ? { kpis: options.kpis } : {}),
    }),
  );
  const diagnostics = locate(displayPath(absPath, io.cwd), text, analysis.findings);
  const summary = countBySeverity(diagnostics);
  io.stderr(
    formatText(
      diagnostics.filter((d) => d.severity !== 'info'),
      summary,
      io.paint,
    ),
  );
  return summary.errors > 0 ? 1 : 0;
}
