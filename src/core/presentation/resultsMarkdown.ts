import type { KpiResult } from '../evaluation/evaluate';
import { formatJudgedValue, formatProgress, type UnitLabel } from './number';
import { sparkline } from './sparkline';
import { groupLabel, movementText, noteCodeText, STATUS_LABEL, targetText } from './resultText';

const escape = (s: string): string => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** A Markdown table of the results, for a pull request or a wiki page. */
export function resultsToMarkdown(results: readonly KpiResult[], labels: ReadonlyMap<string, UnitLabel>): string {
  const lines = [
    '| KPI | Period | Value | vs prev | Target | Status | Progress | Trend | Notes |',
    '| --- | --- | ---: | --- | --- | --- | ---: | --- | --- |',
  ];
  for (const r of results) {
    const label = labels.get(r.id) ?? { unit: r.unit };
    lines.push(
      `| ${escape(r.name)} (\`${r.id}\`) | ${r.period ?? ''} | ${formatJudgedValue(r, label)} | ${movementText(r.previous, label) ?? ''} | ${targetText(r, label)} | ${
        r.status ? STATUS_LABEL[r.status] : ''
      } | ${r.progress === null ? '' : formatProgress(r.progress)} | ${sparkline(r.series?.map((e) => e.value) ?? [])} | ${escape(r.notes.map((n) => noteCodeText(n, r, label)).join(', '))} |`,
    );
    // Each breakdown group on a row of its own under the KPI, indented.
    for (const b of r.breakdowns ?? []) {
      for (const g of b.groups) {
        lines.push(
          `| &emsp;${escape(groupLabel(b.column, g))} | | ${formatJudgedValue({ value: g.value, target: r.target }, label)} | ${movementText(g.previous, label) ?? ''} | | ${
            g.status ? STATUS_LABEL[g.status] : ''
          } | | ${sparkline(g.series?.map((e) => e.value) ?? [])} | ${g.notes.join(', ')} |`,
        );
      }
    }
  }
  return lines.join('\n') + '\n';
}
