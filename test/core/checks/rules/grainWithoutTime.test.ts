// grain-without-time (SPEC 3, 4): a KPI with a grain whose source has no time column.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeFixture, assertValidFile, expectAt, findingsOf } from './kit';

test('grain-without-time: at the grain value, naming the source and what to add', () => {
  const { analysis } = analyzeFixture('grain-without-time/untimed.kpis.yaml');
  assertValidFile(analysis);
  const f = expectAt(analysis, 'grain-without-time', 'month', 'grain: month', { kpi: 'by_month' });
  assert.equal(
    f.message,
    'KPI "by_month" has grain: month, but its source "untimed" has no time column to put rows into periods. Add time: <date column> to the source, or remove the grain.',
  );
});

test('grain-without-time: none for a source with time, nor for a KPI without grain', () => {
  const { analysis } = analyzeFixture('grain-without-time/untimed.kpis.yaml');
  assert.deepEqual(
    findingsOf(analysis, 'grain-without-time').map((f) => f.kpi),
    ['by_month'],
  );
});
