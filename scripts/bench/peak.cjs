// Preloaded into a benchmarked process: reports its peak memory when it exits.
process.on('exit', () => {
  const file = process.env.KPI_LENS_BENCH_PEAK_FILE;
  if (file) require('node:fs').writeFileSync(file, String(process.resourceUsage().maxRSS));
});
