/** The hover over a goal id: the goal, where it sits in the tree, and the KPIs that measure it. */
import type { Analysis } from '../checks/analysis';
import type { KpiResult } from '../evaluation/evaluate';
import type { Goal } from '../model/kpiFile';
import { goalsById, goalsInCycles, kpisPerGoal } from '../model/lookup';
import { escapeMarkdown, inlineCode } from './markdown';
import { shortResult } from '../presentation/resultText';

export function goalHover(analysis: Analysis, results: readonly KpiResult[], id: string): string {
  const { model } = analysis;
  const goal = goalsById(model).get(id);
  if (!goal) return `No goal has the id ${inlineCode(id)}.`;
  const parts: string[] = [
    `**${escapeMarkdown(goal.title?.value ?? id)}** ${inlineCode(id)}${goal.owner ? ` · owner ${escapeMarkdown(goal.owner.value)}` : ''}`,
  ];
  if (goal.description) parts.push(escapeMarkdown(goal.description.value));
  const tree: string[] = [];
  if (goal.parent) tree.push(`Parent: ${goalName(goalsById(model).get(goal.parent.value), goal.parent.value)}`);
  const children = childrenOf(model.goals, id);
  if (children.length) tree.push(`Children: ${children.map((c) => goalName(c, c.id!.value)).join(', ')}`);
  if (goalsInCycles(model).has(id)) tree.push('⚠ Its parent links form a loop.');
  if (tree.length) parts.push(tree.join('  \n'));

  const perGoal = kpisPerGoal(model);
  const direct = perGoal.get(id) ?? [];
  if (direct.length) {
    parts.push(
      [
        `Measured by ${direct.length === 1 ? '1 KPI' : `${direct.length} KPIs`}:`,
        ...direct.map((k) => {
          const r = results.find((x) => x.index === k.index);
          return `- ${escapeMarkdown(k.name?.value ?? k.id?.value ?? '?')} ${inlineCode(k.id?.value ?? '?')}: ${escapeMarkdown(shortResult(r, k))}`;
        }),
      ].join('\n'),
    );
  }
  const below = descendants(model.goals, id).flatMap((g) => perGoal.get(g.id!.value) ?? []);
  const indirect = [...new Set(below)].filter((k) => !direct.includes(k));
  if (indirect.length) {
    parts.push(`Through its child goals: ${indirect.map((k) => inlineCode(k.id?.value ?? '?')).join(', ')}`);
  }
  if (direct.length === 0 && indirect.length === 0)
    parts.push('⚠ No KPI measures this goal, directly or through its child goals.');
  return parts.join('\n\n');
}

function goalName(goal: Goal | undefined, id: string): string {
  return goal ? `${escapeMarkdown(goal.title?.value ?? id)} ${inlineCode(id)}` : `${inlineCode(id)} (no such goal)`;
}

function childrenOf(goals: readonly Goal[], id: string): Goal[] {
  return goals.filter((g) => g.id && g.parent?.value === id && g.id.value !== id);
}

/** Every goal below `id` in the tree (each once, loops cut). */
function descendants(goals: readonly Goal[], id: string): Goal[] {
  const seen = new Set<string>([id]);
  const out: Goal[] = [];
  const queue = [id];
  while (queue.length) {
    for (const child of childrenOf(goals, queue.shift()!)) {
      if (seen.has(child.id!.value)) continue;
      seen.add(child.id!.value);
      out.push(child);
      queue.push(child.id!.value);
    }
  }
  return out;
}
