export const HELP = `kpi-lens: check and evaluate KPI definitions kept as code (kpis.yaml)

Usage:
  kpi-lens check [FILE...] [options]   every check; FILE defaults to ./kpis.yaml
  kpi-lens eval [FILE] [options]       compute every KPI on its sample data
  kpi-lens sql [FILE] [options]        print the SQL that computes the KPIs
  kpi-lens engines                     answer the VS Code extension about database sources
                                       (one JSON request on stdin, the answer on stdout)

Check options:
  --format text|json|sarif|github      output format (default: text)
  --max-warnings N                     exit 1 when there are more than N warnings

Eval options:
  --kpi ID                             only this KPI (repeatable)
  --by COLUMN                          also break every sourced KPI down by this column (repeatable)
  --format table|json|csv|markdown     output format (default: table)
  --engine memory|duckdb               evaluate file sources in memory (default) or through
                                       DuckDB (needs @duckdb/node-api); database sources are
                                       always evaluated by their own engine

SQL options:
  --kpi ID                             only this KPI and the KPIs it uses (repeatable)
  --dialect duckdb|postgres|bigquery|snowflake   SQL dialect (default: duckdb)

Common options:
  --today YYYY-MM-DD                   the date "today" is, for due dates (default: today, UTC)
  --allow-outside                      read sources outside the workspace folder
  -h, --help                           show this help
  -v, --version                        show the version

Exit codes: 0 no errors; 1 errors found (or more warnings than --max-warnings);
2 bad arguments or a KPI file that cannot be read.
Environment: NO_COLOR turns colours off; a connection's password_env names the variable
holding its password.
`;
