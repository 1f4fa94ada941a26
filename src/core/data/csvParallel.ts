/**
 * A large csv file parsed on several threads: the file is cut into parts at line feeds,
 * this thread reads the header and the first part while worker threads (csvPartWorker.ts)
 * read the others, and the parts' tables are joined in file order (csvParts.ts) into the
 * table one pass gives — the same values, types, codes and row order, whatever the number
 * of threads.
 *
 * A cut can fall inside a quoted field that holds a line break; the first part then ends
 * inside that field and fails, as does any part holding a csv error or a byte that is not
 * UTF-8. Whenever a part fails, the caller parses the file in one go (undefined here), so
 * every message is exactly the one-pass message. When the first part parses, each cut is
 * at the start of a record, so every part read is the file's own records.
 *
 * The wait is synchronous (Atomics.wait on shared memory, then receiveMessageOnPort), so
 * the reader keeps its synchronous API; a worker that never answers is given up on.
 */
import * as fs from 'node:fs';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { ColumnType } from '../model/kpiFile';
import { csvDelimiter, parseCsvRecords, readCsvHeader, recordsOnly, type CsvHeader } from './csv';
import { joinCsvParts } from './csvParts';
import { PART_ANSWERED, PART_CANCEL, PART_STARTED, type PartAnswer, type PartJob } from './csvPartJob';
import { FilePieces } from './filePieces';
import type { LoadResult, ParseOptions } from './result';
import type { Table } from './table';

export interface CsvThreads {
  /** The built csvPartWorker.ts (dist/csvWorker.js next to the CLI). */
  script: string;
  /** Threads in all, this one included; fewer than 2 parses in one go. */
  threads: number;
  /** Smallest part, in bytes: a smaller file is cut into fewer parts (default 4 MB). */
  minPartBytes?: number;
  /** How long a worker may take to start (default 10 s; tests make it short). */
  startTimeoutMs?: number;
}

const MIN_PART_BYTES = 4 * 1024 * 1024;
/**
 * The first part's size against each other part's. A worker starts ~40 ms after this
 * thread and its code warms up from scratch: with equal parts this thread waited for it.
 */
const FIRST_PART_SHARE = 1.25;
/** A worker that has not started this long after this thread finished its part is given up on. */
const START_TIMEOUT_MS = 10_000;

interface Part {
  from: number;
  size: number;
}

interface Running {
  worker: Worker | undefined;
  port: MessagePort;
  signal: Int32Array;
}

/** The file's table from parts parsed side by side; undefined when it must be parsed in one go. */
export function parseCsvInParts(
  fd: number,
  name: string,
  size: number,
  options: ParseOptions,
  threads: CsvThreads,
  pieceBytes?: number,
): LoadResult | undefined {
  const parts = cutAtLineFeeds(fd, size, threads);
  if (parts.length < 2 || !fs.existsSync(threads.script)) return undefined;
  const first = new FilePieces(fd, name, parts[0]!.size, pieceBytes);
  const header = readCsvHeader(first, options);
  if (!('names' in header)) return undefined;
  const running = parts.slice(1).map((part) => start(threads.script, fd, name, part, header, options, pieceBytes));
  let tables: Table[] | undefined;
  const begun = Date.now();
  try {
    // Room for the whole file's rows: the other parts' rows are joined into these arrays,
    // in shared memory, where threads computing KPIs read them (evaluation/sourcedInParallel.ts).
    const own = parseCsvRecords(first, header, options, size, true);
    tables = own.ok ? [own.table] : undefined;
  } finally {
    // A failed first part (a cut inside a quoted field): the workers' parts are of no use.
    if (!tables) for (const run of running) Atomics.store(run.signal, PART_CANCEL, 1);
    // Always wait for every worker: they read the caller's file descriptor until they answer.
    // One deadline for all (they run the same script): a worker that has not started by then never will.
    const now = Date.now();
    const wait = threads.startTimeoutMs ?? START_TIMEOUT_MS;
    const deadline = { start: now + wait, answer: now + wait + 20 * (now - begun) };
    for (const run of running) {
      const answer = answerOf(run, deadline);
      if (tables && answer?.ok) tables.push(answer.table);
      else tables = undefined;
    }
  }
  if (!tables) return undefined;
  let joined = joinCsvParts(tables);
  if ('readAgain' in joined) {
    // Some column is text in one part and typed in another: read those parts again with it as text.
    for (const [index, names] of joined.readAgain) {
      const again = readPartAgain(fd, name, parts[index]!, index === 0 ? size : 0, header, options, names, pieceBytes);
      if (!again.ok) return undefined;
      tables[index] = again.table;
    }
    joined = joinCsvParts(tables);
    if ('readAgain' in joined) return undefined;
  }
  return { ok: true, table: joined.table };
}

/** The file cut into parts of at least minPartBytes, each part but the last ending just after a line feed. */
function cutAtLineFeeds(fd: number, size: number, threads: CsvThreads): Part[] {
  const count = Math.min(Math.floor(threads.threads), Math.floor(size / (threads.minPartBytes ?? MIN_PART_BYTES)));
  if (!(count >= 2)) return [{ from: 0, size }];
  // This thread's part is larger: the workers start later, and cold (see FIRST_PART_SHARE).
  const shares = FIRST_PART_SHARE + count - 1;
  const cuts = [0];
  for (let k = 1; k < count; k++) {
    const cut = afterLineFeed(fd, Math.floor((size * (FIRST_PART_SHARE + k - 1)) / shares), size);
    if (cut !== undefined && cut > cuts[cuts.length - 1]! && cut < size) cuts.push(cut);
  }
  cuts.push(size);
  return cuts.slice(1).map((end, k) => ({ from: cuts[k]!, size: end - cuts[k]! }));
}

/** Just past the first line feed at or after `at`, or undefined when none comes within a few MB. */
function afterLineFeed(fd: number, at: number, size: number): number | undefined {
  const buffer = Buffer.allocUnsafe(64 * 1024);
  for (let pos = at; pos < size && pos < at + 4 * 1024 * 1024;) {
    const n = fs.readSync(fd, buffer, 0, Math.min(buffer.length, size - pos), pos);
    if (n === 0) return undefined;
    const lf = buffer.subarray(0, n).indexOf(10);
    if (lf >= 0) return pos + lf + 1;
    pos += n;
  }
  return undefined;
}

function start(
  script: string,
  fd: number,
  fileName: string,
  part: Part,
  header: CsvHeader,
  options: ParseOptions,
  pieceBytes: number | undefined,
): Running {
  const { port1, port2 } = new MessageChannel();
  const signal = new Int32Array(new SharedArrayBuffer(8));
  const job: PartJob = {
    fd,
    fileName,
    from: part.from,
    size: part.size,
    pieceBytes,
    names: header.names,
    delimiter: csvDelimiter(options),
    declared: [...(options.columns ?? new Map<string, ColumnType>())],
    port: port2,
    signal,
  };
  let worker: Worker | undefined;
  try {
    worker = new Worker(script, { workerData: job, transferList: [port2] });
    worker.unref(); // never what keeps a process alive
    // A script that fails to load, or a worker out of memory: no answer, so the file is read in
    // one go (the error is raised once this thread is back in its event loop: without a
    // listener it would end the process).
    worker.on('error', () => undefined);
  } catch {
    worker = undefined; // no thread: the file is parsed in one go
  }
  return { worker, port: port1, signal };
}

/**
 * A worker's answer, waiting for it. One that has not started by `deadline.start` (its
 * script failed to load), or not answered by `deadline.answer` (far longer than this
 * thread's part took: it ran out of memory and died), is stopped and given up on.
 */
function answerOf(run: Running, deadline: { start: number; answer: number }): PartAnswer | undefined {
  if (!run.worker) return undefined;
  let state: number;
  while ((state = Atomics.load(run.signal, 0)) !== PART_ANSWERED) {
    const now = Date.now();
    if ((state !== PART_STARTED && now > deadline.start) || now > deadline.answer) {
      void run.worker.terminate();
      run.port.close();
      return undefined;
    }
    Atomics.wait(run.signal, 0, state, 100);
  }
  const answer = receiveMessageOnPort(run.port)?.message as PartAnswer | undefined;
  run.port.close();
  void run.worker.terminate();
  return answer;
}

/** A part parsed again on this thread, with `asText` declared text; the first part (roomForBytes > 0) into shared memory as before. */
function readPartAgain(
  fd: number,
  name: string,
  part: Part,
  roomForBytes: number,
  header: CsvHeader,
  options: ParseOptions,
  asText: ReadonlySet<string>,
  pieceBytes: number | undefined,
): LoadResult {
  const columns = new Map<string, ColumnType>(options.columns ?? []);
  for (const column of asText) columns.set(column, 'string');
  const textOptions = { ...options, columns };
  const pieces = new FilePieces(fd, name, part.size, pieceBytes, part.from);
  if (roomForBytes === 0) return parseCsvRecords(pieces, recordsOnly(header.names, header.delimiter), textOptions);
  const again = readCsvHeader(pieces, textOptions);
  return 'names' in again ? parseCsvRecords(pieces, again, textOptions, roomForBytes, true) : again;
}
