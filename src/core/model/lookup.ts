import type { Goal, Kpi, KpiFile } from './kpiFile';
import type { SourceRange } from './range';

/** Where a finding about a KPI or goal goes when no value names the place: its `id` value. */
export function anchorOf(item: Kpi | Goal): SourceRange {
  // An empty id value (`id: !!str`, found by the fuzz harness) has no text to show a finding on.
  if (item.id && item.id.range.end > item.id.range.start) return item.id.range;
  return { start: item.range.start, end: Math.min(item.range.end, item.range.start + 1) };
}

/** `KPI "aht"`, or `KPI #3` when it has no id. */
export function kpiLabel(kpi: Kpi): string {
  return kpi.id ? `KPI "${kpi.id.value}"` : `KPI #${kpi.index + 1}`;
}

export function goalLabel(goal: Goal): string {
  return goal.id ? `Goal "${goal.id.value}"` : `Goal #${goal.index + 1}`;
}

/** Ids of the goals, in file order, without repeats. */
export function goalIds(model: KpiFile): string[] {
  return [...new Set(model.goals.flatMap((g) => (g.id ? [g.id.value] : [])))];
}

/** The first goal with each id (later duplicates are duplicate-id's business). */
export function goalsById(model: KpiFile): Map<string, Goal> {
  const map = new Map<string, Goal>();
  for (const g of model.goals) if (g.id && !map.has(g.id.value)) map.set(g.id.value, g);
  return map;
}

/** kpisById's maps, by the list they index: checks, graph and evaluation ask many times per version. */
const byIdOf = new WeakMap<readonly Kpi[], { length: number; map: ReadonlyMap<string, Kpi> }>();

/** The first KPI with each id (later duplicates are duplicate-id's business). */
export function kpisById(model: KpiFile): ReadonlyMap<string, Kpi> {
  const known = byIdOf.get(model.kpis);
  if (known && known.length === model.kpis.length) return known.map;
  const map = new Map<string, Kpi>();
  for (const k of model.kpis) if (k.id && !map.has(k.id.value)) map.set(k.id.value, k);
  byIdOf.set(model.kpis, { length: model.kpis.length, map });
  return map;
}

/** Ids of the goals that lie on a `parent` loop. Linear: each goal's chain is walked once. */
export function goalsInCycles(model: KpiFile): Set<string> {
  const byId = goalsById(model);
  const inCycle = new Set<string>();
  const walked = new Set<string>();
  for (const start of byId.keys()) {
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let current: string | undefined = start;
    while (current !== undefined && byId.has(current) && !walked.has(current) && !onPath.has(current)) {
      onPath.set(current, path.length);
      path.push(current);
      current = byId.get(current)!.parent?.value;
    }
    if (current !== undefined && onPath.has(current)) {
      for (const id of path.slice(onPath.get(current))) inCycle.add(id);
    }
    for (const id of path) walked.add(id);
  }
  return inCycle;
}

/** The KPIs that list a goal directly, per goal id (each KPI once). */
export function kpisPerGoal(model: KpiFile): Map<string, Kpi[]> {
  const map = new Map<string, Kpi[]>();
  for (const kpi of model.kpis) {
    for (const id of new Set(kpi.goals?.items.map((i) => i.value) ?? [])) {
      const list = map.get(id) ?? [];
      list.push(kpi);
      map.set(id, list);
    }
  }
  return map;
}

export function kpiKey(kpi: Kpi): { kpi?: string } {
  return kpi.id ? { kpi: kpi.id.value } : {};
}
