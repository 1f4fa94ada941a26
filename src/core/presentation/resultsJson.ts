import type { KpiResult } from '../evaluation/evaluate';

/** The SPEC 6 shape of one KPI in `eval --format json`: numbers unrounded. */
export function resultToJson(r: KpiResult): Record<string, unknown> {
  return {
    id: r.id,
    name: r.name,
    unit: r.unit,
    value: r.value,
    ...(r.series !== undefined
      ? {
          period: r.period ?? null,
          series: r.series,
          previous: r.previous ?? null,
          year_ago: r.year_ago ?? null,
          unusual_change: r.unusual_change ?? null,
        }
      : {}),
    // Keyed by column, in the order listed; each group as GroupResult lays it out.
    ...(r.breakdowns !== undefined
      ? { breakdowns: Object.fromEntries(r.breakdowns.map((b) => [b.column, b.groups])) }
      : {}),
    // Only when some breakdown failed (its engine's query): column → why.
    ...(r.breakdownFailures !== undefined
      ? { breakdown_failures: Object.fromEntries(r.breakdownFailures.map((b) => [b.column, b.failure])) }
      : {}),
    target: r.target,
    status: r.status,
    progress: r.progress,
    pace: r.pace,
    goals: r.goals,
    notes: r.notes,
  };
}
