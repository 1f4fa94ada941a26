/**
 * The values of KPIs computed from in-memory rows, shared out among threads: this thread
 * computes its share while worker threads (sourcedWorker.ts, built as dist/evalWorker.js)
 * compute theirs on the same tables in shared memory. It is the same function on the
 * same rows (formula/evaluateSourced.ts), so the values are those one thread gives; the
 * evaluation then takes them through its `sourcedValue` hook, and does everything else
 * (derived KPIs, targets, comparisons, breakdowns) itself. A KPI that a thread could not
 * compute is left out and computed by the evaluation as always, with its own message.
 */
import { Worker } from 'node:worker_threads';
import * as fs from 'node:fs';
import type { Analysis } from '../checks/analysis';
import { shareTable } from '../data/sharedTable';
import type { Table } from '../data/table';
import type { KpiValue } from '../formula/api';
import type { Kpi } from '../model/kpiFile';
import { kpiBlockers } from './evaluate';
import { sourcedArguments } from './sourcedArguments';
import { computeSourced, type SourcedJob, type SourcedTask, type SourcedAnswer } from './sourcedJob';

export interface EvaluationThreads {
  /** The built sourcedWorker.ts (dist/evalWorker.js next to the CLI). */
  script: string;
  /** Threads in all, this one included; fewer than 2 computes everything here. */
  threads: number;
  /** Fewest rows of the largest table worth a worker thread (which takes ~40 ms to start); default 100,000. */
  minRows?: number;
}

const MIN_ROWS = 100_000;
/** This thread's share against each worker's: a worker starts ~40 ms later, its code cold. */
const OWN_SHARE = 1.25;

/** Values of sourced KPIs computed ahead, by KPI; empty when the work is too small to share. */
export async function sourcedValuesInParallel(
  analysis: Analysis,
  threads: EvaluationThreads,
): Promise<Map<Kpi, KpiValue>> {
  const found = new Map<Kpi, KpiValue>();
  const { tasks, tables, kpis } = tasksOf(analysis);
  const rows = Math.max(0, ...tables.map((table) => table.rowCount));
  const workers = Math.min(Math.floor(threads.threads) - 1, tasks.length - 1);
  if (!(workers >= 1) || rows < (threads.minRows ?? MIN_ROWS) || !fs.existsSync(threads.script)) return found;
  try {
    for (const table of tables) shareTable(table);
  } catch {
    return found; // no memory for a shared copy: everything is computed here
  }
  const shares = shareOut(tasks, tables, workers);
  const answers = shares.slice(1).map((mine) => ask(threads.script, { tables: columnsFor(mine, tables), tasks: mine }));
  const own = computeSourced(shares[0]!, tables);
  for (const answer of [own, ...(await Promise.all(answers))]) {
    for (const { index, value } of answer) found.set(kpis[index]!, value);
  }
  return found;
}

/** Every sourced KPI the evaluation would compute from an in-memory table (not those it blocks). */
function tasksOf(analysis: Analysis): { tasks: SourcedTask[]; tables: Table[]; kpis: Kpi[] } {
  const tasks: SourcedTask[] = [];
  const tables: Table[] = [];
  const kpis: Kpi[] = [];
  const blockedBy = kpiBlockers(analysis);
  for (const kpi of analysis.model.kpis) {
    const args = sourcedArguments(analysis, kpi);
    if (!args?.formula.expr || blockedBy(kpi)) continue;
    let table = tables.indexOf(args.table);
    if (table < 0) table = tables.push(args.table) - 1;
    tasks.push({
      index: kpis.push(kpi) - 1,
      formula: args.formula,
      filter: args.filter,
      table,
      grouping: args.grouping,
    });
  }
  return { tasks, tables, kpis };
}

/** The tasks in `workers + 1` shares by rows, the first (this thread's) OWN_SHARE times the others. */
function shareOut(tasks: readonly SourcedTask[], tables: readonly Table[], workers: number): SourcedTask[][] {
  const shares: SourcedTask[][] = Array.from({ length: workers + 1 }, () => []);
  const load = new Float64Array(workers + 1);
  const weighed = (k: number): number => (k === 0 ? load[0]! / OWN_SHARE : load[k]!);
  for (const task of tasks) {
    let best = 0;
    if (!sendsManyTexts(task, tables[task.table]!)) {
      for (let k = 1; k <= workers; k++) if (weighed(k) < weighed(best)) best = k;
    }
    shares[best]!.push(task);
    load[best]! += tables[task.table]!.rowCount;
  }
  return shares;
}

/** Texts a worker may be sent per column: a dictionary is copied to it, which for a column of ids costs more than the KPI. */
const MAX_SENT_TEXTS = 100_000;

/** True when the task names a text column of more than MAX_SENT_TEXTS distinct values: it is computed here. */
function sendsManyTexts(task: SourcedTask, table: Table): boolean {
  const refs = [...task.formula.columnRefs, ...(task.filter?.columnRefs ?? [])];
  return refs.some((ref) => {
    const column = table.columns.get(ref.name);
    return column?.type === 'string' && column.dictionary.length > MAX_SENT_TEXTS;
  });
}

/**
 * The tables as a worker needs them for its tasks: only the columns they name (and the
 * time column). Number and code arrays are shared, but a text column's dictionary is copied
 * to each worker. A column left out by mistake only makes that task fail there, and the
 * evaluation computes it here.
 */
function columnsFor(tasks: readonly SourcedTask[], tables: readonly Table[]): Table[] {
  const named = tables.map(() => new Set<string>());
  for (const task of tasks) {
    const names = named[task.table]!;
    for (const ref of task.formula.columnRefs) names.add(ref.name);
    for (const ref of task.filter?.columnRefs ?? []) names.add(ref.name);
    if (task.grouping) names.add(task.grouping.time);
  }
  return tables.map((table, k) => ({
    rowCount: table.rowCount,
    columns: new Map([...table.columns].filter(([name]) => named[k]!.has(name))),
  }));
}

/** A worker's values; none when it fails (the evaluation then computes them here). */
function ask(script: string, job: SourcedJob): Promise<SourcedAnswer> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(script, { workerData: job });
    } catch {
      resolve([]);
      return;
    }
    worker.once('message', (answer: SourcedAnswer) => {
      resolve(answer);
      void worker.terminate();
    });
    worker.once('error', () => resolve([]));
    worker.once('exit', () => resolve([]));
  });
}
