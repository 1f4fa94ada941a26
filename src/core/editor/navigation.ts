/** Go to definition and find references for goal ids, KPI ids and source names. */
import type { Analysis } from '../checks/analysis';
import type { SourceRange } from '../model/range';
import { occurrencesOf, symbolAt, type NameKind, type Occurrence } from './symbolAt';

const isName = (o: Occurrence | undefined): o is Occurrence & { kind: NameKind } =>
  o !== undefined && (o.kind === 'goal' || o.kind === 'kpi' || o.kind === 'source');

/** Where the goal, KPI or source named at `offset` is defined (every definition, when an id is duplicated). */
export function definitionAt(analysis: Analysis, offset: number): SourceRange[] {
  const at = symbolAt(analysis, offset);
  if (!isName(at)) return [];
  return occurrencesOf(analysis, at.kind, at.name)
    .filter((o) => o.role === 'definition')
    .map((o) => o.range);
}

/** Every place that names the goal, KPI or source at `offset`; definitions only when asked. */
export function referencesAt(analysis: Analysis, offset: number, includeDefinition: boolean): SourceRange[] {
  const at = symbolAt(analysis, offset);
  if (!isName(at)) return [];
  return occurrencesOf(analysis, at.kind, at.name)
    .filter((o) => includeDefinition || o.role === 'reference')
    .map((o) => o.range);
}
