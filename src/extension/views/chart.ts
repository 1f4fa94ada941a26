// A small line chart of a KPI's series with its target line, as an SVG string: no
// library, no script, no inline style (colours come from classes in media/results.css,
// which follow the theme). Pure: no vscode import, so unit tests can call it.

export interface ChartPoint {
  period: string;
  value: number | null;
}

export interface ChartInput {
  series: readonly ChartPoint[];
  /** The target value: drawn as a dashed line, always inside the chart's range. */
  target?: number | null;
  /** Class suffix of the last point's colour: met, at_risk, off_track, no_data, no_target. */
  status: string;
  /** Formats a value for labels and tooltips (with its unit). */
  format: (value: number) => string;
  /** Read by screen readers: what the chart shows. */
  label: string;
  width?: number;
  height?: number;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const r1 = (n: number): string => (Math.round(n * 10) / 10).toString();

/** The y range: every value and the target, padded by a tenth; a flat line gets room above and below. */
function domain(values: number[], target: number | null | undefined): [number, number] {
  const all = target === null || target === undefined ? values : [...values, target];
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (hi === lo) {
    const pad = Math.abs(hi) * 0.1 || 1;
    return [lo - pad, hi + pad];
  }
  const pad = (hi - lo) * 0.12;
  lo -= pad;
  hi += pad;
  return [lo, hi];
}

/** The SVG of the chart, or an empty string when the series has no value. */
export function lineChartSvg(input: ChartInput): string {
  const width = input.width ?? 220;
  const height = input.height ?? 60;
  const values = input.series.flatMap((p) => (p.value === null ? [] : [p.value]));
  if (values.length === 0) return '';
  const left = 4;
  const right = width - 4;
  const top = 8;
  const bottom = height - 15;
  const [lo, hi] = domain(values, input.target);
  const n = input.series.length;
  const x = (i: number): number => (n === 1 ? (left + right) / 2 : left + ((right - left) * i) / (n - 1));
  const y = (v: number): number => bottom - ((bottom - top) * (v - lo)) / (hi - lo);

  const parts: string[] = [];
  // The line, broken where a period has no value, with a faint area under it.
  const segments: { i: number; v: number }[][] = [];
  let current: { i: number; v: number }[] = [];
  input.series.forEach((p, i) => {
    if (p.value === null) {
      if (current.length) segments.push(current);
      current = [];
    } else current.push({ i, v: p.value });
  });
  if (current.length) segments.push(current);
  for (const seg of segments) {
    const d = seg.map((p, k) => `${k === 0 ? 'M' : 'L'}${r1(x(p.i))},${r1(y(p.v))}`).join(' ');
    if (seg.length > 1) {
      parts.push(
        `<path class="chart-area" d="${d} L${r1(x(seg[seg.length - 1]!.i))},${bottom} L${r1(x(seg[0]!.i))},${bottom} Z"/>`,
      );
    }
    parts.push(`<path class="chart-line" d="${d}"/>`);
  }
  if (input.target !== null && input.target !== undefined) {
    // A dashed line (the table's header explains it); its value shows on hover.
    const ty = r1(y(input.target));
    parts.unshift(
      `<line class="chart-target" x1="${left}" x2="${right}" y1="${ty}" y2="${ty}"><title>target ${escapeHtml(input.format(input.target))}</title></line>`,
    );
  }
  // A dot per period (a tooltip on each), the last one larger in the status colour.
  let last = -1;
  input.series.forEach((p, i) => {
    if (p.value === null) return;
    last = i;
    parts.push(
      `<circle class="chart-point" cx="${r1(x(i))}" cy="${r1(y(p.value))}" r="1.6"><title>${escapeHtml(p.period)}: ${escapeHtml(input.format(p.value))}</title></circle>`,
    );
  });
  const lastPoint = input.series[last]!;
  parts.push(
    `<circle class="chart-last s-${escapeHtml(input.status)}" cx="${r1(x(last))}" cy="${r1(y(lastPoint.value!))}" r="3.2"><title>${escapeHtml(lastPoint.period)}: ` +
      `${escapeHtml(input.format(lastPoint.value!))}</title></circle>`,
  );
  const first = input.series[0]!.period;
  const end = input.series[n - 1]!.period;
  parts.push(`<text class="chart-axis" x="${left}" y="${height - 3}">${escapeHtml(first)}</text>`);
  if (n > 1)
    parts.push(`<text class="chart-axis" x="${right}" y="${height - 3}" text-anchor="end">${escapeHtml(end)}</text>`);
  return `<svg class="chart" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(input.label)}">${parts.join('')}</svg>`;
}

/** A progress bar from 0 to 100% (values outside are clamped), as an SVG string. */
export function progressBarSvg(progress: number, status: string, width = 84, height = 6): string {
  const fill = Math.max(0, Math.min(100, progress));
  const w = (width * fill) / 100;
  return (
    `<svg class="bar" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" aria-hidden="true">` +
    `<rect class="bar-bg" x="0" y="0" width="${width}" height="${height}" rx="3"/>` +
    (w > 0
      ? `<rect class="bar-fill s-${escapeHtml(status)}" x="0" y="0" width="${r1(Math.max(w, 3))}" height="${height}" rx="3"/>`
      : '') +
    `</svg>`
  );
}
