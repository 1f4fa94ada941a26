// The rule goal-cycle (SPEC 4) on real files under test/fixtures/rules/: exact ranges, messages, fixes.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeFixture, assertNone, assertValidFile, expectAt, findingsOf } from './kit';

test('goal-cycle: one error per goal in the loop, each at its parent value', () => {
  const { analysis } = analyzeFixture('goal-cycle/cycle.kpis.yaml');
  assertValidFile(analysis);
  const alpha = expectAt(analysis, 'goal-cycle', 'gamma', '- id: alpha', { kpi: null });
  const beta = expectAt(analysis, 'goal-cycle', 'alpha', '- id: beta', { kpi: null });
  const gamma = expectAt(analysis, 'goal-cycle', 'beta', '- id: gamma', { kpi: null });
  for (const f of [alpha, beta, gamma]) {
    assert.match(f.message, /alpha/);
    assert.match(f.message, /beta/);
    assert.match(f.message, /gamma/);
    assert.match(f.message, /loop/i);
    assert.match(f.message, /parent/i, 'says what to change');
  }
  assert.match(alpha.message, /"alpha"/);
});

test('goal-cycle: a goal that is its own parent, at its parent value', () => {
  const { analysis } = analyzeFixture('goal-cycle/cycle.kpis.yaml');
  const f = expectAt(analysis, 'goal-cycle', 'narcissus', 'parent: narcissus', { kpi: null });
  assert.match(f.message, /"narcissus"/);
});

test('goal-cycle: a goal hanging off a loop is not in it; exactly four findings', () => {
  const { analysis, text } = analyzeFixture('goal-cycle/cycle.kpis.yaml');
  const hanger = text.indexOf('- id: hanger_on');
  assert.ok(
    !findingsOf(analysis, 'goal-cycle').some((f) => f.range.start > hanger && f.range.start < text.indexOf('kpis:')),
  );
  assert.equal(findingsOf(analysis, 'goal-cycle').length, 4);
});

test('goal-cycle: none in a goal tree', () => {
  const { analysis } = analyzeFixture('goal-cycle/tree.kpis.yaml');
  assertValidFile(analysis);
  assertNone(analysis, 'goal-cycle');
  assertNone(analyzeFixture('clean.kpis.yaml').analysis, 'goal-cycle');
});
