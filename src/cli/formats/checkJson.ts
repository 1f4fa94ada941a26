import type { Located, SeverityCounts } from '../../core/presentation/locatedFindings';

export function formatJson(findings: readonly Located[], summary: SeverityCounts): string {
  return JSON.stringify({ diagnostics: findings, summary }, null, 2) + '\n';
}
