import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFix, check, checkText, expectAt, onlyFix } from './support';

test('unknown key: at the key, in plain words, with a did-you-mean fix that replaces the key', () => {
  const c = check('unknown-keys.yaml');
  const f = expectAt(c, 'titel');
  assert.equal(f.rule, 'schema');
  assert.equal(f.severity, undefined);
  assert.equal(f.message, 'Unknown key "titel" in goal "retain_customers". Did you mean "title"?');
  const fix = onlyFix(f);
  assert.equal(fix.title, 'Change "titel" to "title"');
  assert.equal(fix.preferred, true);
  assert.deepEqual(fix.edits, [
    { range: { start: c.text.indexOf('titel'), end: c.text.indexOf('titel') + 5 }, newText: 'title' },
  ]);
  // Applying the fix leaves the goal valid: both the unknown key and the missing title are gone.
  const fixed = checkText(applyFix(c.text, fix));
  assert.ok(
    !fixed.findings.some(
      (x) => x.message.includes('goal "retain_customers"') || x.message.includes('Goal "retain_customers"'),
    ),
  );
});

test('unknown keys in a source, a target, a flow-style baseline and at the top level', () => {
  const c = check('unknown-keys.yaml');
  assert.equal(expectAt(c, 'formt').message, 'Unknown key "formt" in source "survey". Did you mean "format"?');
  assert.equal(onlyFix(expectAt(c, 'formt')).edits[0]!.newText, 'format');
  const asof = expectAt(c, 'asof');
  assert.equal(asof.message, 'Unknown key "asof" in the baseline of KPI "nps". Did you mean "as_of"?');
  assert.equal(asof.kpi, 'nps');
  assert.equal(onlyFix(asof).edits[0]!.newText, 'as_of');
  const rule = expectAt(c, 'rule', '\nrule:');
  assert.equal(rule.message, 'Unknown key "rule" at the top level of the file. Did you mean "rules"?');
  // "dew" is two edits from "due": too far for a three-letter word, so the keys are listed.
  assert.equal(
    expectAt(c, 'dew').message,
    'Unknown key "dew" in the target of KPI "nps". Allowed keys: value, direction, due, baseline, warning, benchmark.',
  );
});

test('unknown key with nothing close: no fix; a KPI points to meta, small maps list their keys', () => {
  const c = check('unknown-keys.yaml');
  const dash = expectAt(c, 'dashbord');
  assert.equal(dash.message, 'Unknown key "dashbord" in KPI "nps". Keep fields of your own under "meta".');
  assert.equal(dash.fixes, undefined);
  const a = check('aliases.yaml');
  assert.equal(
    expectAt(a, 'colour').message,
    'Unknown key "colour" in goal "retain_customers". Allowed keys: id, title, owner, parent, description.',
  );
});

test('did-you-mean never suggests a key the map already has', () => {
  const c = checkText('version: 1\ngoals:\n  - id: g\n    title: T\n    titel: T2\n');
  const f = expectAt(c, 'titel');
  assert.equal(f.fixes, undefined);
  assert.ok(!f.message.includes('Did you mean'));
});

test('missing keys: at the id value where the item has one', () => {
  const c = check('missing-keys.yaml');
  assert.equal(
    expectAt(c, 'grow_revenue', '- id: grow_revenue').message,
    'Goal "grow_revenue" is missing the required key "title".',
  );
  const nps = expectAt(c, 'nps');
  assert.equal(nps.message, 'KPI "nps" is missing the required keys "name" and "formula".');
  assert.equal(nps.kpi, 'nps');
});

test('missing keys: at the first key of a list item without id, else at the key of the map', () => {
  const c = check('missing-keys.yaml');
  assert.equal(expectAt(c, 'title', '- title:').message, 'Goal #1 is missing the required key "id".');
  assert.equal(expectAt(c, 'name', '- name:').message, 'KPI #2 is missing the required key "id".');
  assert.equal(
    expectAt(c, 'survey').message,
    'Source "survey" needs a path (a data file), or a connection with a table or a query.',
  );
  assert.equal(expectAt(c, 'target').message, 'The target of KPI "aht" is missing the required key "value".');
  assert.equal(expectAt(c, 'baseline').message, 'The baseline of KPI "aht" is missing the required key "as_of".');
  assert.equal(expectAt(c, 'benchmark').message, 'The benchmark of KPI "aht" is missing the required key "value".');
});

test('missing version: at the first key of the file, never the whole file', () => {
  const c = check('missing-keys.yaml');
  const f = expectAt(c, 'goals');
  assert.equal(f.message, 'The file is missing the required key "version". Start the file with "version: 1".');
  assert.equal(c.findings.length, 9);
  for (const finding of c.findings) assert.ok(finding.range.end - finding.range.start < 40, finding.message);
});

test('filter without source: at the filter key', () => {
  const c = check('filter-without-source.yaml');
  assert.equal(c.findings.length, 1);
  const f = expectAt(c, 'filter');
  assert.equal(
    f.message,
    'KPI "chat_share" has a filter but no source. A filter picks rows of a source: add "source:" or remove the filter.',
  );
  assert.equal(f.kpi, 'chat_share');
});

test('a source name that is not an id: at the name', () => {
  const c = check('wrong-values.yaml');
  assert.equal(
    expectAt(c, 'Survey').message,
    'Source name "Survey" must be lower-case letters, digits and _ and start with a letter (for example "survey").',
  );
});

test('CRLF line ends: offsets still point at the key', () => {
  const c = check('crlf.yaml');
  assert.ok(c.text.includes('\r\n'));
  assert.equal(onlyFix(expectAt(c, 'titel')).edits[0]!.range.start, c.text.indexOf('titel'));
  assert.equal(expectAt(c, 'g', 'id: ').message, 'Goal "g" is missing the required key "title".');
});
