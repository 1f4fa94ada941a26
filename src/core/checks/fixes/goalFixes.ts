import type { Fix, TextEdit } from '../../model/finding';
import type { Kpi, KpiFile } from '../../model/kpiFile';
import { columnOf, eol, isFlow, lineEnd, lineStart } from './textLayout';

/** The edit that links a KPI with no goals to `goalId`. */
export function linkGoalEdit(text: string, kpi: Kpi, goalId: string): TextEdit | undefined {
  if (kpi.goals) {
    const { range } = kpi.goals;
    if (range.end > range.start) return { range, newText: `[${goalId}]` };
    const space = text[range.start - 1] === ':' ? ' ' : '';
    return { range, newText: `${space}[${goalId}]` };
  }
  const id = kpi.id;
  if (!id?.keyRange) return undefined;
  if (isFlow(text, kpi.range))
    return { range: { start: id.range.end, end: id.range.end }, newText: `, goals: [${goalId}]` };
  const at = lineEnd(text, id.range.end);
  const indent = ' '.repeat(columnOf(text, id.keyRange.start));
  return { range: { start: at, end: at }, newText: `${eol(text)}${indent}goals: [${goalId}]` };
}

export function linkGoalFix(text: string, kpi: Kpi, goalId: string): Fix | undefined {
  const edit = linkGoalEdit(text, kpi, goalId);
  return edit && { title: `Link ${kpi.id ? `"${kpi.id.value}"` : 'this KPI'} to goal "${goalId}"`, edits: [edit] };
}

/** A new goal for a KPI that serves none: a stub the author fills in, linked at once. */
export function goalStubFix(model: KpiFile, kpi: Kpi): Fix | undefined {
  const text = model.text;
  const taken = new Set(model.goals.flatMap((g) => (g.id ? [g.id.value] : [])));
  const base = kpi.id ? `${kpi.id.value}_goal` : 'new_goal';
  let goalId = base;
  for (let n = 2; taken.has(goalId); n++) goalId = `${base}_${n}`;
  const title = `TODO: the business goal that ${kpi.name?.value ?? kpi.id?.value ?? 'this KPI'} serves`;
  const nl = eol(text);
  const link = linkGoalEdit(text, kpi, goalId);
  if (!link) return undefined;
  let add: TextEdit | undefined;
  const last = model.goals[model.goals.length - 1];
  const goals = model.goalsRange;
  if (goals && text[goals.start] === '[' && text[goals.end - 1] === ']') {
    // A flow list: add the stub before its closing bracket.
    const empty = text.slice(goals.start + 1, goals.end - 1).trim() === '';
    const at = goals.end - 1;
    add = {
      range: { start: at, end: at },
      newText: `${empty ? '' : ', '}{ id: ${goalId}, title: ${JSON.stringify(title)} }`,
    };
  } else if (goals && goals.end === goals.start) {
    // `goals:` with nothing after it.
    const space = text[goals.start - 1] === ':' ? ' ' : '';
    add = { range: goals, newText: `${space}[{ id: ${goalId}, title: ${JSON.stringify(title)} }]` };
  } else if (last && goals && !isFlow(text, goals)) {
    const itemCol = columnOf(text, last.range.start);
    const dashAt = text.lastIndexOf('-', last.range.start);
    const markerCol = dashAt >= lineStart(text, last.range.start) ? columnOf(text, dashAt) : Math.max(0, itemCol - 2);
    const at = lineEnd(text, Math.max(last.range.start, last.range.end - 1));
    add = {
      range: { start: at, end: at },
      newText: `${nl}${' '.repeat(markerCol)}- id: ${goalId}${nl}${' '.repeat(itemCol)}title: ${JSON.stringify(title)}`,
    };
  } else if (!model.goalsKeyRange) {
    const kpisKey = /^kpis\s*:/m.exec(text);
    const at = kpisKey ? kpisKey.index : text.length;
    const lead = at === text.length && text.length > 0 && !text.endsWith('\n') ? nl : '';
    add = {
      range: { start: at, end: at },
      newText: `${lead}goals:${nl}  - id: ${goalId}${nl}    title: ${JSON.stringify(title)}${nl}${at === text.length ? '' : nl}`,
    };
  }
  if (!add) return undefined;
  const edits = add.range.start <= link.range.start ? [add, link] : [link, add];
  return { title: `Create goal "${goalId}" and link ${kpi.id ? `"${kpi.id.value}"` : 'this KPI'} to it`, edits };
}
