/** One lens above each KPI: "NPS 38.2 · ▲ 2.1 vs 2026-09 · ▼ 4.0 vs a year ago · target ≥ 50 by 2026-06-30 · at risk". */
import type { Analysis } from '../checks/analysis';
import type { KpiResult } from '../evaluation/evaluate';
import type { SourceRange } from '../model/range';
import { labelOf, movementsText, noteDetail, statusText, targetPhrase, valueText } from '../presentation/resultText';

export interface Lens {
  /** Where the lens sits: the KPI's first key (its `- id:` line). */
  range: SourceRange;
  kpiId: string;
  title: string;
  /** Longer text for the lens's tooltip. */
  tooltip: string;
}

export function lensesFor(analysis: Analysis, results: readonly KpiResult[]): Lens[] {
  const lenses: Lens[] = [];
  for (const kpi of analysis.model.kpis) {
    const result = results.find((r) => r.index === kpi.index);
    if (!kpi.id || !result) continue;
    const range = { start: kpi.range.start, end: kpi.range.start };
    lenses.push({ range, kpiId: kpi.id.value, ...lensText(result, labelOf(kpi, result)) });
  }
  return lenses;
}

function lensText(result: KpiResult, label: ReturnType<typeof labelOf>): { title: string; tooltip: string } {
  if (result.failure)
    return {
      title: `${result.name} · not computed: ${result.failure}`,
      tooltip: `${result.name} could not be computed: ${result.failure}.`,
    };
  const status = statusText(result);
  const value = valueText(result, label, false);
  const moves = movementsText(result, label);
  const parts = [`${result.name} ${value}`, ...(moves ? [moves] : []), targetPhrase(result, label) ?? 'no target'];
  if (status && status !== 'no data') parts.push(status);
  if (result.notes.includes('guardrail-off-track')) parts.push('guardrail off track');
  if (result.notes.includes('unusual-change')) parts.push('unusual change');
  const period = result.period ? ` in ${result.period}` : result.series ? '' : ' over all rows';
  const judged = movementsText(result, label, true);
  const unusual = noteDetail('unusual-change', result, label);
  const tooltip = [
    `${result.name}: ${value}${period}.`,
    ...(judged ? [`${judged}.`] : []),
    ...(unusual ? [`Unusual change: ${unusual}.`] : []),
    "Click to open this KPI's result.",
  ];
  return { title: parts.join(' · '), tooltip: tooltip.join(' ') };
}
