import type { Located, Summary } from '../../core/presentation/locatedFindings';

export function formatJson(findings: readonly Located[], summary: Summary): string {
  return JSON.stringify({ diagnostics: findings, summary }, null, 2) + '\n';
}
