import * as vscode from 'vscode';
import type { Finding } from '../core/model/finding';
import { toRange, toSeverity } from './convert';

export const DIAGNOSTIC_SOURCE = 'kpi-lens';

export function toDiagnostic(document: vscode.TextDocument, finding: Finding): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(document, finding.range), finding.message, toSeverity(finding.severity));
  d.source = DIAGNOSTIC_SOURCE;
  d.code = finding.rule;
  return d;
}

export function publish(
  collection: vscode.DiagnosticCollection,
  document: vscode.TextDocument,
  findings: readonly Finding[],
): void {
  collection.set(
    document.uri,
    findings.map((f) => toDiagnostic(document, f)),
  );
}
