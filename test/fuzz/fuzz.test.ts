// A short fuzz run (fixed seed, 3,000 cases across the targets, a few seconds) as part of
// the unit tests: `npm run fuzz` runs 100,000 and more. A failure names the seed and case
// index that replay it.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatReport } from './report';
import { runFuzz } from './runFuzz';
import { TARGETS } from './targets';
import { TARGET_NAMES } from './harness';

test('3,000 fuzz cases: no throw, within time bounds, findings on their text, evaluator = reference', () => {
  const report = runFuzz({
    seed: 20261203,
    cases: 3000,
    seconds: 60,
    targets: TARGET_NAMES.map((name) => TARGETS[name]),
    // Here the bound catches hangs only (other test files may share the cores); npm run fuzz keeps it tight.
    timeScale: 10,
  });
  const text = formatReport(report);
  assert.equal(report.failures.length, 0, text);
  assert.equal(report.stoppedByTime, false, text);
  const total = report.stats.reduce((sum, s) => sum + s.cases, 0);
  assert.ok(total >= 3000, text);
});
