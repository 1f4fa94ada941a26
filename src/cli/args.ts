import { parseArgs } from 'node:util';
import { DIALECT_NAMES } from '../core/sql/dialects';
import type { DialectName } from '../core/sql/dialect';

/** Bad arguments: exit code 2 with this message. */
export class UsageError extends Error {}

export interface CommonOptions {
  files: string[];
  today?: string;
  allowOutside: boolean;
}

export interface CheckOptions extends CommonOptions {
  format: 'text' | 'json' | 'sarif' | 'github';
  maxWarnings?: number;
}

export interface SqlOptions extends CommonOptions {
  dialect: DialectName;
  kpis: string[];
}

export interface EvalOptions extends CommonOptions {
  format: 'table' | 'json' | 'csv' | 'markdown';
  kpis: string[];
  /** `--by COLUMN`, repeatable: break every returned sourced KPI down by these columns too. */
  by: string[];
  /** How file sources are evaluated: in memory (default) or through DuckDB. */
  engine: 'memory' | 'duckdb';
}

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  today: { type: 'string' },
  'allow-outside': { type: 'boolean' },
  'max-warnings': { type: 'string' },
  kpi: { type: 'string', multiple: true },
  by: { type: 'string', multiple: true },
  dialect: { type: 'string' },
  engine: { type: 'string' },
} as const;

/** Parses every option once; `allowed` says which ones this command takes. */
function parse(args: string[], command: string, allowed: readonly (keyof typeof OPTIONS)[]) {
  let parsed;
  try {
    parsed = parseArgs({ args: joinNegativeValues(args), allowPositionals: true, strict: true, options: OPTIONS });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]!);
  }
  for (const key of Object.keys(parsed.values)) {
    if (!(allowed as readonly string[]).includes(key)) throw new UsageError(`${command} does not take --${key}`);
  }
  return parsed;
}

/** `--max-warnings -1` as `--max-warnings=-1`, so that the value gets its own plain message, not parseArgs' "ambiguous". */
function joinNegativeValues(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const name = args[i]!.startsWith('--') ? args[i]!.slice(2) : '';
    const option = (OPTIONS as Record<string, { type: string }>)[name];
    if (option?.type === 'string' && /^-\d/.test(args[i + 1] ?? '')) out.push(`${args[i]}=${args[++i]}`);
    else out.push(args[i]!);
  }
  return out;
}

function today(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (
    typeof value !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
    Number.isNaN(Date.parse(value + 'T00:00:00Z')) ||
    new Date(value + 'T00:00:00Z').toISOString().slice(0, 10) !== value
  ) {
    throw new UsageError(`--today needs a date written YYYY-MM-DD, got "${String(value)}"`);
  }
  return value;
}

function oneOf<T extends string>(flag: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}, got "${String(value)}"`);
}

export function parseCheckArgs(args: string[]): CheckOptions {
  const { values, positionals } = parse(args, 'check', ['format', 'today', 'allow-outside', 'max-warnings']);
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    const raw = String(values['max-warnings']);
    if (!/^\d+$/.test(raw)) throw new UsageError(`--max-warnings needs a whole number of 0 or more, got "${raw}"`);
    maxWarnings = Number(raw);
  }
  return {
    files: positionals.length > 0 ? positionals : ['kpis.yaml'],
    format: oneOf('format', values.format, ['text', 'json', 'sarif', 'github'] as const, 'text'),
    maxWarnings,
    today: today(values.today),
    allowOutside: values['allow-outside'] === true,
  };
}

export function parseEvalArgs(args: string[]): EvalOptions {
  const { values, positionals } = parse(args, 'eval', ['format', 'today', 'allow-outside', 'kpi', 'by', 'engine']);
  if (positionals.length > 1) throw new UsageError('eval takes one KPI file');
  const by = values.by ?? [];
  if (by.some((c) => c === '')) throw new UsageError('--by needs the name of a column, got an empty one');
  return {
    files: positionals.length > 0 ? positionals : ['kpis.yaml'],
    format: oneOf('format', values.format, ['table', 'json', 'csv', 'markdown'] as const, 'table'),
    kpis: values.kpi ?? [],
    by,
    engine: oneOf('engine', values.engine, ['memory', 'duckdb'] as const, 'memory'),
    today: today(values.today),
    allowOutside: values['allow-outside'] === true,
  };
}

export function parseSqlArgs(args: string[]): SqlOptions {
  const { values, positionals } = parse(args, 'sql', ['dialect', 'today', 'allow-outside', 'kpi']);
  if (positionals.length > 1) throw new UsageError('sql takes one KPI file');
  return {
    files: positionals.length > 0 ? positionals : ['kpis.yaml'],
    dialect: oneOf('dialect', values.dialect, DIALECT_NAMES, 'duckdb'),
    kpis: values.kpi ?? [],
    today: today(values.today),
    allowOutside: values['allow-outside'] === true,
  };
}
