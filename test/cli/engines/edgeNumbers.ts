// Numbers at the edges of binary64 for the engine tests: a column holding NaN and ±infinity
// (which a database may hold natively; a CSV file only ±infinity, written 1e999), and values
// near ±1.8e308 and 5e-324 whose sums, products and roundings overflow or underflow. Each
// set is written as a CSV file for the in-memory engine and as SQL rows for a database.

export interface EdgeRow {
  at: string;
  g: string;
  x: number | null;
  y: number | null;
  d: number | null;
}

/** NaN, ±infinity and null in x; four groups of g. */
export const NONFINITE_ROWS: EdgeRow[] = [
  { at: '2025-01-05', g: 'a', x: 1, y: 1, d: 0 },
  { at: '2025-01-06', g: 'a', x: 2, y: 1, d: 0 },
  { at: '2025-01-07', g: 'a', x: NaN, y: 1, d: 0 },
  { at: '2025-02-01', g: 'b', x: Infinity, y: 1, d: 0 },
  { at: '2025-02-02', g: 'b', x: 5, y: 1, d: 0 },
  { at: '2025-02-03', g: 'c', x: -Infinity, y: 1, d: 0 },
  { at: '2025-02-04', g: 'c', x: null, y: 1, d: 0 },
  { at: '2025-02-05', g: 'd', x: NaN, y: 1, d: 0 },
  { at: '2025-02-06', g: 'a', x: 2, y: 1, d: 0 },
];

/** Values near the largest and smallest doubles: group a's sum overflows (and so the total, whatever the order of the rows), c's digits are past ±308. */
export const HUGE_ROWS: EdgeRow[] = [
  { at: '2025-01-01', g: 'a', x: 1e308, y: 1e-200, d: 2 },
  { at: '2025-01-02', g: 'a', x: 1e308, y: 1e-200, d: 2 },
  { at: '2025-01-03', g: 'b', x: 1e200, y: 3e-200, d: 2 },
  { at: '2025-02-04', g: 'b', x: 3e200, y: 1e-300, d: 400 },
  { at: '2025-02-05', g: 'c', x: -1.5e307, y: 5e-324, d: -400 },
];

/** CSV text of a number as the core reads it: NaN is null (an empty cell), ±infinity 1e999. */
function csvNumber(v: number | null): string {
  if (v === null || Number.isNaN(v)) return '';
  if (v === Infinity) return '1e999';
  if (v === -Infinity) return '-1e999';
  return String(v);
}

export function edgeCsv(rows: readonly EdgeRow[]): string {
  const lines = [
    'at,g,x,y,d',
    ...rows.map((r) => [r.at, r.g, csvNumber(r.x), csvNumber(r.y), csvNumber(r.d)].join(',')),
  ];
  return lines.join('\n') + '\n';
}

/** A number as an SQL literal of `type` (DOUBLE, double precision, numeric): NaN and infinities by name. */
function sqlNumber(v: number | null, type: string): string {
  if (v === null) return 'NULL';
  if (Number.isNaN(v)) return `CAST('NaN' AS ${type})`;
  if (!Number.isFinite(v)) return `CAST('${v > 0 ? 'Infinity' : '-Infinity'}' AS ${type})`;
  return `CAST('${String(v)}' AS ${type})`;
}

/** CREATE TABLE and INSERT statements holding the rows, numbers of `type`. */
export function edgeTableSql(name: string, rows: readonly EdgeRow[], type: string): string[] {
  const values = rows.map(
    (r) => `(DATE '${r.at}', '${r.g}', ${sqlNumber(r.x, type)}, ${sqlNumber(r.y, type)}, ${sqlNumber(r.d, type)})`,
  );
  return [
    `DROP TABLE IF EXISTS ${name}`,
    `CREATE TABLE ${name} ("at" DATE, g VARCHAR(8), x ${type}, y ${type}, d ${type})`,
    `INSERT INTO ${name} VALUES ${values.join(', ')}`,
  ];
}

const kpi = (id: string, formula: string, more = ''): string =>
  `  - id: ${id}\n    name: ${id}\n    source: t\n    formula: "${formula}"\n${more}`;

/** Plain aggregates over the column with NaN and infinities, broken down by it and by g. */
export const NONFINITE_KPIS = [
  kpi('n', 'count()', '    breakdown: [x, g]\n'),
  kpi('total', 'sum(x)', '    breakdown: [g]\n'),
  kpi('mean', 'avg(x)', '    breakdown: [g]\n'),
  kpi('low', 'min(x)', '    breakdown: [g]\n'),
  kpi('high', 'max(x)', '    breakdown: [g]\n'),
  kpi('positive', 'count(x > 0)', '    breakdown: [g]\n'),
  kpi('missing', 'count(x == null)', '    breakdown: [g, x]\n'),
  kpi('distinct', 'count_distinct(x)', '    breakdown: [g]\n'),
  kpi('mid', 'median(x where x < 10)', '    breakdown: [g]\n'),
  kpi('monthly', 'sum(x where x < 100)', '    grain: month\n    breakdown: [g]\n'),
].join('');

/** Sums, products, quotients and roundings that overflow or underflow, per group too. */
export const HUGE_KPIS = [
  kpi('s', 'sum(x)', '    breakdown: [g]\n'),
  kpi('mean', 'avg(x)', '    breakdown: [g]\n'),
  kpi('scaled', 'sum(x * 10)', '    breakdown: [g]\n'),
  kpi('times', 'max(x) * 10', '    breakdown: [g]\n'),
  kpi('inverse', '1 / (max(x) * 10)', '    breakdown: [g]\n'),
  kpi('over', 'max(x) / 1e-10', '    breakdown: [g]\n'),
  kpi('under', 'min(y) * 1e-200', '    breakdown: [g]\n'),
  kpi('under_div', 'min(y) / 1e300', '    breakdown: [g]\n'),
  kpi('twice', 'max(x) + max(x)', '    breakdown: [g]\n'),
  kpi('apart', 'min(x) - max(x)', '    breakdown: [g]\n'),
  kpi('r2', 'round(max(x), 2)', '    breakdown: [g]\n'),
  kpi('r400', 'round(max(x), 400)', '    breakdown: [g]\n'),
  kpi('rminus', 'round(min(x), -400)', '    breakdown: [g]\n'),
  kpi('rcol', 'round(max(x), max(d))', '    breakdown: [g]\n'),
  kpi('mid', 'median(x)', '    breakdown: [g]\n'),
  kpi('monthly', 'sum(x)', '    grain: month\n    breakdown: [g]\n'),
].join('');

/** A KPI file over source t: the CSV file, or (with `read`, e.g. a connection and table) a database. */
export function edgeKpiFile(kpis: string, read = '    path: data/t.csv\n', connections = ''): string {
  return `version: 1\n${connections}sources:\n  t:\n${read}    time: at\nkpis:\n${kpis}`;
}
