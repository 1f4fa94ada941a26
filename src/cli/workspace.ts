import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, type Analysis } from '../core/checks/analysis';
import { notRegular } from '../core/data/load';
import { isInside, realPathOf, type DataLoader } from '../core/data/sources';
import { firstInvalidUtf8 } from '../core/data/utf8';
import { UsageError } from './args';

/**
 * KPI files larger than this are refused (exit 2). A real one is a few hundred KB; checking
 * takes about 100 times the file's size in memory (10 MB: 1.1 GB peak, 9 s), so a 100 MB
 * file would exhaust Node's heap after minutes instead of failing at once.
 */
export const MAX_KPI_FILE_BYTES = 16 * 1024 * 1024;

/** Reads a KPI file named on the command line; an unreadable one is a usage error (exit 2). */
export function readKpiFile(file: string, cwd: string): { absPath: string; text: string; notUtf8: boolean } {
  const absPath = path.resolve(cwd, file);
  let fd: number | undefined;
  try {
    // A FIFO or a device given as FILE would block the read or never end (as for data files).
    const stat = fs.statSync(absPath);
    if (stat.isDirectory()) throw new UsageError(`${file} is a folder, not a KPI file`);
    const kind = notRegular(stat);
    if (kind) throw new UsageError(`cannot read ${file}: ${kind}`);
    fd = fs.openSync(absPath, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const opened = notRegular(fs.fstatSync(fd));
    if (opened) throw new UsageError(`cannot read ${file}: ${opened}`);
    const size = fs.fstatSync(fd).size;
    if (size > MAX_KPI_FILE_BYTES) {
      throw new UsageError(
        `cannot read ${file}: it is ${megabytes(size)}, more than the ${megabytes(MAX_KPI_FILE_BYTES)} a KPI file may have`,
      );
    }
    const bytes = fs.readFileSync(fd);
    return { absPath, text: bytes.toString('utf8'), notUtf8: firstInvalidUtf8(bytes) >= 0 };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT' ? `cannot find ${file}` : `cannot read ${file} (${code ?? (error as Error).message})`,
    );
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function megabytes(bytes: number): string {
  return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
}

/** The workspace of SPEC 2: the current directory when the KPI file is inside it, else the file's folder. */
export function workspaceFor(absPath: string, cwd: string): string {
  return isInside(realPathOf(absPath), realPathOf(cwd)) ? cwd : path.dirname(absPath);
}

export function analyzeForCli(
  absPath: string,
  text: string,
  cwd: string,
  options: { today?: string; allowOutside: boolean },
  loader: DataLoader,
  notUtf8 = false,
): Analysis {
  return analyze(text, {
    notUtf8,
    filePath: absPath,
    workspaceRoot: workspaceFor(absPath, cwd),
    allowOutside: options.allowOutside,
    today: options.today,
    loader,
  });
}
