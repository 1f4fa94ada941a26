import type { Located, SeverityCounts } from '../../core/presentation/locatedFindings';
import type { Paint } from '../paint';

/** `kpis.yaml:13:9: warning: KPI "aht" is linked to no goal [no-goal]`, then a summary line. */
export function formatText(findings: readonly Located[], summary: SeverityCounts, paint: Paint): string {
  const lines = findings.map((f) => {
    const sev =
      f.severity === 'error'
        ? paint.red('error')
        : f.severity === 'warning'
          ? paint.yellow('warning')
          : paint.blue('info');
    return `${paint.bold(`${f.file}:${f.line}:${f.column}`)}: ${sev}: ${f.message} ${paint.dim(`[${f.rule}]`)}`;
  });
  lines.push(summaryLine(summary, paint));
  return lines.join('\n') + '\n';
}

export function summaryLine(summary: SeverityCounts, paint: Paint): string {
  const total = summary.errors + summary.warnings + summary.infos;
  const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const text = `${count(total, 'problem')} (${count(summary.errors, 'error')}, ${count(summary.warnings, 'warning')}, ${count(summary.infos, 'info')})`;
  if (total === 0) return paint.green('✔ no problems');
  return summary.errors > 0 ? paint.red(paint.bold(`✖ ${text}`)) : paint.yellow(paint.bold(`⚠ ${text}`));
}
