import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES } from '../../core/checks/rules';
import type { Located } from '../../core/presentation/locatedFindings';
import { version } from '../../../package.json';

export const RULES_HELP = 'https://github.com/kpi-lens/kpi-lens/blob/main/README.md#rules';

/** SARIF 2.1.0: one run, one rule entry per rule id, paths relative to %SRCROOT% (the current directory). */
export function formatSarif(findings: readonly Located[], cwd: string): string {
  const rules = RULES.map((r) => ({
    id: r.id,
    name: r.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: r.description },
    fullDescription: { text: r.description },
    helpUri: `${RULES_HELP}`,
    defaultConfiguration: { level: level(r.defaultSeverity) },
  }));
  const index = new Map<string, number>(RULES.map((r, i) => [r.id, i]));
  const results = findings.map((f) => ({
    ruleId: f.rule,
    ruleIndex: index.get(f.rule) ?? 0,
    level: level(f.severity),
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifact(f.file, cwd),
          region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
        },
      },
    ],
    ...(f.kpi !== undefined ? { properties: { kpi: f.kpi } } : {}),
  }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kpi-lens',
            version,
            semanticVersion: version,
            informationUri: 'https://github.com/kpi-lens/kpi-lens',
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd).href.replace(/\/?$/, '/') } },
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

function artifact(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  // A file outside %SRCROOT% (`../x`) is not under it, which code-scanning services reject:
  // give its absolute URI instead.
  const outside = path.isAbsolute(file) || file === '..' || file.startsWith('../');
  return outside
    ? { uri: pathToFileURL(path.resolve(cwd, file)).href }
    : { uri: encodeURI(file), uriBaseId: '%SRCROOT%' };
}

function level(severity: string): 'error' | 'warning' | 'note' {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}
