import * as path from 'node:path';
import type { Finding } from '../model/finding';
import { LineIndex } from '../model/range';

/** A finding placed for the command line and JSON reports: 1-based lines and UTF-16 columns, end exclusive. */
export interface Located {
  file: string;
  rule: string;
  severity: Finding['severity'];
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  kpi?: string;
}

export function locate(file: string, text: string, findings: readonly Finding[]): Located[] {
  const index = new LineIndex(text);
  return findings.map((f) => {
    const start = index.positionAt(f.range.start);
    const end = index.positionAt(f.range.end);
    return {
      file,
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
      ...(f.kpi !== undefined ? { kpi: f.kpi } : {}),
    };
  });
}

/**
 * The path shown for a file: relative to the current directory (SPEC 8.9), `../` included,
 * with forward slashes; absolute only where no relative path exists (another drive).
 */
export function displayPath(absPath: string, cwd: string): string {
  const rel = path.relative(cwd, absPath);
  const shown = rel === '' || path.isAbsolute(rel) ? absPath : rel;
  return shown.split(path.sep).join('/');
}

export interface SeverityCounts {
  errors: number;
  warnings: number;
  infos: number;
}

export function countBySeverity(findings: readonly { severity: Finding['severity'] }[]): SeverityCounts {
  const summary = { errors: 0, warnings: 0, infos: 0 };
  for (const f of findings) {
    if (f.severity === 'error') summary.errors++;
    else if (f.severity === 'warning') summary.warnings++;
    else summary.infos++;
  }
  return summary;
}
