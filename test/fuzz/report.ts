/** A fuzz run in words: per-target counts, time and rate, then each failure with how to replay it. */
import type { FuzzReport } from './runFuzz';

export function formatReport(report: FuzzReport): string {
  const lines: string[] = [`fuzz seed ${report.seed}`];
  let total = 0;
  for (const s of report.stats) {
    total += s.cases;
    const rate = s.ms > 0 ? Math.round((s.cases * 1000) / s.ms) : 0;
    const skipped = s.skipped > 0 ? `, ${s.skipped} skipped (checker rejected)` : '';
    lines.push(
      `  ${s.target.padEnd(8)} ${String(s.cases).padStart(7)} cases: ${s.passed} passed${skipped}, ${s.failed} failed; ` +
        `${(s.ms / 1000).toFixed(1)} s, ${rate} cases/s, slowest ${s.slowestMs.toFixed(1)} ms, ${(s.inputChars / 1e6).toFixed(1)} M chars`,
    );
  }
  const seconds = report.ms / 1000;
  lines.push(
    `  total    ${String(total).padStart(7)} cases in ${seconds.toFixed(1)} s (${Math.round(total / seconds)} cases/s)${report.stoppedByTime ? ', stopped by --seconds' : ''}`,
  );
  for (const f of report.failures) {
    lines.push('', `FAILED ${f.target} seed ${f.seed} case ${f.index}: ${f.message}`);
    lines.push(`  replay: npm run fuzz -- --seed ${f.seed} --only ${f.target} --case ${f.index}`);
    if (f.repro) lines.push(`  inputs: ${f.repro}`);
  }
  return lines.join('\n');
}
