// The file's `rules:` map (SPEC 4): off removes a rule's findings, warn is warning,
// a warning can be raised to error, options reach the rule, and yaml-syntax, schema and
// source-outside-workspace always stay errors.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { RULES, RULES_BY_ID } from '../../../src/core/checks/rules';
import { analyzeFixture, analyzeText, assertNone, expectAt, findingsOf, load } from './rules/kit';

test('every rule of SPEC 4 is registered with its default severity', () => {
  const spec: Record<string, string> = {
    'yaml-syntax': 'error',
    schema: 'error',
    'duplicate-id': 'error',
    'unknown-goal': 'error',
    'goal-cycle': 'error',
    'no-goal': 'warning',
    'goal-without-kpi': 'warning',
    'unknown-source': 'error',
    'source-outside-workspace': 'error',
    'source-unreadable': 'error',
    'formula-syntax': 'error',
    'unknown-column': 'error',
    'unknown-function': 'error',
    'unknown-kpi': 'error',
    'type-mismatch': 'error',
    'bare-column': 'error',
    'nested-aggregate': 'error',
    'aggregate-in-derived': 'error',
    'kpi-cycle': 'error',
    'grain-mismatch': 'error',
    'grain-without-time': 'error',
    'target-missing': 'info',
    'target-no-due': 'warning',
    'target-no-baseline': 'info',
    'target-direction': 'warning',
    'target-out-of-range': 'warning',
    'target-past-due': 'info',
    'goal-only-lagging': 'info',
    'goal-too-many-kpis': 'info',
    'no-guardrail': 'info',
  };
  assert.deepEqual(Object.fromEntries(RULES.map((r) => [r.id, r.defaultSeverity])), spec);
  assert.deepEqual(
    RULES.filter((r) => r.fixedSeverity)
      .map((r) => r.id)
      .sort(),
    ['schema', 'source-outside-workspace', 'yaml-syntax'],
  );
  for (const r of RULES) assert.ok(r.description.length > 10, `${r.id} has a description`);
});

test('rules map: off removes the findings, warn means warning, error raises a warning', () => {
  const { analysis } = analyzeFixture('rules-map/severities.kpis.yaml');
  assertNone(analysis, 'target-missing'); // nps has no target, but the rule is off
  const baseline = expectAt(analysis, 'target-no-baseline', 'target', '- id: aht', { kpi: 'aht', severity: 'warning' });
  assert.match(baseline.message, /no baseline/);
  expectAt(analysis, 'no-goal', 'aht', '- id: aht', { kpi: 'aht', severity: 'error' });
  assert.deepEqual(
    analysis.findings.filter((f) => f.rule === 'schema').map((f) => f.message),
    [],
    'a valid rules map',
  );
});

test('rules map: without it, the same file has the default severities', () => {
  const { text, file } = load('rules-map/severities.kpis.yaml');
  const plain = analyzeText(text.slice(0, text.indexOf('rules:')), file);
  expectAt(plain, 'target-missing', 'nps', '- id: nps', { kpi: 'nps', severity: 'info' });
  expectAt(plain, 'target-no-baseline', 'target', '- id: aht', { kpi: 'aht', severity: 'info' });
  expectAt(plain, 'no-goal', 'aht', '- id: aht', { kpi: 'aht', severity: 'warning' });
});

test('rules map: [severity, options] sets both; off in a list turns the rule off', () => {
  const { text, file } = load('goal-too-many-kpis/max-two.kpis.yaml');
  const raised = analyzeText(text.replace('[info, { max: 2 }]', '[error, { max: 2 }]'), file);
  expectAt(raised, 'goal-too-many-kpis', 'three', '- id: three', { kpi: null, severity: 'error' });
  const off = analyzeText(text.replace('[info, { max: 2 }]', '[off, { max: 2 }]'), file);
  assertNone(off, 'goal-too-many-kpis');
  const looser = analyzeText(text.replace('[info, { max: 2 }]', '[warning, { max: 3 }]'), file);
  assertNone(looser, 'goal-too-many-kpis');
});

test('rules map: a list of another shape ([warning] alone, three items) is a schema error and changes nothing', () => {
  const { text, file } = load('target-missing/untargeted.kpis.yaml');
  for (const written of ['[warning]', '[warning, { }, extra]', '[loud, { }]']) {
    const analysis = analyzeText(`${text}\nrules:\n  target-missing: ${written}\n`, file);
    assert.ok(
      analysis.findings.some((f) => f.rule === 'schema'),
      `${written}: a schema finding`,
    );
    expectAt(analysis, 'target-missing', 'nps', '- id: nps', { kpi: 'nps', severity: 'info' });
  }
});

test('rules map: the severity of an info rule can be raised to warning and error', () => {
  const { text, file } = load('target-missing/untargeted.kpis.yaml');
  for (const [written, severity] of [
    ['warning', 'warning'],
    ['warn', 'warning'],
    ['error', 'error'],
    ['info', 'info'],
  ] as const) {
    const analysis = analyzeText(`${text}\nrules:\n  target-missing: ${written}\n`, file);
    expectAt(analysis, 'target-missing', 'nps', '- id: nps', { kpi: 'nps', severity });
  }
});

test('rules map: yaml-syntax stays an error when set to off', () => {
  const { analysis } = analyzeFixture('rules-map/fixed-yaml-syntax.kpis.yaml');
  const f = findingsOf(analysis, 'yaml-syntax');
  assert.equal(f.length, 1, 'the duplicate key is reported');
  assert.equal(f[0]!.severity, 'error');
  assert.match(f[0]!.message, /appears twice/);
  // the map was read: the other entry took effect
  expectAt(analysis, 'target-missing', 'nps', '- id: nps', { kpi: 'nps', severity: 'warning' });
});

test('rules map: schema stays an error when set lower', () => {
  assert.equal(RULES_BY_ID.get('schema')?.fixedSeverity, true);
  const { analysis } = analyzeFixture('rules-map/fixed-schema.kpis.yaml');
  const f = expectAt(analysis, 'schema', 'tittle', undefined, { kpi: null, severity: 'error' });
  assert.match(f.message, /tittle/);
  const { text, file } = load('rules-map/fixed-schema.kpis.yaml');
  const off = analyzeText(text.replace('schema: warn', 'schema: off'), file);
  expectAt(off, 'schema', 'tittle', undefined, { kpi: null, severity: 'error' });
});

test('rules map: severities never change what is computed (SPEC 4)', () => {
  const { text, file } = load('clean.kpis.yaml');
  const all = ['no-goal', 'target-missing', 'unknown-source', 'source-unreadable', 'target-past-due'];
  const off = analyzeText(`${text}\nrules:\n${all.map((r) => `  ${r}: off`).join('\n')}\n`, file);
  const plain = analyzeText(text, file);
  assert.deepEqual(
    [...off.sources.entries()].map(([k, v]) => [k, v.status]),
    [...plain.sources.entries()].map(([k, v]) => [k, v.status]),
  );
  assert.deepEqual([...off.formulas.keys()], [...plain.formulas.keys()]);
});
