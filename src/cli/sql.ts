import { parseSqlArgs, type SqlOptions } from './args';
import type { EngineSession } from './engines/session';
import type { Io } from './check';
import { formatText } from './formats/text';
import { countBySeverity, displayPath, locate } from '../core/presentation/locatedFindings';
import { sqlText } from '../core/sql/sqlText';
import { compilerView, engineTableOf } from '../core/sql/engineView';
import { analyzeWithEngines, assertKpiIds, readKpiFile, withSession } from './workspace';

/**
 * `kpi-lens sql`: the SQL computing the KPIs on stdout (data file paths relative to the
 * working directory, so DuckDB run from there reads them); warnings and errors on stderr;
 * exit codes as for eval. A database, Parquet or glob source is described by its engine
 * (its columns and types, as eval does) and read from its table, query or files in the SQL.
 */
export async function runSql(args: string[], io: Io): Promise<number> {
  const options = parseSqlArgs(args);
  const { absPath, text, notUtf8 } = readKpiFile(options.files[0]!, io.cwd);
  return withSession(absPath, io, options.allowOutside, (session) =>
    printSql(options, absPath, text, notUtf8, io, session),
  );
}

async function printSql(
  options: SqlOptions,
  absPath: string,
  text: string,
  notUtf8: boolean,
  io: Io,
  session: EngineSession,
): Promise<number> {
  const { analysis, specs } = await analyzeWithEngines(absPath, text, io.cwd, options, io.loader, notUtf8, session);
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
