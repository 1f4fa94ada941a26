/// <reference types="mocha" />
// Every rule's diagnostic at its exact range, with source kpi-lens, code = rule id and its
// severity (SPEC 4, 7); and the editor finds exactly what `kpi-lens check` finds.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  EXTENSION_ID,
  SOURCE,
  activateExtension,
  codeOf,
  kpiDiagnostics,
  openFixture,
  rangeOf,
  showDiagnostic,
  showDiagnostics,
  showRange,
  waitForDiagnostics,
  workspaceRoot,
} from './helpers';

type Severity = 'error' | 'warning' | 'info';
interface Expected {
  rule: string;
  severity: Severity;
  /** 1-based line and the exact text the range covers there. */
  line: number;
  text: string;
  occurrence?: number;
}

const EXPECTED: Record<string, Expected[]> = {
  'checks/model.kpis.yaml': [
    { rule: 'goal-only-lagging', severity: 'info', line: 6, text: 'retain' },
    { rule: 'goal-too-many-kpis', severity: 'info', line: 6, text: 'retain' },
    { rule: 'goal-without-kpi', severity: 'warning', line: 9, text: 'loop_a' },
    { rule: 'goal-cycle', severity: 'error', line: 10, text: 'loop_b' },
    { rule: 'goal-without-kpi', severity: 'warning', line: 12, text: 'loop_b' },
    { rule: 'goal-cycle', severity: 'error', line: 13, text: 'loop_a' },
    { rule: 'goal-without-kpi', severity: 'warning', line: 15, text: 'orphan' },
    { rule: 'unknown-goal', severity: 'error', line: 16, text: 'grwo' },
    { rule: 'target-out-of-range', severity: 'warning', line: 32, text: '120' },
    { rule: 'duplicate-id', severity: 'error', line: 33, text: 'resolution' },
    { rule: 'target-missing', severity: 'warning', line: 33, text: 'resolution' }, // raised to warning by rules:
    { rule: 'no-guardrail', severity: 'info', line: 38, text: 'handle_time' },
    { rule: 'unknown-goal', severity: 'error', line: 42, text: 'retian' },
    { rule: 'target-direction', severity: 'warning', line: 45, text: 'target' }, // SPEC 8.7: at the target key
    { rule: 'target-no-baseline', severity: 'info', line: 51, text: 'target' },
    { rule: 'target-no-due', severity: 'warning', line: 51, text: 'target' },
    { rule: 'no-goal', severity: 'warning', line: 48, text: '[]' },
    { rule: 'unknown-source', severity: 'error', line: 49, text: 'ticket' },
    { rule: 'unknown-kpi', severity: 'error', line: 55, text: 'resolutoin' },
    { rule: 'target-past-due', severity: 'info', line: 58, text: '2020-01-01' },
    { rule: 'target-direction', severity: 'warning', line: 58, text: '6' }, // a warning above its target
    { rule: 'no-goal', severity: 'warning', line: 59, text: 'volume' },
    { rule: 'target-missing', severity: 'warning', line: 59, text: 'volume' },
  ],
  'checks/formulas.kpis.yaml': [
    { rule: 'formula-syntax', severity: 'error', line: 19, text: '(' },
    { rule: 'unknown-column', severity: 'error', line: 24, text: 'handle_secs' },
    { rule: 'unknown-function', severity: 'error', line: 29, text: 'averag' },
    { rule: 'type-mismatch', severity: 'error', line: 34, text: 'channel' },
    { rule: 'bare-column', severity: 'error', line: 39, text: 'handle_seconds' },
    { rule: 'nested-aggregate', severity: 'error', line: 44, text: 'avg(handle_seconds)' },
    { rule: 'aggregate-in-derived', severity: 'error', line: 48, text: 'sum(nested)' },
    { rule: 'kpi-cycle', severity: 'error', line: 52, text: 'cycle_b' },
    { rule: 'kpi-cycle', severity: 'error', line: 56, text: 'cycle_a' },
    { rule: 'unknown-kpi', severity: 'error', line: 60, text: 'monthly_tickets' },
    { rule: 'grain-mismatch', severity: 'error', line: 76, text: 'weekly' },
    { rule: 'grain-without-time', severity: 'error', line: 83, text: 'month' },
  ],
  'checks/schema.kpis.yaml': [
    { rule: 'schema', severity: 'error', line: 8, text: 'constant' }, // missing name
    { rule: 'target-missing', severity: 'info', line: 8, text: 'constant' },
    { rule: 'schema', severity: 'error', line: 9, text: 'nmae' },
    { rule: 'schema', severity: 'error', line: 11, text: 'true' },
    { rule: 'schema', severity: 'error', line: 12, text: 'percentage' },
    // formula: 3 is a constant (SPEC 8.2): no schema error; its target's warning lies above the target.
    { rule: 'target-direction', severity: 'warning', line: 17, text: '15' },
  ],
  'checks/sources.kpis.yaml': [
    { rule: 'source-unreadable', severity: 'error', line: 9, text: 'data/missing.csv' },
    { rule: 'source-unreadable', severity: 'error', line: 11, text: 'data/ragged.csv' },
    { rule: 'source-outside-workspace', severity: 'error', line: 13, text: '../../index.ts' },
  ],
  'checks/syntax.kpis.yaml': [
    { rule: 'goal-without-kpi', severity: 'warning', line: 3, text: 'grow' },
    { rule: 'yaml-syntax', severity: 'error', line: 5, text: 'k' },
  ],
};

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

describe('diagnostics of every rule', () => {
  before(activateExtension);

  for (const [file, expected] of Object.entries(EXPECTED)) {
    describe(file, () => {
      let document: vscode.TextDocument;
      let diagnostics: vscode.Diagnostic[];

      before(async () => {
        document = (await openFixture(file)).document;
        diagnostics = await waitForDiagnostics(document.uri, 'KPI Lens diagnostics', (ds) => ds.length > 0);
      });
      after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

      for (const e of expected) {
        const title = `${e.rule} (${e.severity}) at line ${e.line} on ${JSON.stringify(e.text)}`;
        it(title, () => {
          const range = rangeOf(document, e.line, e.text, e.occurrence);
          const ofRule = diagnostics.filter((d) => codeOf(d) === e.rule);
          const here = ofRule.find((d) => d.range.isEqual(range));
          assert.ok(
            here,
            `expected ${e.rule} at ${showRange(range)} ${JSON.stringify(e.text)}; ${e.rule} diagnostics:${showDiagnostics(ofRule, document)}`,
          );
          assert.equal(here.source, SOURCE, `source of ${showDiagnostic(here)}`);
          assert.equal(typeof here.code, 'string', `code of ${showDiagnostic(here)} should be the rule id as a string`);
          assert.equal(
            here.severity,
            SEVERITY[e.severity],
            `severity of ${showDiagnostic(here, document)} should be ${e.severity}`,
          );
          assert.ok(here.message.length > 20, `message too short: ${JSON.stringify(here.message)}`);
        });
      }

      it('has no other diagnostics', () => {
        const unexpected = diagnostics.filter(
          (d) =>
            !expected.some(
              (e) => codeOf(d) === e.rule && d.range.isEqual(rangeOf(document, e.line, e.text, e.occurrence)),
            ),
        );
        assert.equal(unexpected.length, 0, `unexpected diagnostics:${showDiagnostics(unexpected, document)}`);
      });

      it('matches `kpi-lens check --format json` (rule, severity, message, range)', () => {
        const root = workspaceRoot();
        const cli = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'cli.js');
        let out: string;
        try {
          out = execFileSync(process.execPath, [cli, 'check', '--format', 'json', file], {
            cwd: root,
            encoding: 'utf8',
          });
        } catch (e) {
          out = (e as { stdout: string }).stdout; // exit 1 when there are errors
        }
        const fromCli = (JSON.parse(out) as { diagnostics: Array<Record<string, unknown>> }).diagnostics
          .map((d) => `${d.rule} ${d.severity} ${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.message}`)
          .sort();
        const fromEditor = kpiDiagnostics(document.uri)
          .map((d) => `${codeOf(d)} ${['error', 'warning', 'info'][d.severity]} ${showRange(d.range)} ${d.message}`)
          .sort();
        assert.deepEqual(fromEditor, fromCli, 'the editor and the CLI disagree');
      });
    });
  }
});
