import type { KpiFormulas } from './formulaChecks';
import type { Kpi, KpiFile } from '../model/kpiFile';

/** The derived KPIs' references and their components, built once per analysis. */
export interface KpiGraph {
  edges: ReadonlyMap<Kpi, KpiEdge[]>;
  /** Strongly connected components, inputs first (see components()). */
  components: readonly Kpi[][];
}

/** The graph of a file's derived KPIs. */
export function kpiGraph(
  model: KpiFile,
  formulas: ReadonlyMap<number, KpiFormulas>,
  byId: ReadonlyMap<string, Kpi>,
): KpiGraph {
  const edges = derivedEdges(model, formulas, byId);
  return { edges, components: components(edges) };
}

/** A derived KPI's reference to another KPI, with where its formula names it. */
export interface KpiEdge {
  to: Kpi;
  start: number;
  end: number;
}

/** The KPIs each derived KPI's formula names (only derived formulas create dependencies). */
function derivedEdges(
  model: KpiFile,
  formulas: ReadonlyMap<number, KpiFormulas>,
  byId: ReadonlyMap<string, Kpi>,
): Map<Kpi, KpiEdge[]> {
  const edges = new Map<Kpi, KpiEdge[]>();
  for (const kpi of model.kpis) {
    if (kpi.source || byId.get(kpi.id?.value ?? '') !== kpi) continue;
    const refs = formulas.get(kpi.index)?.formula?.kpiRefs ?? [];
    edges.set(
      kpi,
      refs.flatMap((r) => {
        const to = byId.get(r.name);
        return to ? [{ to, start: r.start, end: r.end }] : [];
      }),
    );
  }
  return edges;
}

/**
 * Strongly connected components (Tarjan), iteratively so that a chain of thousands of
 * KPIs cannot overflow the stack. Components come out inputs first: every component is
 * emitted after all the components it depends on. The nodes are the derived KPIs (the keys).
 */
export function components(edges: ReadonlyMap<Kpi, KpiEdge[]>): Kpi[][] {
  const index = new Map<Kpi, number>();
  const low = new Map<Kpi, number>();
  const onStack = new Set<Kpi>();
  const stack: Kpi[] = [];
  const result: Kpi[][] = [];
  let counter = 0;
  for (const root of edges.keys()) {
    if (index.has(root)) continue;
    const work: { node: Kpi; next: number }[] = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const out = edges.get(frame.node) ?? [];
      if (frame.next < out.length) {
        const to = out[frame.next++]!.to;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: Kpi[] = [];
        let member: Kpi;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        result.push(component);
      }
    }
  }
  return result;
}

/** True when a component is a loop: several KPIs, or one that names itself. */
export function isLoop(component: readonly Kpi[], edges: ReadonlyMap<Kpi, KpiEdge[]>): boolean {
  const only = component[0]!;
  return component.length > 1 || (edges.get(only) ?? []).some((e) => e.to === only);
}
