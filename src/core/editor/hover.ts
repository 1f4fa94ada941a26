/** hoverAt: what the editor shows over a KPI, a goal, a source, a column or a function. */
import type { Analysis } from '../checks/analysis';
import type { KpiResult } from '../evaluation/evaluate';
import type { SourceRange } from '../model/range';
import { kpisById } from '../model/lookup';
import { columnHover } from './hoverColumn';
import { functionHover } from './hoverFunction';
import { goalHover } from './hoverGoal';
import { kpiHover } from './hoverKpi';
import { sourceHover } from './hoverSource';
import { symbolAt, unquoted } from './symbolAt';

export interface HoverOptions {
  /** Examples shown in a column's hover (setting kpiLens.preview.maxRows). */
  maxRows: number;
}

export interface Hover {
  markdown: string;
  /** The text the hover is about. */
  range: SourceRange;
}

/**
 * `results` may be a function: it is called only for a hover that shows values (a KPI or a
 * goal), so that a hover over a function, a column or a source never evaluates the file.
 */
export function hoverAt(
  analysis: Analysis,
  resultsOrGetter: readonly KpiResult[] | (() => readonly KpiResult[]),
  offset: number,
  options: HoverOptions,
): Hover | undefined {
  let evaluated: readonly KpiResult[] | undefined;
  const results = (): readonly KpiResult[] =>
    (evaluated ??= typeof resultsOrGetter === 'function' ? resultsOrGetter() : resultsOrGetter);
  const name = analysis.model.kpis.find((k) => k.name && k.name.range.start <= offset && offset <= k.name.range.end);
  if (name) return { markdown: kpiHover(analysis, results(), name), range: unquoted(analysis.text, name.name!.range) };
  const at = symbolAt(analysis, offset);
  if (!at) return undefined;
  let markdown: string | undefined;
  switch (at.kind) {
    case 'kpi': {
      const kpi =
        at.role === 'definition'
          ? analysis.model.kpis.find((k) => k.id && k.id.range.start <= offset && offset <= k.id.range.end)
          : kpisById(analysis.model).get(at.name);
      markdown = kpi ? kpiHover(analysis, results(), kpi) : undefined;
      break;
    }
    case 'goal':
      markdown = goalHover(analysis, results(), at.name);
      break;
    case 'source':
      markdown = sourceHover(analysis, at.name);
      break;
    case 'column':
      markdown = columnHover(analysis, at.source, at.name, options.maxRows);
      break;
    case 'function':
      markdown = functionHover(at.name);
      break;
  }
  return markdown === undefined ? undefined : { markdown, range: at.range };
}
