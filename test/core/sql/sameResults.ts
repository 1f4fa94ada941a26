// Compares the results of the SQL path with those of the in-memory engine, value by value.
import * as assert from 'node:assert/strict';
import type { KpiResult } from '../../../src/core/evaluation/evaluate';
import type { KpiSql } from '../../../src/core/sql/compileKpis';

/** Equal within 1e-9 relative (absolute near 0); nulls equal only to nulls. */
export function assertClose(
  actual: number | null | undefined,
  expected: number | null | undefined,
  what: string,
): void {
  if (expected === null || expected === undefined || actual === null || actual === undefined) {
    assert.equal(actual ?? null, expected ?? null, what);
    return;
  }
  const scale = Math.max(Math.abs(expected), Math.abs(actual), 1e-300);
  assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(scale, 1e-6), `${what}: ${actual} vs ${expected}`);
}

export function assertSameResults(
  actual: KpiResult[],
  expected: KpiResult[],
  compiled: KpiSql,
  options: { allowSkipped?: boolean } = {},
): void {
  // Skipped only where the in-memory engine cannot compute the KPI either (checked below), for the same reason.
  if (!options.allowSkipped) assert.deepEqual(compiled.skipped, [], 'every KPI is in the SQL');
  assert.deepEqual(
    actual.map((r) => r.id),
    expected.map((r) => r.id),
  );
  expected.forEach((e, i) => {
    const a = actual[i]!;
    assert.equal(a.failure, e.failure, `${e.id} failure`);
    assertClose(a.value, e.value, `${e.id} value`);
    assert.deepEqual(a.notes, e.notes, `${e.id} notes`);
    assert.equal(a.period, e.period, `${e.id} period`);
    assert.equal(a.status, e.status, `${e.id} status`);
    assertClose(a.progress, e.progress, `${e.id} progress`);
    assert.deepEqual(
      a.series?.map((s) => [s.period, s.start]),
      e.series?.map((s) => [s.period, s.start]),
      `${e.id} periods`,
    );
    e.series?.forEach((s, k) => assertClose(a.series![k]!.value, s.value, `${e.id} ${s.period}`));
    assertClose(a.previous?.value, e.previous?.value, `${e.id} previous`);
    assertClose(a.year_ago?.value, e.year_ago?.value, `${e.id} year_ago`);
  });
}
