import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, type Analysis } from '../core/checks/analysis';
import { isInside, realPathOf, type DataLoader } from '../core/data/sources';
import { firstInvalidUtf8 } from '../core/data/utf8';
import { UsageError } from './args';

/** Reads a KPI file named on the command line; an unreadable one is a usage error (exit 2). */
export function readKpiFile(file: string, cwd: string): { absPath: string; text: string; notUtf8: boolean } {
  const absPath = path.resolve(cwd, file);
  try {
    const stat = fs.statSync(absPath);
    if (stat.isDirectory()) throw new UsageError(`${file} is a folder, not a KPI file`);
    const bytes = fs.readFileSync(absPath);
    return { absPath, text: bytes.toString('utf8'), notUtf8: firstInvalidUtf8(bytes) >= 0 };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT' ? `cannot find ${file}` : `cannot read ${file} (${code ?? (error as Error).message})`,
    );
  }
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
