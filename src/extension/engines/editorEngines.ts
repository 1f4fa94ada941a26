/**
 * The editor's engines: database, Parquet and glob sources are described and computed by
 * the kpi-lens command line (cliRequests.ts), where it is installed with its drivers, and
 * only in a trusted workspace. The core asks synchronously (EngineCatalog): a source not
 * yet described counts as pending while the CLI is asked, then onDidDescribe fires and
 * the files reading it are checked again. Answers are kept until refresh() (KPI: Refresh Database
 * Sources, or a new password); values per document until its engine SQL changes or it closes.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Analysis } from '../../core/checks/analysis';
import {
  ENGINE_LABEL,
  engineSourceKey,
  engineSourceOf,
  isEngineProblem,
  needsEngine,
  type EngineSource,
  type EngineSourceInfo,
} from '../../core/data/engineSources';
import { ENGINE_PROTOCOL } from '../../core/data/engineProtocol';
import type { EngineCatalog } from '../../core/data/sources';
import { engineValuesFromJson, noEngineValues, type EngineValues } from '../../core/evaluation/engineValues';
import { compileKpiSql } from '../../core/sql/compileKpis';
import { dialectOf } from '../../core/sql/dialects';
import { compilerView, engineSpecsIn, engineTableOf } from '../../core/sql/engineView';
import type { Settings } from '../settings';
import { locateCli, type CliLocation } from './cliLocation';
import { askCli, CliFailure } from './cliRequests';
import type { DatabasePasswords } from './passwords';

interface Access {
  workspaceRoot: string | undefined;
  allowOutside: boolean;
}

interface Batch extends Access {
  specs: Map<string, EngineSource>;
}

export class EditorEngines implements vscode.Disposable {
  private readonly infos = new Map<string, EngineSourceInfo>();
  /** Keys of sources being described (queued or asked). */
  private readonly asking = new Set<string>();
  private readonly batches = new Map<string, Batch>();
  private flushing: NodeJS.Immediate | undefined;
  private readonly values = new Map<string, { fingerprint: string; found: EngineValues }>();
  private readonly jobs = new Map<
    string,
    { fingerprint: string; job: AbortController; found: Promise<EngineValues | undefined> }
  >();
  /** Aborted by refresh() and dispose(): the describe requests of this generation. */
  private describing = new AbortController();
  private location: { setting: string | undefined; found: CliLocation } | undefined;
  /** Counts refreshes: an answer to a request made before the last one is dropped (it may hold an old password's failure). */
  private generation = 0;
  private readonly described = new vscode.EventEmitter<ReadonlySet<string> | undefined>();
  /**
   * Fires when sources were described, with their keys (engineSourceKey), or with undefined
   * when every description was forgotten (refresh): the files reading them need checking again.
   */
  readonly onDidDescribe = this.described.event;

  /** A closed document's values are dropped (they would be kept for every file ever opened). */
  private readonly closing = vscode.workspace.onDidCloseTextDocument((document) =>
    this.closed(document.uri.toString()),
  );

  constructor(
    private readonly settings: () => Settings,
    private readonly passwords: DatabasePasswords,
  ) {}

  /** The catalog an analysis asks about its engine sources. */
  catalog(access: Access): EngineCatalog {
    return {
      fileEngine: 'memory',
      pending: (spec) => {
        if (this.unavailable(spec, access)) return false;
        const key = engineSourceKey(spec);
        if (this.infos.has(key)) return false;
        this.ask(key, spec, access);
        return true;
      },
      describe: (spec) => this.unavailable(spec, access) ?? withHint(spec, this.infos.get(engineSourceKey(spec))),
    };
  }

  /** Whether the analysis waits for engine sources to be described. */
  pendingIn(analysis: Analysis): boolean {
    return analysis.model.sources.some(
      (source) => needsEngine(source) && analysis.sources.get(source.name)?.status === 'not-read',
    );
  }

  /**
   * The values of the KPIs of the analysis' engine sources, computed by the CLI; the same
   * object again while their SQL is unchanged. Undefined when a newer request for the
   * document replaced this one.
   */
  async evaluate(analysis: Analysis, documentKey: string): Promise<EngineValues | undefined> {
    const specs = engineSpecsIn(analysis);
    const fingerprint = fingerprintOf(analysis, specs);
    const kept = this.values.get(documentKey);
    if (kept?.fingerprint === fingerprint) return kept.found;
    // The same SQL already asked (a re-analysis without an engine change): wait for that answer.
    const running = this.jobs.get(documentKey);
    if (running?.fingerprint === fingerprint) return running.found;
    return this.request(analysis, documentKey, specs, fingerprint);
  }

  private async request(
    analysis: Analysis,
    documentKey: string,
    specs: EngineSource[],
    fingerprint: string,
  ): Promise<EngineValues | undefined> {
    const location = this.cli();
    const root = analysis.options.workspaceRoot;
    if ('missing' in location || !root || !this.settings().enginesAllowed) {
      return failuresFor(analysis, 'the kpi-lens command line is not available');
    }
    this.jobs.get(documentKey)?.job.abort();
    const job = new AbortController();
    let settle: (found: EngineValues | undefined) => void = () => undefined;
    this.jobs.set(documentKey, { fingerprint, job, found: new Promise((resolve) => (settle = resolve)) });
    let found: EngineValues;
    try {
      const answer = await askCli(
        location.script,
        {
          protocol: ENGINE_PROTOCOL,
          request: 'evaluate',
          file: analysis.options.filePath ?? `${root}/untitled.kpis.yaml`,
          text: analysis.text,
          workspaceRoot: root,
          allowOutside: analysis.options.allowOutside === true,
          passwords: await this.passwords.forSources(specs),
          ...(analysis.options.today ? { today: analysis.options.today } : {}),
        },
        { cwd: root, signal: job.signal },
      );
      found =
        'values' in answer
          ? engineValuesFromJson(answer.values)
          : failuresFor(analysis, 'the kpi-lens command line gave no values');
    } catch (error) {
      if (job.signal.aborted) {
        settle(undefined);
        return undefined;
      }
      found = failuresFor(analysis, error instanceof CliFailure ? error.message : String(error));
    } finally {
      if (this.jobs.get(documentKey)?.job === job) this.jobs.delete(documentKey);
    }
    this.values.set(documentKey, { fingerprint, found });
    settle(found);
    return found;
  }

  /**
   * Keeps (or, empty, forgets) a login's password in secret storage and asks the engines
   * again. The passwords themselves are never handed out (the extension's exports hold
   * this object, and other extensions can read those).
   */
  async setPassword(key: string, password: string | undefined): Promise<void> {
    await this.passwords.set(key, password);
    this.refresh();
  }

  /** Forgets every description and value (the database or its files changed, a password was set). */
  refresh(): void {
    this.generation++;
    this.asking.clear();
    this.batches.clear();
    this.infos.clear();
    this.values.clear();
    this.location = undefined;
    for (const { job } of this.jobs.values()) job.abort();
    this.jobs.clear();
    this.describing.abort();
    this.describing = new AbortController();
    this.described.fire(undefined);
  }

  /** Stops a document's running request (it changed or closed). */
  cancel(documentKey: string): void {
    this.jobs.get(documentKey)?.job.abort();
    this.jobs.delete(documentKey);
  }

  /** Stops a closed document's request and drops its values. */
  private closed(documentKey: string): void {
    this.cancel(documentKey);
    this.values.delete(documentKey);
  }

  dispose(): void {
    this.closing.dispose();
    clearImmediate(this.flushing);
    for (const { job } of this.jobs.values()) job.abort();
    this.describing.abort();
    this.described.dispose();
  }

  /** Why the source cannot be read through the CLI here, or undefined when it can be asked. */
  private unavailable(spec: EngineSource, access: Access): EngineSourceInfo | undefined {
    const engine = ENGINE_LABEL[spec.engine];
    const place = spec.connection ? 'connection' : 'path';
    if (!this.settings().enginesAllowed) {
      return {
        ok: false,
        message: `it is read through ${engine}, which KPI Lens does not run in an untrusted workspace (nothing is sent until you trust it)`,
        place,
      };
    }
    const location = this.cli();
    if ('missing' in location) {
      return {
        ok: false,
        message:
          `it is read through ${engine}, which the editor runs through the kpi-lens command line ` +
          `(with ${spec.engine === 'duckdb' ? '@duckdb/node-api' : 'pg'}), and ${location.missing}: ` +
          'run npm install --save-dev kpi-lens in the workspace folder, or set kpiLens.engines.cliPath',
        place,
      };
    }
    if (!access.workspaceRoot) {
      return { ok: false, message: `it is read through ${engine}, and the file is in no workspace folder`, place };
    }
    return undefined;
  }

  private cli(): CliLocation {
    const setting = this.settings().enginesCliPath;
    const known = this.location;
    if (known && known.setting === setting) return known.found;
    const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
    const found = locateCli(setting, folders);
    // Not found is asked again next time (the user may just have installed it).
    if (!('missing' in found)) this.location = { setting, found };
    return found;
  }

  private ask(key: string, spec: EngineSource, access: Access): void {
    if (this.asking.has(key)) return;
    this.asking.add(key);
    const batchKey = JSON.stringify([access.workspaceRoot, access.allowOutside]);
    let batch = this.batches.get(batchKey);
    if (!batch) {
      batch = { ...access, specs: new Map() };
      this.batches.set(batchKey, batch);
    }
    batch.specs.set(key, spec);
    // Every source of the analysis asks before this runs: one request for them all.
    this.flushing ??= setImmediate(() => {
      this.flushing = undefined;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    const batches = [...this.batches.values()];
    this.batches.clear();
    const described = await Promise.all(batches.map((batch) => this.describe(batch)));
    this.described.fire(new Set(described.flat()));
  }

  /** Asks the CLI about a batch's sources; the keys of those described (none when a refresh came meanwhile). */
  private async describe(batch: Batch): Promise<string[]> {
    const keys = [...batch.specs.keys()];
    const specs = [...batch.specs.values()];
    const generation = this.generation;
    const location = this.cli();
    let infos: EngineSourceInfo[];
    try {
      if ('missing' in location) throw new CliFailure(location.missing);
      const answer = await askCli(
        location.script,
        {
          protocol: ENGINE_PROTOCOL,
          request: 'describe',
          specs,
          workspaceRoot: batch.workspaceRoot!,
          allowOutside: batch.allowOutside,
          passwords: await this.passwords.forSources(specs),
        },
        { cwd: batch.workspaceRoot!, signal: this.describing.signal },
      );
      // From another process: an entry of the wrong shape is a failure, never a crash of the analysis.
      infos = 'infos' in answer && Array.isArray(answer.infos) ? answer.infos.map(checkedInfo) : [];
    } catch (error) {
      const why = error instanceof CliFailure ? error.message : String(error);
      infos = specs.map((s) => ({ ok: false, message: why, place: s.connection ? 'connection' : 'path' }));
    }
    if (generation !== this.generation) return [];
    keys.forEach((key, i) => {
      this.infos.set(
        key,
        infos[i] ?? { ok: false, message: 'the kpi-lens command line did not describe it', place: 'connection' },
      );
      this.asking.delete(key);
    });
    return keys;
  }
}

/**
 * The keys of the analysis' sources read through an engine, as its catalog was asked about
 * them (the same access as analyze's), described yet or not.
 */
export function engineSourceKeysIn(analysis: Analysis): Set<string> {
  const { filePath, workspaceRoot, allowOutside } = analysis.options;
  const baseDir = filePath ? path.dirname(filePath) : undefined;
  const access = { baseDir, workspaceRoot: workspaceRoot ?? baseDir, allowOutside: allowOutside ?? false };
  const keys = new Set<string>();
  for (const source of analysis.model.sources) {
    if (!needsEngine(source)) continue;
    const spec = engineSourceOf(analysis.model, source, access);
    if (!isEngineProblem(spec)) keys.add(engineSourceKey(spec));
  }
  return keys;
}

function checkedInfo(info: unknown): EngineSourceInfo {
  const i = info as Partial<Record<string, unknown>> | null;
  const columns = i?.columns;
  if (
    i?.ok === true &&
    Array.isArray(columns) &&
    columns.every(
      (c: { name?: unknown; type?: unknown } | null) => typeof c?.name === 'string' && typeof c.type === 'string',
    )
  ) {
    return info as EngineSourceInfo;
  }
  if (i?.ok === false && typeof i.message === 'string') return info as EngineSourceInfo;
  return { ok: false, message: 'the kpi-lens command line gave an answer of the wrong shape', place: 'connection' };
}

/**
 * An answer, with what to do in the editor when it is a failure: where to set a password
 * when the database wants one (which asks again), else that the answer is kept until a
 * refresh (a server back up is not noticed by itself).
 */
function withHint(spec: EngineSource, info: EngineSourceInfo | undefined): EngineSourceInfo {
  if (!info)
    return { ok: false, message: 'KPI Lens did not ask its engine about it (please report this)', place: 'connection' };
  if (info.ok) return info;
  if (spec.engine === 'postgres' && /password/i.test(info.message))
    return { ...info, message: `${info.message}; set it with KPI: Set Database Password` };
  return { ...info, message: `${info.message}; kept until KPI: Refresh Database Sources asks again` };
}

/** What the engines compute for this analysis, as text: unchanged text, unchanged values. */
function fingerprintOf(analysis: Analysis, specs: readonly EngineSource[]): string {
  const ownTable = engineTableOf(specs);
  const compiled = compileKpiSql(compilerView(analysis), {
    dialect: dialectOf('duckdb'),
    tableOf: (source) => ownTable(source) ?? { why: 'in memory' },
  });
  return JSON.stringify([specs, compiled.queries.map((q) => q.sql), compiled.breakdowns.map((b) => b.sql)]);
}

/** Every KPI of an engine source failing for one reason. */
function failuresFor(analysis: Analysis, why: string): EngineValues {
  const found = noEngineValues();
  for (const kpi of analysis.model.kpis) {
    if (kpi.id && analysis.sources.get(kpi.source?.value ?? '')?.status === 'engine')
      found.failures.set(kpi.id.value, why);
  }
  return found;
}
