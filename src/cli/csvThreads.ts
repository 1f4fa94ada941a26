import * as os from 'node:os';
import * as path from 'node:path';
import type { CsvThreads } from '../core/data/csvParallel';
import type { EvaluationThreads } from '../core/evaluation/sourcedInParallel';

/** Threads used at most, however many cores: past this, reading the file is what takes the time. */
const MAX_THREADS = 8;

/**
 * How the CLI reads large csv files: on as many threads as the machine has cores (at most
 * MAX_THREADS), or as KPI_LENS_THREADS says (1: one thread). The worker script is the
 * bundle built next to dist/cli.js.
 */
export function cliCsvThreads(env: NodeJS.ProcessEnv = process.env): CsvThreads | undefined {
  const threads = threadsOf(env);
  return threads < 2 ? undefined : { script: path.join(__dirname, 'csvWorker.js'), threads };
}

/** How the CLI computes the KPIs of in-memory sources: on as many threads, the same way. */
export function cliEvalThreads(env: NodeJS.ProcessEnv = process.env): EvaluationThreads | undefined {
  const threads = threadsOf(env);
  return threads < 2 ? undefined : { script: path.join(__dirname, 'evalWorker.js'), threads };
}

function threadsOf(env: NodeJS.ProcessEnv): number {
  const asked = env.KPI_LENS_THREADS?.trim();
  const cores = os.availableParallelism();
  // More threads than cores only slows the work down (each has its own copy of some data).
  return asked && /^\d+$/.test(asked)
    ? Math.min(Number(asked), Math.max(cores, MAX_THREADS))
    : Math.min(cores, MAX_THREADS);
}
