import type { Located } from '../../core/presentation/locatedFindings';

const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions workflow commands: one annotation per finding; info becomes a notice. */
export function formatGithub(findings: readonly Located[]): string {
  return findings
    .map((f) => {
      const level = f.severity === 'info' ? 'notice' : f.severity;
      const props = [
        `file=${escapeProperty(f.file)}`,
        `line=${f.line}`,
        `col=${f.column}`,
        `endLine=${f.endLine}`,
        `endColumn=${f.endColumn}`,
        `title=${escapeProperty(f.rule)}`,
      ].join(',');
      return `::${level} ${props}::${escapeData(f.message)}\n`;
    })
    .join('');
}
