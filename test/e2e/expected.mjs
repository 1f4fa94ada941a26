// What the editor should show for a result of `kpi-lens eval --format json`, written the
// way the editor writes it: shared by the UI tests that compare the screen with the CLI.

/** A change as the editor writes it: 2.4, 0.82 (two significant digits below 1), 384 (whole). */
export const changeNumber = (d) =>
  Number.isInteger(d) ? d.toLocaleString('en-US') : Math.abs(d) >= 1 ? d.toFixed(1) : d.toPrecision(2);

/**
 * The moves of a KPI's result: `▼ 2.4 vs 2026-09 · ▼ 0.82 vs a year ago`, with its unit after each
 * number; `judged` adds "(better)" or "(worse)" for the target's direction, as the hover does.
 */
export function movesOf(kpi, unit = '', judged = false) {
  const move = (c, vs) => {
    if (!c || c.delta === null) return undefined;
    if (c.delta === 0) return `= vs ${vs}`;
    const text = `${c.delta > 0 ? '▲' : '▼'} ${changeNumber(Math.abs(c.delta))}${unit} vs ${vs}`;
    if (!judged || !kpi.target) return text;
    const good = kpi.target.direction === 'decrease' ? c.delta < 0 : c.delta > 0;
    return `${text} (${good ? 'better' : 'worse'})`;
  };
  return [move(kpi.previous, kpi.previous?.period), move(kpi.year_ago, 'a year ago')].filter(Boolean).join(' · ');
}

/** The hover's breakdown lines of a percent KPI: `By channel, moves vs 2026-09: chat 91.2% (met) ▲ 1.2% · …`. */
export function breakdownLines(kpi) {
  return Object.entries(kpi.breakdowns).map(([column, groups]) => {
    const parts = groups.map((g) => {
      const move =
        g.previous && g.previous.delta !== null ? ` ${movesOf({ previous: g.previous }, '%').split(' vs ')[0]}` : '';
      return `${g.group} ${Number.isInteger(g.value) ? g.value : g.value.toFixed(1)}% (${g.status.replace(/_/g, ' ')})${move}`;
    });
    return `By ${column}, moves vs ${kpi.previous.period}: ${parts.join(' · ')}`;
  });
}
