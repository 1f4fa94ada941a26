/** Every command, view and context key of the commands and views, in one place. */
export const COMMANDS = {
  /** Computes every KPI of the active KPI file and opens (or refreshes) the results view. */
  evaluateAll: 'kpiLens.evaluateAll',
  /** One KPI's result: the KPI at the cursor, or the id passed (the CodeLens passes it with the document's URI). */
  evaluateKpi: 'kpiLens.evaluateKpi',
  /** Focuses the alignment view in the explorer. */
  showAlignment: 'kpiLens.showAlignment',
  /** Writes the results as CSV, JSON or Markdown to a file the user picks. */
  exportResults: 'kpiLens.exportResults',
  /** Opens the SQL computing the KPIs (dialect: kpiLens.sql.dialect) beside the KPI file. */
  showSql: 'kpiLens.showSql',
  /** Keeps a PostgreSQL connection's password in VS Code's secret storage. */
  setDatabasePassword: 'kpiLens.setDatabasePassword',
  /** Forgets what the engines said about database, Parquet and glob sources, and asks again. */
  refreshDatabaseSources: 'kpiLens.refreshDatabaseSources',
  /** Writes a starter kpis.yaml with sample data into a folder the user picks. */
  newFile: 'kpiLens.newFile',
  /** Internal (not in the palette): selects a range of a KPI file, from the alignment view. */
  revealRange: 'kpiLens.revealRange',
  /** Internal: selects a KPI's id in its file, by id (what a lens ran before the results command existed; kept for callers). */
  revealKpi: 'kpiLens.revealKpi',
  /** Internal: the "Set baseline from data…" quick fix's command (document, KPI id, optional period). */
  setBaselineFromData: 'kpiLens.setBaselineFromData',
} as const;

export const VIEWS = {
  /** The alignment tree in the explorer. */
  alignment: 'kpiLens.alignment',
  /** The results webview panel's view type. */
  results: 'kpiLens.results',
} as const;

export const CONTEXT_KEYS = {
  /** The active editor holds a KPI file. */
  kpiFileActive: 'kpiLens.kpiFileActive',
  /** Some editor tab holds a KPI file. */
  kpiFileOpen: 'kpiLens.kpiFileOpen',
} as const;

export type ExportFormat = 'csv' | 'json' | 'markdown';
