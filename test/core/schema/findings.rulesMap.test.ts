import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, checkText, expectAt, onlyFix } from './support';

test('a rules map with every rule id and every severity form is valid', () => {
  assert.deepEqual(check('rules-valid.yaml').findings, []);
});

test('unknown rule id: at the key, with a did-you-mean fix', () => {
  const c = checkText('version: 1\nrules:\n  target-no-basline: off\n');
  const f = expectAt(c, 'target-no-basline');
  assert.equal(f.message, 'Unknown rule "target-no-basline". Did you mean "target-no-baseline"?');
  assert.equal(onlyFix(f).edits[0]!.newText, 'target-no-baseline');
  const r = check('rules-invalid.yaml');
  // "no-goal" is already set, so "no-goals" gets no suggestion.
  assert.equal(expectAt(r, 'no-goals').message, 'Unknown rule "no-goals".');
});

test('rules that always stay errors cannot be set to anything else', () => {
  const c = check('rules-invalid.yaml');
  assert.equal(
    expectAt(c, 'warning', 'schema: ').message,
    'Rule "schema" always stays an error; it cannot be set to "warning". Remove it from rules.',
  );
  assert.equal(
    expectAt(c, '[error, {}]').message,
    'Rule "yaml-syntax" always stays an error; it takes no options. Remove it from rules.',
  );
  const b = check('rules-bad-max.yaml');
  assert.equal(
    expectAt(b, 'off').message,
    'Rule "source-outside-workspace" always stays an error; it cannot be set to "off". Remove it from rules.',
  );
  assert.deepEqual(
    checkText('version: 1\nrules: { schema: error, yaml-syntax: error, source-outside-workspace: error }\n').findings,
    [],
  );
});

test('options: unknown option with did-you-mean, options on a rule that has none', () => {
  const c = check('rules-invalid.yaml');
  const maxx = expectAt(c, 'maxx');
  assert.equal(maxx.message, 'Unknown option "maxx" for rule "goal-too-many-kpis". Did you mean "max"?');
  assert.equal(onlyFix(maxx).edits[0]!.newText, 'max');
  assert.equal(expectAt(c, 'max', 'no-goal: [warn, { ').message, 'Rule "no-goal" has no options; remove "max".');
});

test('option values: max is a whole number of at least 1', () => {
  assert.equal(expectAt(check('rules-bad-max.yaml'), '0').message, 'max must be at least 1; got 0.');
  assert.equal(expectAt(check('rules-fractional-max.yaml'), '2.5').message, 'max must be a whole number; got 2.5.');
});

test('severities: misspelt (with fix), a number, a one-item list', () => {
  const c = check('rules-invalid.yaml');
  const typo = expectAt(c, 'warnign');
  assert.equal(
    typo.message,
    'The severity of rule "target-no-due" must be one of off, info, warning, warn, error; got "warnign". Did you mean "warning"?',
  );
  assert.equal(onlyFix(typo).edits[0]!.newText, 'warning');
  assert.equal(
    expectAt(c, '1', 'target-missing: ').message,
    'The severity of rule "target-missing" must be one of off, info, warning, warn, error; got 1.',
  );
  assert.equal(
    expectAt(c, '[warn]').message,
    'Rule "no-guardrail" must be a severity, or a list of two: [severity, { options }]; got a list of 1.',
  );
  assert.equal(c.findings.length, 8);
});

test('the severity inside a list is checked too', () => {
  const c = checkText('version: 1\nrules:\n  goal-too-many-kpis: [loud, { max: 3 }]\n');
  assert.equal(
    expectAt(c, 'loud').message,
    'The severity of rule "goal-too-many-kpis" must be one of off, info, warning, warn, error; got "loud".',
  );
});
