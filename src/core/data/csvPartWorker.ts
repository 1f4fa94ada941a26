/**
 * A thread parsing one part of a csv file (csvParallel.ts): the records in a byte range of
 * an open file, after the header the first thread read. Built as dist/csvWorker.js. Its
 * answer goes on the job's port, its columns' arrays moved (not copied); the signal says
 * first that the thread runs, then that the answer is there.
 */
import { workerData } from 'node:worker_threads';
import type { ColumnType } from '../model/kpiFile';
import { parseCsvRecords, recordsOnly } from './csv';
import { FilePieces } from './filePieces';
import { PART_ANSWERED, PART_CANCEL, PART_STARTED, type PartAnswer, type PartJob } from './csvPartJob';

const job = workerData as PartJob;
Atomics.store(job.signal, 0, PART_STARTED);
let answer: PartAnswer;
let moved: ArrayBuffer[] = [];
try {
  const cancelled = (): boolean => Atomics.load(job.signal, PART_CANCEL) === 1;
  const pieces = new FilePieces(job.fd, job.fileName, job.size, job.pieceBytes, job.from, cancelled);
  const options = {
    format: 'csv' as const,
    delimiter: job.delimiter,
    fileName: job.fileName,
    columns: new Map<string, ColumnType>(job.declared),
  };
  const result = parseCsvRecords(pieces, recordsOnly(job.names, job.delimiter), options);
  if (cancelled()) {
    answer = { ok: false, reason: 'cancelled' }; // the table may end early: never an answer
  } else if (result.ok) {
    answer = { ok: true, table: result.table };
    for (const column of result.table.columns.values()) {
      moved.push((column.type === 'string' ? column.codes : column.values).buffer as ArrayBuffer);
    }
  } else {
    answer = { ok: false, reason: result.error.message };
  }
} catch (e) {
  answer = { ok: false, reason: e instanceof Error ? e.message : String(e) };
  moved = [];
}
try {
  job.port.postMessage(answer, moved);
} catch (e) {
  // The table could not be sent (out of memory): say so, rather than be waited for.
  job.port.postMessage({ ok: false, reason: e instanceof Error ? e.message : String(e) } satisfies PartAnswer);
}
job.port.close();
Atomics.store(job.signal, 0, PART_ANSWERED);
Atomics.notify(job.signal, 0);
