import { parseSqlArgs, type SqlOptions } from './args';
import type { Io } from './check';
import { formatText } from './formats/text';
import { countBySeverity, displayPath, locate } from '../core/presentation/locatedFindings';
import { sqlText } from '../core/sql/sqlText';
import { compilerView, engineTableOf } from '../core/sql/engineView';
import { assertKpiIds, withAnalyzedKpiFile, type AnalyzedKpiFile } from './workspace';

/**
 * `kpi-lens sql`: the SQL computing the KPIs on stdout (data file paths relative to the
 * working directory, so DuckDB run from there reads them); warnings and errors on stderr;
 * exit codes as for eval. A database, Parquet or glob source is described by its engine
 * (its columns and types, as eval does) and read from its table, query or files in the SQL.
 */
export async function runSql(args: string[], io: Io): Promise<number> {
  const options = parseSqlArgs(args);
  return withAnalyzedKpiFile(options.files[0]!, options, io, 'memory', (file) => printSql(options, file, io));
}

function printSql(options: SqlOptions, { absPath, text, analysis, specs }: AnalyzedKpiFile, io: Io): number {
  assertKpiIds(analysis, options.kpis);
  io.stdout(
    sqlText(compilerView(analysis), {
      dialect: options.dialect,
      tableOf: engineTableOf(specs),
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
