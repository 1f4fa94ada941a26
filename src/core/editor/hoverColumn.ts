/** The hover over a column name (in a formula, a filter, a source's `time:` or `columns:`): the data at a glance. */
import type { Analysis } from '../checks/analysis';
import { ENGINE_LABEL } from '../data/engineSources';
import { columnStats } from '../data/stats';
import type { ColumnType } from '../model/kpiFile';
import { escapeMarkdown, inlineCode } from './markdown';

export function columnHover(
  analysis: Analysis,
  sourceName: string | undefined,
  column: string,
  maxRows: number,
): string {
  const title = `**${inlineCode(column)}**`;
  if (sourceName === undefined) return `${title} · column`;
  const state = analysis.sources.get(sourceName);
  const source = analysis.model.sources.find((s) => s.name === sourceName);
  const where = `source ${inlineCode(sourceName)}${source?.path ? ` (${escapeMarkdown(source.path.value)})` : source?.table ? ` (table ${escapeMarkdown(source.table.value)})` : ''}`;
  if (state?.status === 'engine') {
    const type = state.columns.get(column);
    if (!type) return `${title} · not a column of ${where}.`;
    return `${title} · ${type} column of ${where}, read through ${ENGINE_LABEL[state.spec.engine]}`;
  }
  if (state?.status !== 'ok')
    return `${title} · column of ${where}\n\n*The data could not be read, so nothing is known about this column.*`;
  const data = state.table.columns.get(column);
  if (!data) return `${title} · not a column of ${where}.`;
  const stats = columnStats(data, Math.max(0, maxRows));
  const lines = [`${title} · ${data.type} column of ${where}`];
  const counts = [`${count(stats.count)} ${stats.count === 1 ? 'value' : 'values'}`, `${count(stats.nullCount)} null`];
  lines.push(counts.join(' · '));
  if (stats.min !== undefined && stats.max !== undefined) {
    lines.push(`min ${inlineCode(show(data.type, stats.min))} · max ${inlineCode(show(data.type, stats.max))}`);
  }
  if (stats.distinct !== undefined) {
    lines.push(
      `${stats.distinctCapped ? `more than ${count(stats.distinct)}` : count(stats.distinct)} distinct ${stats.distinct === 1 && !stats.distinctCapped ? 'value' : 'values'}`,
    );
  }
  if (stats.examples.length) lines.push(`e.g. ${stats.examples.map((e) => inlineCode(e)).join(', ')}`);
  return lines.join('  \n');
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** A number as JS writes it, a date as `YYYY-MM-DD` (or ISO 8601 UTC when it has a time of day). */
function show(type: ColumnType, v: number): string {
  if (type !== 'date') return String(v);
  const iso = new Date(v).toISOString();
  if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
  return iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso;
}
