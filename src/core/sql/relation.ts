/** The SQL relation a source reads, as text for `SELECT … FROM <relation>`, in its engine's dialect. */
import type { EngineSource } from '../data/engineSources';
import type { ColumnType } from '../model/kpiFile';

/** A string literal: single quotes doubled, so that no path or name can end it. */
export function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** An identifier, double-quoted (case as written), double quotes doubled. */
export function sqlIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `schema.name` as quoted parts; a part may itself be quoted as "a.b". */
export function tableName(written: string): string {
  const parts: string[] = [];
  const re = /\s*(?:"((?:[^"]|"")*)"|([^."]+))\s*(?:\.|$)/y;
  let m: RegExpExecArray | null;
  while (re.lastIndex < written.length && (m = re.exec(written)) !== null) {
    parts.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]!.trim());
  }
  return (parts.length > 0 ? parts : [written]).map(sqlIdentifier).join('.');
}

const DUCKDB_TYPE: Record<ColumnType, string> = {
  number: 'DOUBLE',
  string: 'VARCHAR',
  boolean: 'BOOLEAN',
  date: 'TIMESTAMP',
};

/** The relation of a source: a parenthesised query, a quoted table, or a DuckDB file reader. */
export function relationOf(spec: EngineSource): string {
  const read = spec.read;
  if (read.kind === 'table') return tableName(read.table);
  if (read.kind === 'query') return `(${read.query.replace(/;\s*$/, '')}) AS ${sqlIdentifier(spec.source)}`;
  const file = sqlString(read.path);
  const types = read.columns
    ? `, types = {${Object.entries(read.columns)
        .map(([name, type]) => `${sqlString(name)}: ${sqlString(DUCKDB_TYPE[type])}`)
        .join(', ')}}`
    : '';
  switch (read.format) {
    case 'parquet':
      return `read_parquet(${file})`;
    // sample_size = -1: types from every row, as the in-memory engine infers them (DuckDB
    // would otherwise look at the first rows only, and fail on a later row that does not fit).
    case 'json':
      return `read_json(${file}, format = 'array', sample_size = -1)`;
    case 'jsonl':
      return `read_json(${file}, format = 'newline_delimited', sample_size = -1)`;
    default:
      return `read_csv(${file}, header = true, sample_size = -1${read.delimiter ? `, delim = ${sqlString(read.delimiter)}` : ''}${types})`;
  }
}
