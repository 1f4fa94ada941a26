/**
 * A thread computing a share of the sourced KPIs (sourcedInParallel.ts) with the same
 * evaluateSourced as the thread that asked, on its tables in shared memory. Built as
 * dist/evalWorker.js.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { evaluateSourced } from '../formula/evaluateSourced';
import type { SourcedAnswer, SourcedJob } from './sourcedJob';

const job = workerData as SourcedJob;
const answer: SourcedAnswer = [];
for (const task of job.tasks) {
  try {
    answer.push({
      index: task.index,
      value: evaluateSourced(task.formula, task.filter, job.tables[task.table]!, task.grouping),
    });
  } catch {
    // left to the asking thread's evaluation, which reports it
  }
}
parentPort!.postMessage(answer);
