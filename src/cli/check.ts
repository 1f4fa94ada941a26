import type { EvaluationThreads } from '../core/evaluation/sourcedInParallel';
import type { DataLoader } from '../core/data/sources';
import { parseCheckArgs } from './args';
import { formatGithub } from './formats/github';
import { formatJson } from './formats/checkJson';
import { formatSarif } from './formats/sarif';
import { formatText } from './formats/text';
import { countBySeverity, displayPath, locate, type Located } from '../core/presentation/locatedFindings';
import type { Paint } from './paint';
import { analyzeWithEngines, readKpiFile, withSession } from './workspace';

export interface Io {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  paint: Paint;
  loader: DataLoader;
  /** Environment variables, for the passwords of connections (`password_env`); default process.env. */
  env?: NodeJS.ProcessEnv;
  /** The whole of stdin (read by `kpi-lens engines` only). */
  stdin?: () => Promise<string>;
  /** Threads computing the KPIs of in-memory sources (`kpi-lens eval`); default this one. */
  evalThreads?: EvaluationThreads;
}

/** `kpi-lens check`: every finding of every file; exit 1 on an error or too many warnings. */
export async function runCheck(args: string[], io: Io): Promise<number> {
  const options = parseCheckArgs(args);
  const files = options.files.map((f) => readKpiFile(f, io.cwd));
  const all: Located[] = [];
  for (const { absPath, text, notUtf8 } of files) {
    const { analysis } = await withSession(absPath, io, options.allowOutside, (session) =>
      analyzeWithEngines(absPath, text, io.cwd, options, io.loader, notUtf8, session),
    );
    all.push(...locate(displayPath(absPath, io.cwd), text, analysis.findings));
  }
  const summary = countBySeverity(all);
  if (options.format === 'json') io.stdout(formatJson(all, summary));
  else if (options.format === 'sarif') io.stdout(formatSarif(all, io.cwd));
  else if (options.format === 'github') io.stdout(formatGithub(all));
  else io.stdout(formatText(all, summary, io.paint));
  const tooManyWarnings = options.maxWarnings !== undefined && summary.warnings > options.maxWarnings;
  if (tooManyWarnings && options.format === 'text') {
    io.stderr(
      `kpi-lens: ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}, more than --max-warnings ${options.maxWarnings}\n`,
    );
  }
  return summary.errors > 0 || tooManyWarnings ? 1 : 0;
}
