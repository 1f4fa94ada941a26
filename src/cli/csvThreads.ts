import * as os from 'node:os';
import * as path from 'node:path';
import type { CsvThreads } from '../core/data/csvParallel';

/** Threads used at most, however many cores: past this, reading the file is what takes the time. */
const MAX_THREADS = 8;

/**
 * How the CLI reads large csv files: on as many threads as the machine has cores (at most
 * MAX_THREADS), or as KPI_LENS_THREADS says (1: one thread). The worker script is the
 * bundle built next to dist/cli.js.
 */
export function cliCsvThreads(env: NodeJS.ProcessEnv = process.env): CsvThreads | undefined {
  const asked = env.KPI_LENS_THREADS?.trim();
  const threads = asked && /^\d+$/.test(asked) ? Number(asked) : Math.min(os.availableParallelism(), MAX_THREADS);
  if (threads < 2) return undefined;
  return { script: path.join(__dirname, 'csvWorker.js'), threads };
}
