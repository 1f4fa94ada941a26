// anchorOf: where a finding about a KPI or goal as a whole goes (its id value, SPEC 4).
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../src/core/checks/analysis';
import { anchorOf } from '../../../src/core/model/lookup';

test('an id value with text: the anchor is that value', () => {
  const text = 'version: 1\ngoals:\n  - id: company\n    title: Company\n';
  const { model } = analyze(text);
  const range = anchorOf(model.goals[0]!);
  assert.equal(text.slice(range.start, range.end), 'company');
});

test("an id whose value is empty (a bare tag, `id: !!str`): the anchor is the item's first character, not an empty range", () => {
  const text = 'version: 1\ngoals:\n  - id: !!str\n    title: Company\n';
  const analysis = analyze(text);
  const range = anchorOf(analysis.model.goals[0]!);
  assert.ok(range.end > range.start, `empty range [${range.start}, ${range.end})`);
  assert.equal(text.slice(range.start, range.end), 'i');
  const finding = analysis.findings.find((f) => f.rule === 'goal-without-kpi');
  assert.ok(finding && finding.range.end > finding.range.start, 'goal-without-kpi has a non-empty range');
});

test('two goals with an empty id: duplicate-id is not at an empty range either', () => {
  const text = 'version: 1\ngoals:\n  - id: !!str\n    title: A\n  - id: !!str\n    title: B\n';
  const finding = analyze(text).findings.find((f) => f.rule === 'duplicate-id');
  assert.ok(finding && finding.range.end > finding.range.start, JSON.stringify(finding?.range));
});
