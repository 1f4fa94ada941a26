/** The hover over a source name: where its rows come from, how many, which columns, and who uses it. */
import type { Analysis } from '../checks/analysis';
import { ENGINE_LABEL } from '../data/engineSources';
import { formatOf } from '../data/sources';
import type { Source } from '../model/kpiFile';
import { escapeMarkdown, inlineCode } from './markdown';

/** Columns listed in a source hover before "and N more". */
const MAX_COLUMNS = 12;

export function sourceHover(analysis: Analysis, name: string): string {
  const { model } = analysis;
  const source = model.sources.find((s) => s.name === name);
  if (!source) return `No source is named ${inlineCode(name)}.`;
  const parts = [
    `**${inlineCode(name)}** · ${where(source)}${source.time ? ` · time ${inlineCode(source.time.value)}` : ''}`,
  ];
  const state = analysis.sources.get(name);
  if (state?.status === 'ok') {
    const columns = [...state.table.columns].map(([c, data]) => `${inlineCode(c)} ${data.type}`);
    const shown =
      columns.slice(0, MAX_COLUMNS).join(', ') +
      (columns.length > MAX_COLUMNS ? `, and ${columns.length - MAX_COLUMNS} more` : '');
    parts.push(`${state.table.rowCount.toLocaleString('en-US')} rows · ${shown}`);
  } else if (state?.status === 'engine') {
    const columns = [...state.columns].map(([c, type]) => `${inlineCode(c)} ${type}`);
    const shown =
      columns.slice(0, MAX_COLUMNS).join(', ') +
      (columns.length > MAX_COLUMNS ? `, and ${columns.length - MAX_COLUMNS} more` : '');
    parts.push(`Read through ${ENGINE_LABEL[state.spec.engine]} · ${shown}`);
  } else if (state?.status === 'unreadable') {
    parts.push(`*Could not be read: ${escapeMarkdown(state.error.message)}*`);
  } else if (state?.status === 'outside') {
    parts.push('*Not read: the path leaves the workspace folder.*');
  } else if (state?.status === 'no-folder') {
    parts.push('*Not read: save the KPI file first, so that the path has a folder to start from.*');
  }
  const users = model.kpis.filter((k) => k.source?.value === name && k.id).map((k) => inlineCode(k.id!.value));
  parts.push(users.length ? `Used by ${users.join(', ')}` : 'No KPI uses it yet.');
  return parts.join('\n\n');
}

function where(source: Source): string {
  const via = source.connection ? ` via ${inlineCode(source.connection.value)}` : '';
  if (source.table) return `table ${escapeMarkdown(source.table.value)}${via}`;
  if (source.query) return `query${via}`;
  return `${source.path ? escapeMarkdown(source.path.value) : '(no path)'} · ${formatOf(source)}${via}`;
}
