/**
 * What the editor asks the kpi-lens command line about engine sources (`kpi-lens engines`):
 * one JSON request on its stdin, one JSON answer on its stdout. The extension runs no
 * engine itself (the VSIX has no database drivers); the CLI, where it is installed with
 * them, does. Versioned, since the CLI found in a workspace may be older or newer.
 */
import type { EngineSource, EngineSourceInfo } from './engineSources';
import type { EngineValuesJson } from '../evaluation/engineValues';

export const ENGINE_PROTOCOL = 1 as const;

interface RequestBase {
  protocol: typeof ENGINE_PROTOCOL;
  /** The folder engines may read files in (unless allowOutside). */
  workspaceRoot: string;
  allowOutside: boolean;
  /** Passwords by passwordKey, from the editor's secret storage. */
  passwords: Record<string, string>;
}

/** The columns and types of these sources. */
export interface DescribeRequest extends RequestBase {
  request: 'describe';
  specs: EngineSource[];
}

/** The values of the KPIs of the engine sources of this KPI file (text as in the editor, saved or not). */
export interface EvaluateRequest extends RequestBase {
  request: 'evaluate';
  file: string;
  text: string;
  today?: string;
}

export type EngineRequest = DescribeRequest | EvaluateRequest;

export type EngineAnswer =
  | { protocol: typeof ENGINE_PROTOCOL; version: string; infos: EngineSourceInfo[] }
  | { protocol: typeof ENGINE_PROTOCOL; version: string; values: EngineValuesJson }
  | { protocol: typeof ENGINE_PROTOCOL; version: string; error: string };

/** The request in `text`, or why it is not one. */
export function parseEngineRequest(text: string): EngineRequest | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { error: 'the request is not JSON' };
  }
  if (typeof json !== 'object' || json === null) return { error: 'the request is not a JSON object' };
  const r = json as Record<string, unknown>;
  if (r.protocol !== ENGINE_PROTOCOL) {
    return { error: `the request speaks protocol ${String(r.protocol)}; this kpi-lens speaks ${ENGINE_PROTOCOL}` };
  }
  if (typeof r.workspaceRoot !== 'string' || typeof r.allowOutside !== 'boolean') {
    return { error: 'the request lacks workspaceRoot or allowOutside' };
  }
  const passwords = r.passwords ?? {};
  if (
    typeof passwords !== 'object' ||
    passwords === null ||
    !Object.values(passwords).every((p) => typeof p === 'string')
  ) {
    return { error: 'passwords must map keys to strings' };
  }
  const base = {
    protocol: ENGINE_PROTOCOL,
    workspaceRoot: r.workspaceRoot,
    allowOutside: r.allowOutside,
    passwords: passwords as Record<string, string>,
  };
  if (r.request === 'describe') {
    if (!Array.isArray(r.specs) || !r.specs.every(isEngineSource)) return { error: 'a describe request needs specs' };
    return { ...base, request: 'describe', specs: r.specs };
  }
  if (r.request === 'evaluate') {
    if (typeof r.file !== 'string' || typeof r.text !== 'string')
      return { error: 'an evaluate request needs file and text' };
    return {
      ...base,
      request: 'evaluate',
      file: r.file,
      text: r.text,
      ...(typeof r.today === 'string' ? { today: r.today } : {}),
    };
  }
  return { error: `unknown request ${JSON.stringify(r.request)}` };
}

/** The shape of an EngineSource (its fields are the engines' to check). */
function isEngineSource(value: unknown): value is EngineSource {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  const read = s.read as Record<string, unknown> | null | undefined;
  return (
    typeof s.source === 'string' &&
    (s.engine === 'duckdb' || (s.engine === 'postgres' && typeof s.postgres === 'object' && s.postgres !== null)) &&
    typeof read === 'object' &&
    read !== null &&
    (read.kind === 'file' || read.kind === 'table' || read.kind === 'query')
  );
}
