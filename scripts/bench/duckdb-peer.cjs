// The peer for `npm run bench`: the seven benchmark KPIs by month in DuckDB SQL.
const { DuckDBInstance } = require('@duckdb/node-api');

async function main() {
  const csv = process.argv[2].replace(/'/g, "''");
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  const sql = `
    select strftime(submitted_at, '%Y-%m') as period,
      100.0 * count(*) filter (where score >= 9) / count(*) - 100.0 * count(*) filter (where score <= 6) / count(*) as nps,
      100.0 * count(*) filter (where csat >= 4) / count(csat) as csat,
      avg(handle_seconds) / 60 as aht,
      quantile_cont(handle_seconds, 0.5) filter (where channel = 'chat') as chat_median,
      quantile_cont(handle_seconds, 0.9) as p90,
      100.0 * count(*) filter (where resolved) / count(*) as fcr,
      count(distinct customer_id) as customers
    from read_csv('${csv}')
    group by period order by period`;
  const rows = (await c.runAndReadAll(sql)).getRows();
  process.stdout.write(JSON.stringify(rows.length));
}
main().catch((e) => {
  console.error(e);
  process.exit(2);
});
