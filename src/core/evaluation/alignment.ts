import type { KpiResult } from './evaluate';
import type { Goal, Kpi, KpiFile } from '../model/kpiFile';
import type { SourceRange } from '../model/range';
import type { Status } from './targetStatus';
import { anchorOf, goalsById, goalsInCycles, kpisPerGoal } from '../model/lookup';

/**
 * The alignment of a KPI file: which KPIs measure which goals, as a goal tree, and which
 * KPIs measure no goal at all. Shared by the alignment view and the status bar.
 */

/** A KPI's standing: its status, or `no_target` when it has no target to be measured against. */
export type Standing = Status | 'no_target';

/** A goal's standing: the worst of the KPIs under it, or `unmeasured` when none measures it. */
export type GoalStanding = Standing | 'unmeasured';

export interface AlignedKpi {
  id: string;
  name: string;
  /** Index of the KPI in the file. */
  index: number;
  /** Where to reveal it: its `id` value. */
  range: SourceRange;
  standing: Standing;
  /** Its result, when one was computed. */
  result?: KpiResult;
  /** Its guardrails that are off track while it looks fine (the `guardrail-off-track` note): it may be gaming them. */
  guardrailsOffTrack: string[];
}

export interface UnlinkedKpi extends AlignedKpi {
  /** `no-goals` (missing or empty `goals`) or `unknown-goals` (every goal it names does not exist). */
  reason: 'no-goals' | 'unknown-goals';
  /** The goal ids it names that do not exist (for `unknown-goals`). */
  unknownGoals: string[];
}

export interface GoalNode {
  id: string;
  title: string;
  owner?: string;
  description?: string;
  index: number;
  /** Where to reveal it: its `id` value. */
  range: SourceRange;
  /** Its `parent` names a goal that does not exist (shown at the top level). */
  parentMissing?: string;
  /** It lies on a `parent` loop (shown at the top level, without its loop). */
  inCycle: boolean;
  children: GoalNode[];
  /** The KPIs that list this goal directly, in file order. */
  kpis: AlignedKpi[];
  /** The worst standing of every KPI under it, directly or through child goals. */
  standing: GoalStanding;
  /** KPIs under it, directly or through child goals, each counted once. */
  kpiCount: number;
}

export interface StatusSummary {
  met: number;
  atRisk: number;
  offTrack: number;
  noData: number;
  noTarget: number;
  /** KPIs linked to no existing goal. */
  misaligned: number;
  total: number;
}

export interface Alignment {
  /** "Not linked to a goal": misaligned KPIs, in file order. */
  unlinked: UnlinkedKpi[];
  /** Top-level goals in file order: goals without a parent, with a missing parent, or on a loop. */
  roots: GoalNode[];
  summary: StatusSummary;
}

const SEVERITY: Record<GoalStanding, number> = {
  off_track: 5,
  at_risk: 4,
  no_data: 3,
  met: 2,
  no_target: 1,
  unmeasured: 0,
};

/** The worse of two standings (off track > at risk > no data > met > no target > unmeasured). */
export function worse(a: GoalStanding, b: GoalStanding): GoalStanding {
  return SEVERITY[b] > SEVERITY[a] ? b : a;
}

function standingOf(result: KpiResult | undefined): Standing {
  if (!result) return 'no_target';
  return result.status ?? 'no_target';
}

/**
 * The goal tree with each goal's KPIs and standings, the misaligned KPIs and the summary,
 * from the model and its results (results are matched by the KPI's index in the file).
 */
export function alignmentOf(model: KpiFile, results: readonly KpiResult[]): Alignment {
  const resultByIndex = new Map(results.map((r) => [r.index, r]));
  const resultById = new Map(results.map((r) => [r.id, r]));
  const offTrackGuardrails = (kpi: Kpi, result: KpiResult | undefined): string[] =>
    result?.notes.includes('guardrail-off-track')
      ? [...new Set(kpi.guardrails?.items.map((g) => g.value) ?? [])].filter(
          (id) => resultById.get(id)?.status === 'off_track',
        )
      : [];
  const goals = goalsById(model);
  const cycles = goalsInCycles(model);
  const aligned = (kpi: Kpi): AlignedKpi => {
    const result = resultByIndex.get(kpi.index);
    return {
      id: kpi.id?.value ?? `#${kpi.index + 1}`,
      name: kpi.name?.value ?? kpi.id?.value ?? `KPI #${kpi.index + 1}`,
      index: kpi.index,
      range: anchorOf(kpi),
      standing: standingOf(result),
      ...(result ? { result } : {}),
      guardrailsOffTrack: offTrackGuardrails(kpi, result),
    };
  };

  // Goal ids in file order (the first goal of each id; duplicates are duplicate-id's business).
  const firstGoals = [...goals.values()];
  const directKpis = kpisPerGoal(model); // read for existing goals only
  const unlinked: UnlinkedKpi[] = [];
  for (const kpi of model.kpis) {
    const named = [...new Set(kpi.goals?.items.map((i) => i.value) ?? [])];
    if (!named.some((id) => goals.has(id))) {
      unlinked.push({
        ...aligned(kpi),
        reason: named.length === 0 ? 'no-goals' : 'unknown-goals',
        unknownGoals: named,
      });
    }
  }

  const childrenOf = new Map<string, Goal[]>();
  const roots: Goal[] = [];
  for (const goal of firstGoals) {
    const parent = goal.parent?.value;
    if (parent === undefined || !goals.has(parent) || cycles.has(goal.id!.value) || parent === goal.id!.value)
      roots.push(goal);
    else childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), goal]);
  }

  const build = (goal: Goal): { node: GoalNode; under: Set<number> } => {
    const id = goal.id!.value;
    const children = (childrenOf.get(id) ?? []).map(build);
    const kpis = (directKpis.get(id) ?? []).map(aligned);
    const under = new Set<number>(kpis.map((k) => k.index));
    let standing: GoalStanding = 'unmeasured';
    for (const k of kpis) standing = worse(standing, k.standing);
    for (const c of children) {
      standing = worse(standing, c.node.standing);
      for (const i of c.under) under.add(i);
    }
    const parent = goal.parent?.value;
    const node: GoalNode = {
      id,
      title: goal.title?.value ?? id,
      ...(goal.owner ? { owner: goal.owner.value } : {}),
      ...(goal.description ? { description: goal.description.value } : {}),
      index: goal.index,
      range: anchorOf(goal),
      ...(parent !== undefined && !goals.has(parent) ? { parentMissing: parent } : {}),
      inCycle: cycles.has(id),
      children: children.map((c) => c.node),
      kpis,
      standing,
      kpiCount: under.size,
    };
    return { node, under };
  };

  return {
    unlinked,
    roots: roots.map((g) => build(g).node),
    summary: summarize(model, results, unlinked.length),
  };
}

function summarize(model: KpiFile, results: readonly KpiResult[], misaligned: number): StatusSummary {
  const s: StatusSummary = { met: 0, atRisk: 0, offTrack: 0, noData: 0, noTarget: 0, misaligned, total: 0 };
  const resultByIndex = new Map(results.map((r) => [r.index, r]));
  for (const kpi of model.kpis) {
    const standing = standingOf(resultByIndex.get(kpi.index));
    s.total++;
    if (standing === 'met') s.met++;
    else if (standing === 'at_risk') s.atRisk++;
    else if (standing === 'off_track') s.offTrack++;
    else if (standing === 'no_data') s.noData++;
    else s.noTarget++;
  }
  return s;
}

/**
 * `5 met · 4 at risk · 4 off track · 1 misaligned`: the three statuses always, no data
 * and misaligned when there are any.
 */
export function summaryText(s: StatusSummary): string {
  const parts = [`${s.met} met`, `${s.atRisk} at risk`, `${s.offTrack} off track`];
  if (s.noData > 0) parts.push(`${s.noData} no data`);
  if (s.misaligned > 0) parts.push(`${s.misaligned} misaligned`);
  return parts.join(' · ');
}

/** Every goal node of the tree, depth first (for tests and lookups). */
export function allGoalNodes(alignment: Alignment): GoalNode[] {
  const out: GoalNode[] = [];
  const walk = (n: GoalNode): void => {
    out.push(n);
    n.children.forEach(walk);
  };
  alignment.roots.forEach(walk);
  return out;
}

/** The KPI whose item holds `offset` (a cursor), if any. */
export function kpiAtOffset(model: KpiFile, offset: number): Kpi | undefined {
  return model.kpis.find((k) => k.range.start <= offset && offset <= k.range.end);
}
