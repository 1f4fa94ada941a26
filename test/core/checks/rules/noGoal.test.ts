// no-goal (SPEC 4): where it points, what it says, and that every quick fix, applied to
// the text, leaves a valid file in which the KPI is linked.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Finding } from '../../../../src/core/model/finding';
import {
  analyzeFixture,
  analyzeText,
  applyEdits,
  assertNone,
  assertValidFile,
  expectAt,
  findingsOf,
  load,
} from './kit';

/**
 * Applies each fix of the no-goal finding about `kpi`, re-analyses, and checks that the
 * finding is gone, the YAML still parses and no new error appeared. Returns the fixed texts.
 */
function applyEveryFix(rel: string, kpi: string, expectedTitles: RegExp[]): string[] {
  const { text, file, analysis } = analyzeFixture(rel);
  const before = new Set(analysis.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule}: ${f.message}`));
  const finding = findingsOf(analysis, 'no-goal').find((f) => f.kpi === kpi);
  assert.ok(finding, `${rel}: a no-goal finding about ${kpi}`);
  const fixes = finding.fixes ?? [];
  assert.equal(fixes.length, expectedTitles.length, `${rel}: fixes ${JSON.stringify(fixes.map((f) => f.title))}`);
  const results: string[] = [];
  fixes.forEach((fix, i) => {
    assert.match(fix.title, expectedTitles[i]!);
    const fixed = applyEdits(text, fix.edits);
    const after = analyzeText(fixed, file);
    const label = `${rel} after "${fix.title}":\n${fixed}`;
    assert.deepEqual(
      after.findings.filter((f) => f.rule === 'yaml-syntax').map((f) => f.message),
      [],
      `${label}\nstill parses`,
    );
    assert.ok(!findingsOf(after, 'no-goal').some((f) => f.kpi === kpi), `${label}\nno-goal is gone`);
    const newErrors = after.findings
      .filter((f) => f.severity === 'error' && !before.has(`${f.rule}: ${f.message}`))
      .map((f) => `${f.rule}: ${f.message}`);
    assert.deepEqual(newErrors, [], `${label}\nno new error`);
    assert.deepEqual(findingsOf(after, 'unknown-goal'), [], `${label}\nlinks to a goal that exists`);
    results.push(fixed);
  });
  return results;
}

function assertMessageListsGoals(f: Finding, goals: string[]): void {
  assert.match(f.message, /KPI "aht"/);
  assert.match(f.message, /no goal/);
  assert.ok(f.message.includes(goals.join(', ')), `message lists ${goals.join(', ')}: ${f.message}`);
}

test('no-goal: goals missing → a warning at the id value that lists the existing goals', () => {
  const { analysis } = analyzeFixture('no-goal/missing.kpis.yaml');
  assertValidFile(analysis);
  const f = expectAt(analysis, 'no-goal', 'aht', '- id: aht', { kpi: 'aht' });
  assert.equal(f.severity, 'warning');
  assertMessageListsGoals(f, ['grow_revenue', 'retain_customers']);
  assert.equal(findingsOf(analysis, 'no-goal').length, 1, 'nps is linked');
});

test('no-goal: goals missing, block style → one fix per goal and a goal stub, each fixing it', () => {
  const fixed = applyEveryFix('no-goal/missing.kpis.yaml', 'aht', [
    /grow_revenue/,
    /retain_customers/,
    /[Cc]reate goal "aht_goal"/,
  ]);
  assert.ok(fixed[0]!.includes('  - id: aht\n    goals: [grow_revenue]\n    name: Average handle time\n'), fixed[0]);
  assert.ok(fixed[1]!.includes('  - id: aht\n    goals: [retain_customers]\n'), fixed[1]);
  assert.ok(fixed[2]!.includes('  - id: aht_goal\n    title: '), fixed[2]);
  assert.ok(fixed[2]!.includes('goals: [aht_goal]'), fixed[2]);
});

test('no-goal: the fixes keep CRLF line breaks', () => {
  const { text, file } = load('no-goal/missing.kpis.yaml');
  const crlf = text.replace(/\n/g, '\r\n');
  const analysis = analyzeText(crlf, file);
  const f = findingsOf(analysis, 'no-goal')[0]!;
  assert.equal(crlf.slice(f.range.start, f.range.end), 'aht');
  for (const fix of f.fixes ?? []) {
    const fixed = applyEdits(crlf, fix.edits);
    assert.ok(!/[^\r]\n/.test(fixed), `"${fix.title}" writes only CRLF line breaks`);
    const after = analyzeText(fixed, file);
    assertValidFile(after, fix.title);
    assert.deepEqual(findingsOf(after, 'no-goal'), [], fix.title);
  }
});

test('no-goal: `goals: []` → at the [] value; the fixes fill the list', () => {
  const { analysis } = analyzeFixture('no-goal/empty-list.kpis.yaml');
  assertValidFile(analysis);
  const f = expectAt(analysis, 'no-goal', '[]', '- id: aht', { kpi: 'aht' });
  assertMessageListsGoals(f, ['grow_revenue', 'retain_customers']);
  const fixed = applyEveryFix('no-goal/empty-list.kpis.yaml', 'aht', [/grow_revenue/, /retain_customers/, /aht_goal/]);
  assert.ok(fixed[0]!.includes('    goals: [grow_revenue]\n'));
  assert.ok(!fixed[0]!.includes('[]'));
});

test('no-goal: `goals:` with no value → at the goals key (there is no value text); the fixes give it one', () => {
  const { analysis } = analyzeFixture('no-goal/null-goals.kpis.yaml');
  const f = expectAt(analysis, 'no-goal', 'goals', '- id: aht', { kpi: 'aht' });
  assertMessageListsGoals(f, ['grow_revenue', 'retain_customers']);
  const fixed = applyEveryFix('no-goal/null-goals.kpis.yaml', 'aht', [/grow_revenue/, /retain_customers/, /aht_goal/]);
  assert.ok(fixed[0]!.includes('    goals: [grow_revenue]\n    formula: "6"'), fixed[0]);
  // the null value was a schema error; the fixed file is valid
  for (const t of fixed) assertValidFile(analyzeText(t, load('no-goal/null-goals.kpis.yaml').file));
});

test('no-goal: a KPI written in flow style `{id: aht, ...}` → at the id value; the fixes stay flow style', () => {
  const { analysis } = analyzeFixture('no-goal/flow-kpi.kpis.yaml');
  assertValidFile(analysis);
  const f = expectAt(analysis, 'no-goal', 'aht', '{id: aht', { kpi: 'aht' });
  assertMessageListsGoals(f, ['grow_revenue', 'retain_customers']);
  const fixed = applyEveryFix('no-goal/flow-kpi.kpis.yaml', 'aht', [/grow_revenue/, /retain_customers/, /aht_goal/]);
  assert.ok(fixed[0]!.includes('{id: aht, goals: [grow_revenue], name: Average handle time, formula: "6"}'), fixed[0]);
});

test('no-goal: a file with no goals section says so; the only fix creates the section with a stub', () => {
  const { analysis } = analyzeFixture('no-goal/no-goals-section.kpis.yaml');
  assertValidFile(analysis);
  const f = expectAt(analysis, 'no-goal', 'aht', '- id: aht', { kpi: 'aht' });
  assert.match(f.message, /no goals/);
  assert.match(f.message, /goals:/, 'says where to add one');
  const [fixed] = applyEveryFix('no-goal/no-goals-section.kpis.yaml', 'aht', [/aht_goal/]);
  const after = analyzeText(fixed!, load('no-goal/no-goals-section.kpis.yaml').file);
  assertValidFile(after);
  assert.deepEqual(
    after.model.goals.map((g) => g.id?.value),
    ['aht_goal'],
  );
});

test('no-goal: a file without goals and without a trailing newline gets a valid stub', () => {
  const { text, file } = load('no-goal/no-goals-section.kpis.yaml');
  // kpis first, goals nowhere, no final line break
  const odd = text.trimEnd();
  const analysis = analyzeText(odd, file);
  const f = findingsOf(analysis, 'no-goal')[0]!;
  const stub = f.fixes?.find((x) => /aht_goal/.test(x.title));
  assert.ok(stub);
  const after = analyzeText(applyEdits(odd, stub.edits), file);
  assertValidFile(after);
  assertNone(after, 'no-goal');
});

test('no-goal: the stub goes after a last goal with a block-scalar description and a comment', () => {
  const { analysis } = analyzeFixture('no-goal/last-goal-nested.kpis.yaml');
  assertValidFile(analysis);
  expectAt(analysis, 'no-goal', 'aht', '- id: aht', { kpi: 'aht' });
  const fixed = applyEveryFix('no-goal/last-goal-nested.kpis.yaml', 'aht', [/grow_revenue/, /aht_goal/]);
  const after = analyzeText(fixed[1]!, load('no-goal/last-goal-nested.kpis.yaml').file);
  const grow = after.model.goals.find((g) => g.id?.value === 'grow_revenue');
  assert.ok(grow?.description);
  assert.equal(grow.description.value, 'A long description\nover two lines.\n', 'the block scalar is untouched');
  assert.deepEqual(
    after.model.goals.map((g) => g.id?.value),
    ['grow_revenue', 'aht_goal'],
  );
});

test('no-goal: with a flow-style goals list, linking works', () => {
  const { analysis } = analyzeFixture('no-goal/flow-goals-section.kpis.yaml');
  assertValidFile(analysis);
  const f = expectAt(analysis, 'no-goal', 'aht', '- id: aht', { kpi: 'aht' });
  assert.ok(f.fixes?.some((x) => /grow_revenue/.test(x.title)));
  const link = f.fixes!.find((x) => /grow_revenue/.test(x.title))!;
  const after = analyzeText(applyEdits(analysis.text, link.edits), load('no-goal/flow-goals-section.kpis.yaml').file);
  assertValidFile(after);
  assertNone(after, 'no-goal');
});

test('no-goal: a goal stub is offered with a flow-style goals list too (issue 3, item 6)', () => {
  const { analysis, text, file } = analyzeFixture('no-goal/flow-goals-section.kpis.yaml');
  const f = findingsOf(analysis, 'no-goal')[0]!;
  const stub = f.fixes?.find((x) => /[Cc]reate goal/.test(x.title));
  assert.ok(stub, `fixes: ${JSON.stringify(f.fixes?.map((x) => x.title))}`);
  const after = analyzeText(applyEdits(text, stub.edits), file);
  assertValidFile(after);
  assertNone(after, 'no-goal');
});

test('no-goal: `goals: []` at the top with no goal yet still offers the goal stub (issue 3, item 6)', () => {
  const { analysis, text, file } = analyzeFixture('no-goal/empty-goals-section.kpis.yaml');
  assertValidFile(analysis);
  const f = expectAt(analysis, 'no-goal', 'aht', '- id: aht', { kpi: 'aht' });
  const stub = f.fixes?.find((x) => /[Cc]reate goal/.test(x.title));
  assert.ok(stub, `fixes: ${JSON.stringify(f.fixes?.map((x) => x.title))}`);
  const after = analyzeText(applyEdits(text, stub.edits), file);
  assertValidFile(after);
  assertNone(after, 'no-goal');
});

test('no-goal: the stub id does not clash with an existing goal', () => {
  const text = [
    'version: 1',
    'goals:',
    '  - id: aht_goal',
    '    title: Taken',
    '  - id: aht_goal_2',
    '    title: Taken too',
    'kpis:',
    '  - id: speed',
    '    name: Speed',
    '    goals: [aht_goal, aht_goal_2]',
    '    formula: "1"',
    '  - id: aht',
    '    name: Average handle time',
    '    formula: "6"',
    '',
  ].join('\n');
  const file = load('clean.kpis.yaml').file;
  const f = findingsOf(analyzeText(text, file), 'no-goal')[0]!;
  const stub = f.fixes!.find((x) => /[Cc]reate goal/.test(x.title))!;
  assert.match(stub.title, /"aht_goal_3"/);
  const after = analyzeText(applyEdits(text, stub.edits), file);
  assertValidFile(after);
  assertNone(after, 'duplicate-id');
  assertNone(after, 'no-goal');
});

test('no-goal: none in the clean file, nor for a KPI with goals', () => {
  assertNone(analyzeFixture('clean.kpis.yaml').analysis, 'no-goal');
  const { analysis } = analyzeFixture('no-goal/missing.kpis.yaml');
  assert.ok(!findingsOf(analysis, 'no-goal').some((f) => f.kpi === 'nps'));
});
