/** What the csv reader's threads (csvParallel.ts, csvPartWorker.ts) say to each other. */
import type { MessagePort } from 'node:worker_threads';
import type { ColumnType } from '../model/kpiFile';
import type { Table } from './table';

/** One part of a file to parse: its records in bytes [from, from + size) of an open file. */
export interface PartJob {
  /** The file descriptor the first thread opened (descriptors belong to the process). */
  fd: number;
  fileName: string;
  from: number;
  size: number;
  pieceBytes: number | undefined;
  names: string[];
  delimiter: string;
  declared: [string, ColumnType][];
  port: MessagePort;
  /**
   * Two Int32s on shared memory: the worker's state (0, then PART_STARTED, then
   * PART_ANSWERED) and, at PART_CANCEL, 1 once its part is of no use (it then stops reading).
   */
  signal: Int32Array;
}

export const PART_STARTED = 1;
export const PART_ANSWERED = 2;
/** Index of the cancel flag in the signal. */
export const PART_CANCEL = 1;

/** A part's table, or why it could not be parsed (the file is then parsed in one go, for its exact message). */
export type PartAnswer = { ok: true; table: Table } | { ok: false; reason: string };
