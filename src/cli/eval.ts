import { missingByColumns } from '../core/evaluation/breakdown';
import { didYouMean } from '../core/common/suggest';
import { resultsToCsv } from '../core/presentation/resultsCsv';
import { resultToJson } from '../core/presentation/resultsJson';
import { unitLabels } from '../core/presentation/resultText';
import { resultsToMarkdown } from '../core/presentation/resultsMarkdown';
import { parseEvalArgs, type EvalOptions } from './args';
import type { Io } from './check';
import { formatEvalTable } from './formats/evalTable';
import { formatText } from './formats/text';
import { countBySeverity, displayPath, locate } from '../core/presentation/locatedFindings';
import { evaluateWithEngines } from './engines/engineResults';
import { assertKpiIds, withAnalyzedKpiFile, type AnalyzedKpiFile } from './workspace';

/** `kpi-lens eval`: every KPI computed on its data; findings as in check, exit codes as in check. */
export async function runEval(args: string[], io: Io): Promise<number> {
  const options = parseEvalArgs(args);
  return withAnalyzedKpiFile(options.files[0]!, options, io, options.engine, (file) => evaluate(options, file, io));
}

async function evaluate(
  options: EvalOptions,
  { absPath, text, analysis, session }: AnalyzedKpiFile,
  io: Io,
): Promise<number> {
  assertKpiIds(analysis, options.kpis);
  const results = await evaluateWithEngines(
    analysis,
    session,
    options.kpis.length > 0 ? new Set(options.kpis) : undefined,
    options.by,
    io.evalThreads,
  );
  // A --by column a source lacks is a note on stderr, never an error: those KPIs are shown without it.
  for (const m of missingByColumns(
    analysis,
    results.map((r) => r.id),
    options.by,
  )) {
    const kpis = m.kpis.map((k) => `"${k}"`).join(', ');
    const which = m.kpis.length === 1 ? `KPI ${kpis} is` : `KPIs ${kpis} are`;
    io.stderr(
      `kpi-lens: --by ${m.column}: source "${m.source}" has no column "${m.column}", so ${which} not broken down by it.${didYouMean(m.matches)}\n`,
    );
  }
  const diagnostics = locate(displayPath(absPath, io.cwd), text, analysis.findings);
  const summary = countBySeverity(diagnostics);
  const labels = unitLabels(analysis.model);
  if (options.format === 'json') {
    io.stdout(JSON.stringify({ kpis: results.map(resultToJson), diagnostics }, null, 2) + '\n');
  } else {
    if (options.format === 'csv') io.stdout(resultsToCsv(results));
    else if (options.format === 'markdown') io.stdout(resultsToMarkdown(results, labels));
    else io.stdout(formatEvalTable(results, labels, io.paint));
    // Findings go to stderr so that stdout stays the report; infos only counted, and said so.
    const shown = diagnostics.filter((d) => d.severity !== 'info');
    io.stderr(formatText(shown, summary, io.paint));
    if (summary.infos > 0) {
      const hint = `${summary.infos} info${summary.infos === 1 ? '' : 's'} not listed here: kpi-lens check ${displayPath(absPath, io.cwd)} lists them.`;
      io.stderr(io.paint.dim(hint) + '\n');
    }
  }
  return summary.errors > 0 ? 1 : 0;
}
