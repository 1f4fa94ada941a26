/** The hover over a KPI: what it is, its value on the sample data, and how it stands against its target. */
import type { Analysis } from '../checks/analysis';
import type { KpiResult } from '../evaluation/evaluate';
import { formatJudgedValue, formatStatedValue, formatValue, type UnitLabel } from '../presentation/number';
import { sparkline } from '../presentation/sparkline';
import type { Kpi } from '../model/kpiFile';
import { goalsById, kpisById } from '../model/lookup';
import { codeBlock, escapeMarkdown, inlineCode } from './markdown';
import type { Breakdown } from '../evaluation/breakdown';
import {
  groupValueText,
  labelOf,
  movementsText,
  noteDetail,
  progressText,
  shortMoveText,
  shortResult,
  STATUS_LABEL,
  statusText,
  targetPhrase,
} from '../presentation/resultText';

/** How many periods the trend shows (the sparkline's width). */
export const TREND_PERIODS = 12;

const NOTES: Record<string, string> = {
  'division-by-zero': 'A division by zero left a period without a value.',
  'guardrail-off-track': 'It looks fine, but one of its guardrails is off track.',
  'unusual-change': 'An unusual change in the last period',
};

/**
 * Most important first, so that it reads at a glance in the editor's small hover: the
 * value against its target, trend and pace, guardrails and goals; then, below a rule,
 * what the KPI is (description, formula, filter).
 */
export function kpiHover(analysis: Analysis, results: readonly KpiResult[], kpi: Kpi): string {
  const result = results.find((r) => r.index === kpi.index);
  const lines: string[] = [header(kpi)];
  if (!result) {
    lines.push('*Not computed yet.*');
  } else if (result.failure) {
    lines.push(failure(analysis, kpi, result));
  } else {
    const label = labelOf(kpi, result);
    lines.push(...valueLines(result, label));
    const moves = movementsText(result, label, true);
    if (moves) lines.push(escapeMarkdown(moves));
    for (const line of [trend(result, label), pace(result, label), benchmark(result, label)])
      if (line) lines.push(line);
    for (const b of result.breakdowns ?? []) lines.push(breakdownLine(b, result, label));
  }
  const guard = guardrails(analysis, results, kpi);
  if (guard) lines.push(guard);
  lines.push(goals(analysis, kpi));
  for (const note of result?.notes ?? []) {
    const detail = noteDetail(note, result!, labelOf(kpi, result!));
    lines.push(`Note: ${NOTES[note] ?? note}${detail ? `: ${escapeMarkdown(detail)}.` : ''}`);
  }
  const about: string[] = [];
  if (kpi.description) about.push(escapeMarkdown(kpi.description.value));
  if (kpi.formula)
    about.push(
      codeBlock(kpi.formula.text.trim()) + (kpi.filter ? `\nRows where ${inlineCode(kpi.filter.text.trim())}` : ''),
    );
  return [lines.join('  \n'), ...(about.length ? ['---', ...about] : [])].join('\n\n');
}

function header(kpi: Kpi): string {
  const name = kpi.name ? `**${escapeMarkdown(kpi.name.value)}**` : '**(no name)**';
  const facts = [
    kpi.unit?.value === 'duration' && kpi.per
      ? `duration in ${kpi.per.value}`
      : kpi.unit?.value === 'currency' && kpi.currency
        ? `currency (${kpi.currency.value})`
        : kpi.unit?.value,
    kpi.indicator && `${kpi.indicator.value} indicator`,
    kpi.owner && `owner ${kpi.owner.value}`,
  ].filter((s): s is string => typeof s === 'string');
  return `${name} ${inlineCode(kpi.id?.value ?? '?')}${facts.length ? ` · ${escapeMarkdown(facts.join(' · '))}` : ''}`;
}

function valueLines(result: KpiResult, label: UnitLabel): string[] {
  const value = `**${formatJudgedValue(result, label)}**${result.period ? ` in ${result.period}` : result.series ? ' (no periods with data)' : ' over all rows'}`;
  const target = targetPhrase(result, label);
  if (!target || !result.target) return [`${value} · *no target*`];
  const status = statusText(result);
  const first = [value, target, status && `**${status}**`]
    .filter((s): s is string => typeof s === 'string')
    .join(' · ');
  const second: string[] = [];
  const progress = progressText(result);
  const baseline = result.target.baseline;
  if (baseline) second.push(`Baseline ${formatStatedValue(baseline.value, label)} on ${baseline.as_of}`);
  if (progress) second.push(`progress ${progress}`);
  if (result.target.warning !== null)
    second.push(`${second.length ? 'at' : 'At'} risk from ${formatStatedValue(result.target.warning, label)}`);
  return second.length ? [first, second.join(' · ')] : [first];
}

/**
 * One line per breakdown column, its groups in the order of their rows, each with its value
 * (in the KPI's last period), its status against the KPI's target and its move against the
 * period before: `By channel, moves vs 2024-02: **chat** 50% (met) ▲ 33.3% · **(null)** 100% (met) ▲ 83.3%`.
 */
function breakdownLine(b: Breakdown, result: KpiResult, label: UnitLabel): string {
  const against = result.previous?.period;
  const groups = b.groups.map((g) => {
    const parts = [`**${escapeMarkdown(g.group)}**`, groupValueText(g, result, label)];
    if (g.status && g.value !== null) parts.push(`(${STATUS_LABEL[g.status]})`);
    const move = shortMoveText(g.previous, label);
    if (move) parts.push(move);
    return parts.join(' ');
  });
  const head = `By ${escapeMarkdown(b.column)}${against ? `, moves vs ${against}` : ''}`;
  return `${head}: ${groups.length ? groups.join(' · ') : '*no groups*'}`;
}

function benchmark(result: KpiResult, label: UnitLabel): string | undefined {
  const b = result.target?.benchmark;
  if (!b) return undefined;
  const source = b.source ? ` (${escapeMarkdown(b.source)})` : '';
  let compared = '';
  if (result.value !== null && result.target) {
    const better = result.target.direction === 'increase' ? result.value > b.value : result.value < b.value;
    compared = result.value === b.value ? ': level with it' : better ? ': better than it' : ': behind it';
  }
  return `Benchmark ${formatStatedValue(b.value, label)}${source}${compared}`;
}

function trend(result: KpiResult, label: UnitLabel): string | undefined {
  const series = result.series;
  if (!series || series.length < 2) return undefined;
  const tail = series.slice(-TREND_PERIODS);
  const values = tail.map((e) => e.value);
  const line = sparkline(values, TREND_PERIODS);
  if (line === '') return undefined;
  const nums = values.filter((v): v is number => v !== null);
  const low = formatValue(Math.min(...nums), label);
  const high = formatValue(Math.max(...nums), label);
  return `Trend ${tail[0]!.period} → ${tail[tail.length - 1]!.period}: ${inlineCode(line)} low ${low}, high ${high}`;
}

function pace(result: KpiResult, label: UnitLabel): string | undefined {
  const target = result.target;
  if (!target || !result.series) return undefined;
  if (!target.due) return 'Pace: the target has no due date to carry the trend to.';
  if (!result.pace) return 'Pace: needs at least three periods with a value.';
  const reaches = result.pace.reaches ? 'reaches the target' : 'falls short of the target';
  return `Pace: on this trend ${formatValue(result.pace.value, label, [target.value])} by ${target.due}, which ${reaches}`;
}

function failure(analysis: Analysis, kpi: Kpi, result: KpiResult): string {
  const errors = analysis.findings.filter(
    (f) => f.severity === 'error' && f.range.start >= kpi.range.start && f.range.end <= kpi.range.end,
  );
  const lines = errors.slice(0, 3).map((f) => `✗ ${escapeMarkdown(f.message)} (${f.rule})`);
  if (errors.length > 3) lines.push(`✗ and ${errors.length - 3} more`);
  return [`**Not computed**: ${escapeMarkdown(result.failure ?? '')}.`, ...lines].join('  \n');
}

function guardrails(analysis: Analysis, results: readonly KpiResult[], kpi: Kpi): string | undefined {
  const items = kpi.guardrails?.items ?? [];
  if (items.length === 0) return undefined;
  const byId = kpisById(analysis.model);
  const parts = items.map((g) => {
    const guard = byId.get(g.value);
    if (!guard) return `${inlineCode(g.value)} (no such KPI)`;
    const r = results.find((x) => x.index === guard.index);
    return `${escapeMarkdown(guard.name?.value ?? g.value)} ${inlineCode(g.value)} ${escapeMarkdown(shortResult(r, guard))}`;
  });
  return `Guardrails: ${parts.join('; ')}`;
}

function goals(analysis: Analysis, kpi: Kpi): string {
  const items = kpi.goals?.items ?? [];
  if (items.length === 0) {
    return '⚠ Linked to no goal: it measures nothing the business set out to do. Add `goals: [<goal id>]`.';
  }
  const byId = goalsById(analysis.model);
  const parts = items.map((g) => {
    const goal = byId.get(g.value);
    return goal
      ? `${escapeMarkdown(goal.title?.value ?? g.value)} ${inlineCode(g.value)}`
      : `${inlineCode(g.value)} (no such goal)`;
  });
  return `${items.length === 1 ? 'Goal' : 'Goals'}: ${parts.join('; ')}`;
}
