import type { SourceRange } from './range';

/**
 * The typed model of a KPI file. Every part keeps the range of its text. The model
 * is loose on purpose: a value whose YAML type is wrong is left out (the schema rule
 * reports it), so rules can run on any file, however broken.
 */
export interface Located<T> {
  value: T;
  /** Range of the value node. */
  range: SourceRange;
  /** Range of the key of the pair holding the value, where there is one. */
  keyRange?: SourceRange;
}

export interface LocatedList<T> {
  items: Located<T>[];
  range: SourceRange;
  keyRange: SourceRange;
}

/** A formula or filter: the scalar's value and where each of its characters is in the file. */
export interface FormulaText {
  text: string;
  range: SourceRange;
  keyRange: SourceRange;
  /** File offsets of each character of `text`, plus one past the end (length text.length + 1). */
  offsets: number[];
}

export interface Goal {
  index: number;
  range: SourceRange;
  id?: Located<string>;
  title?: Located<string>;
  owner?: Located<string>;
  parent?: Located<string>;
  description?: Located<string>;
}

/** `parquet` is read through DuckDB only (the CLI's optional engine). */
export type SourceFormat = 'csv' | 'json' | 'jsonl' | 'parquet';
export type ColumnType = 'number' | 'string' | 'boolean' | 'date';

export interface ColumnOverride {
  name: string;
  nameRange: SourceRange;
  type: Located<ColumnType>;
}

export interface Source {
  name: string;
  nameRange: SourceRange;
  range: SourceRange;
  path?: Located<string>;
  format?: Located<SourceFormat>;
  time?: Located<string>;
  delimiter?: Located<string>;
  columns: ColumnOverride[];
  /** The name of an entry of `connections:` the rows are read through. */
  connection?: Located<string>;
  /** A table (or view) of the connection's database, `name` or `schema.name`. */
  table?: Located<string>;
  /** A SELECT run by the connection's database; its result is the source's rows. */
  query?: Located<string>;
}

export type ConnectionType = 'duckdb' | 'postgres';
export type SslMode = 'disable' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';

/** One entry of the file's `connections:` map: a database KPI Lens reads sources through. */
export interface Connection {
  name: string;
  nameRange: SourceRange;
  range: SourceRange;
  type?: Located<ConnectionType>;
  /** duckdb: a database file, relative to the KPI file (absent: an in-memory database that reads files). */
  path?: Located<string>;
  host?: Located<string>;
  port?: Located<number>;
  database?: Located<string>;
  user?: Located<string>;
  sslmode?: Located<SslMode>;
  /** The name of the environment variable that holds the password (the password is never in the file). */
  passwordEnv?: Located<string>;
}

export type Direction = 'increase' | 'decrease';
export type Grain = 'day' | 'week' | 'month' | 'quarter' | 'year';
export type Unit = 'percent' | 'score' | 'ratio' | 'count' | 'currency' | 'duration' | 'number';

export interface Baseline {
  range: SourceRange;
  keyRange: SourceRange;
  value?: Located<number>;
  asOf?: Located<string>;
}

export interface Benchmark {
  range: SourceRange;
  value?: Located<number>;
  source?: Located<string>;
}

export interface Target {
  range: SourceRange;
  keyRange: SourceRange;
  value?: Located<number>;
  direction?: Located<Direction>;
  due?: Located<string>;
  baseline?: Baseline;
  warning?: Located<number>;
  benchmark?: Benchmark;
}

export interface Kpi {
  index: number;
  range: SourceRange;
  id?: Located<string>;
  name?: Located<string>;
  description?: Located<string>;
  unit?: Located<Unit>;
  per?: Located<string>;
  currency?: Located<string>;
  indicator?: Located<'leading' | 'lagging'>;
  owner?: Located<string>;
  goals?: LocatedList<string>;
  guardrails?: LocatedList<string>;
  source?: Located<string>;
  filter?: FormulaText;
  formula?: FormulaText;
  /** `formula:` holds a list, a map or a boolean, so `formula` is unset (the schema reports it). */
  formulaNotText?: boolean;
  grain?: Located<Grain>;
  /** Columns of the source to compute the KPI per distinct value of (README "Breakdowns"). */
  breakdown?: LocatedList<string>;
  target?: Target;
  tags?: LocatedList<string>;
}

export type SeverityName = 'off' | 'info' | 'warning' | 'warn' | 'error';

/** One entry of the file's `rules:` map. */
export interface RuleSetting {
  rule: string;
  keyRange: SourceRange;
  severity?: Located<SeverityName>;
  options: Record<string, unknown>;
}

export interface KpiFile {
  text: string;
  version?: Located<unknown>;
  goals: Goal[];
  sources: Source[];
  connections: Connection[];
  kpis: Kpi[];
  rules: RuleSetting[];
  /** Range of the `goals:` key, or of the whole document when absent (for a place to insert). */
  goalsKeyRange?: SourceRange;
  goalsRange?: SourceRange;
}
