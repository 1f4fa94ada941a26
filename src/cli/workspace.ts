import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeLoaded, type Analysis } from '../core/checks/analysis';
import {
  engineSourceOf,
  isEngineProblem,
  needsEngine,
  type EngineSource,
  type FileEngine,
} from '../core/data/engineSources';
import { loadKpiFile, type LoadedFile } from '../core/yaml/loadKpiFile';
import type { KpiFile } from '../core/model/kpiFile';
import { EngineSession } from './engines/session';
import { notRegular } from '../core/data/load';
import { isInside, realPathOf, type DataLoader, type EngineCatalog } from '../core/data/sources';
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
  loaded: LoadedFile = loadKpiFile(text, { notUtf8 }),
  engines?: EngineCatalog,
): Analysis {
  return analyzeLoaded(text, loaded, {
    notUtf8,
    filePath: absPath,
    workspaceRoot: workspaceFor(absPath, cwd),
    allowOutside: options.allowOutside,
    today: options.today,
    loader,
    ...(engines ? { engines } : {}),
  });
}

/** The sources of a KPI file that are read through an engine, as the engines need them. */
export function engineSpecsOf(
  absPath: string,
  model: KpiFile,
  cwd: string,
  options: { allowOutside: boolean },
  fileEngine: FileEngine,
): EngineSource[] {
  const access = {
    baseDir: path.dirname(absPath),
    workspaceRoot: workspaceFor(absPath, cwd),
    allowOutside: options.allowOutside,
  };
  const seen = new Set<string>();
  const specs: EngineSource[] = [];
  for (const source of model.sources) {
    if (seen.has(source.name) || !needsEngine(source, fileEngine)) continue;
    seen.add(source.name);
    const spec = engineSourceOf(model, source, access);
    if (!isEngineProblem(spec)) specs.push(spec);
  }
  return specs;
}

/** Runs `body` with the engines' session of a KPI file, closed on every path (a thrown error too). */
export async function withSession<T>(
  absPath: string,
  io: { cwd: string; env?: NodeJS.ProcessEnv },
  allowOutside: boolean,
  body: (session: EngineSession) => Promise<T>,
): Promise<T> {
  const session = sessionFor(absPath, io.cwd, allowOutside, io.env ?? process.env);
  try {
    return await body(session);
  } finally {
    await session.close();
  }
}

/** `--kpi` ids the file does not define: a usage error (exit 2) naming the file's ids. */
export function assertKpiIds(analysis: Analysis, wanted: readonly string[]): void {
  const ids = new Set(analysis.model.kpis.flatMap((k) => (k.id ? [k.id.value] : [])));
  const unknown = wanted.filter((id) => !ids.has(id));
  if (unknown.length > 0) {
    throw new UsageError(
      `no KPI with the id ${unknown.map((u) => `"${u}"`).join(', ')} (KPIs: ${[...ids].join(', ')})`,
    );
  }
}

/** A session for the engines of a KPI file, reading files only inside its workspace (unless allowed out). */
export function sessionFor(absPath: string, cwd: string, allowOutside: boolean, env: NodeJS.ProcessEnv): EngineSession {
  return new EngineSession({ env, allowedDirectories: allowOutside ? [] : [realPathOf(workspaceFor(absPath, cwd))] });
}

/**
 * analyzeForCli, with the columns of database, Parquet and glob sources (and, for
 * `--engine duckdb`, of every file source) asked of their engines first. A file without
 * such sources opens no engine and is analysed exactly as before.
 */
export async function analyzeWithEngines(
  absPath: string,
  text: string,
  cwd: string,
  options: { today?: string; allowOutside: boolean },
  loader: DataLoader,
  notUtf8: boolean,
  session: EngineSession,
  fileEngine: FileEngine = 'memory',
): Promise<{ analysis: Analysis; specs: EngineSource[] }> {
  // One parse: the engines' sources are read off the same loaded file the analysis checks.
  const loaded = loadKpiFile(text, { notUtf8 });
  const specs = engineSpecsOf(absPath, loaded.model, cwd, options, fileEngine);
  if (specs.length > 0) await session.describeAll(specs);
  const engines = specs.length > 0 ? session.catalog(fileEngine) : undefined;
  return { analysis: analyzeForCli(absPath, text, cwd, options, loader, notUtf8, loaded, engines), specs };
}

/** A KPI file named on the command line, analysed with its engines' columns, and the session that asked them. */
export interface AnalyzedKpiFile {
  absPath: string;
  text: string;
  analysis: Analysis;
  specs: EngineSource[];
  session: EngineSession;
}

/**
 * The start `kpi-lens eval` and `sql` share: the file read (unreadable: exit 2, before any
 * engine opens), analysed with its engine sources described, then `body` with the session
 * still open (closed on every path).
 */
export function withAnalyzedKpiFile<T>(
  file: string,
  options: { today?: string; allowOutside: boolean },
  io: { cwd: string; env?: NodeJS.ProcessEnv; loader: DataLoader },
  fileEngine: FileEngine,
  body: (file: AnalyzedKpiFile) => T | Promise<T>,
): Promise<T> {
  const { absPath, text, notUtf8 } = readKpiFile(file, io.cwd);
  return withSession(absPath, io, options.allowOutside, async (session) => {
    const { analysis, specs } = await analyzeWithEngines(
      absPath,
      text,
      io.cwd,
      options,
      io.loader,
      notUtf8,
      session,
      fileEngine,
    );
    return body({ absPath, text, analysis, specs, session });
  });
}
