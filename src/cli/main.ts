import { DataCache } from '../core/data/load';
import { cliCsvThreads, cliEvalThreads } from './csvThreads';
import { UsageError } from './args';
import { runCheck, type Io } from './check';
import { runEval } from './eval';
import { runSql } from './sql';
import { runEngines } from './engines/editorRequests';
import { HELP } from './help';
import { paintFor } from './paint';
import { version } from '../../package.json';

/** Runs the CLI; returns the exit code. Exported for tests; the bundle calls it below. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined) {
      // A usage error (SPEC 8.9): the help goes where errors go, and nothing to stdout.
      io.stderr(HELP);
      return 2;
    }
    if (command === '-h' || command === '--help' || command === 'help') {
      io.stdout(HELP);
      return 0;
    }
    if (command === '-v' || command === '--version') {
      io.stdout(`${version}\n`);
      return 0;
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(HELP);
      return 0;
    }
    if (command === 'check') return await runCheck(rest, io);
    if (command === 'eval') return await runEval(rest, io);
    if (command === 'sql') return await runSql(rest, io);
    if (command === 'engines') return await runEngines(rest, io);
    throw new UsageError(`unknown command "${command}" (try check, eval or sql)`);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`kpi-lens: ${error.message}\nRun kpi-lens --help for usage.\n`);
      return 2;
    }
    io.stderr(`kpi-lens: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return 2;
  }
}

if (require.main === module) {
  // A reader that stops early (`kpi-lens eval | head`) closes the pipe: stop quietly, as
  // other command-line tools do, not with a stack trace of the failed write.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(process.exitCode ?? 0);
    });
  }
  const io: Io = {
    cwd: process.cwd(),
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    paint: paintFor(process.stdout, process.env),
    loader: new DataCache({ csvThreads: cliCsvThreads() }),
    evalThreads: cliEvalThreads(),
    stdin: readStdin,
  };
  void main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
