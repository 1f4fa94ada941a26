/**
 * A thread computing a share of the sourced KPIs (sourcedInParallel.ts) with the same
 * evaluateSourced as the thread that asked, on its tables in shared memory. Built as
 * dist/evalWorker.js.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { computeSourced, type SourcedJob } from './sourcedJob';

const job = workerData as SourcedJob;
parentPort!.postMessage(computeSourced(job.tasks, job.tables));
