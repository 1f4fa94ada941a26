/**
 * Analyzes and evaluates one KPI file text and checks what must hold for any input: no
 * throw (evaluation catches a KPI's exception and reports it as a failure text, so that
 * text counts as a throw here), and every finding's range inside the document and on the
 * text it names.
 */
import { analyze, type AnalysisOptions } from '../../src/core/checks/analysis';
import { evaluateAnalysis } from '../../src/core/evaluation/evaluate';
import { checkFindings } from './findingProperties';
import { fail } from './harness';

export function checkKpiFile(text: string, options: AnalysisOptions): void {
  const analysis = analyze(text, { today: '2026-03-15', ...options });
  checkFindings(text, analysis.checked);
  checkFindings(text, analysis.findings);
  for (const result of evaluateAnalysis(analysis)) {
    if (result.failure?.startsWith('could not be computed'))
      fail(`evaluating ${result.id} threw (caught by evaluateAnalysis): ${result.failure}`);
    for (const v of [result.value, ...(result.series ?? []).map((e) => e.value)])
      if (v !== null && !Number.isFinite(v))
        fail(`${result.id} has the value ${v}: a result is a finite number or null`);
  }
}
