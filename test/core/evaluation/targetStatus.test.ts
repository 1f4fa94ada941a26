import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fillTarget, paceOf, progressOf, statusOf, type FilledTarget } from '../../../src/core/evaluation/targetStatus';

const target = (over: Partial<FilledTarget>): FilledTarget => ({
  value: 50,
  direction: 'increase',
  due: '2026-06-30',
  baseline: null,
  warning: null,
  benchmark: null,
  ...over,
});

test('status follows SPEC 5 in order: no_data, met, at_risk, off_track', () => {
  const up = target({ warning: 45 });
  assert.equal(statusOf(null, up), 'no_data');
  assert.equal(statusOf(50, up), 'met');
  assert.equal(statusOf(51, up), 'met');
  assert.equal(statusOf(45, up), 'at_risk');
  assert.equal(statusOf(44.99, up), 'off_track');
  assert.equal(statusOf(49, target({})), 'off_track', 'no warning: anything short of the target is off track');
  const down = target({ value: 6, direction: 'decrease', warning: 7 });
  assert.equal(statusOf(6, down), 'met');
  assert.equal(statusOf(5, down), 'met');
  assert.equal(statusOf(7, down), 'at_risk');
  assert.equal(statusOf(7.01, down), 'off_track');
});

test('progress = (value − baseline) / (target − baseline) × 100, null without a distinct baseline', () => {
  const t = target({ baseline: { value: 42, as_of: '2025-12-31' } });
  assert.equal(progressOf(46, t), 50); // (46-42)/(50-42)*100
  assert.equal(progressOf(40, t), -25);
  assert.equal(progressOf(null, t), null);
  assert.equal(progressOf(46, target({})), null);
  assert.equal(progressOf(46, target({ baseline: { value: 50, as_of: '2025-12-31' } })), null);
  const down = target({ value: 6, direction: 'decrease', baseline: { value: 8, as_of: '2025-12-31' } });
  assert.equal(progressOf(7, down), 50); // (7-8)/(6-8)*100
});

test('pace: least squares through (days, value) carried to the due date', () => {
  // Starts 2026-01-01, 2026-01-31 (30 days), 2026-03-02 (60 days); values 10, 20, 30 → slope 1/3 per day.
  const series = [
    { period: 'a', start: '2026-01-01', value: 10 },
    { period: 'b', start: '2026-01-31', value: 20 },
    { period: 'c', start: '2026-03-02', value: 30 },
  ];
  // Due 2026-04-01 is 90 days after the first start: 10 + 90/3 = 40.
  const pace = paceOf(series, target({ value: 40, due: '2026-04-01' }));
  assert.ok(pace);
  assert.ok(Math.abs(pace.value - 40) < 1e-9, `projected ${pace.value}`);
  assert.equal(pace.reaches, true);
  assert.equal(paceOf(series, target({ value: 41, due: '2026-04-01' }))!.reaches, false);
  // Not exact points: values 10, 30, 20 at x 0, 30, 60 → slope (sum dx*dy / sum dx²) = (−30·−10 + 0 + 30·0)/(1800) = 1/6, mean 20 at x 30.
  const noisy = [series[0]!, { ...series[1]!, value: 30 }, { ...series[2]!, value: 20 }];
  assert.ok(Math.abs(paceOf(noisy, target({ due: '2026-04-01' }))!.value - (20 + 60 / 6)) < 1e-9);
});

test('pace needs three entries with a value and a due date', () => {
  const series = [
    { period: 'a', start: '2026-01-01', value: 10 },
    { period: 'b', start: '2026-02-01', value: null },
    { period: 'c', start: '2026-03-01', value: 30 },
  ];
  assert.equal(paceOf(series, target({})), null);
  assert.equal(paceOf([...series, { period: 'd', start: '2026-04-01', value: 40 }], target({ due: null })), null);
  assert.equal(paceOf(undefined, target({})), null);
});

test('fillTarget fills the defaults of SPEC 6', () => {
  const r = { start: 0, end: 0 };
  assert.equal(fillTarget(undefined), null);
  assert.deepEqual(fillTarget({ range: r, keyRange: r, value: { value: 5, range: r } }), {
    value: 5,
    direction: 'increase',
    due: null,
    baseline: null,
    warning: null,
    benchmark: null,
  });
});
