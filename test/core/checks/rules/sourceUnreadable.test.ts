// The rule source-unreadable (SPEC 4) on real files under test/fixtures/rules/: exact ranges, messages, fixes.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze, type Analysis } from '../../../../src/core/checks/analysis';
import { DataCache } from '../../../../src/core/data/load';

import { analyzeFixture, assertNone, assertValidFile, expectAt, findingsOf, TODAY } from './kit';

test('source-unreadable: a missing file, at the path value, saying which file and why', () => {
  const { analysis } = analyzeFixture('source-unreadable/missing.kpis.yaml');
  assertValidFile(analysis);
  const f = expectAt(analysis, 'source-unreadable', '../data/no-such-file.csv', 'path: ../data/no-such', { kpi: null });
  assert.equal(f.severity, 'error');
  assert.match(f.message, /"gone"/);
  assert.match(f.message, /no-such-file\.csv/);
  assert.match(f.message, /no such file/);
  assert.equal(findingsOf(analysis, 'source-unreadable').length, 1, 'tickets is read');
  assertNone(analyzeFixture('clean.kpis.yaml').analysis, 'source-unreadable');
});

test('source-unreadable: a folder where a file should be', (t) => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-lens-dir-'));
  t.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  fs.mkdirSync(path.join(tmp, 'data.csv'));
  const text = 'version: 1\nsources:\n  d:\n    path: data.csv\nkpis: []\n';
  const analysis = analyze(text, { filePath: path.join(tmp, 'kpis.yaml'), today: TODAY, loader: new DataCache() });
  const f = expectAt(analysis, 'source-unreadable', 'data.csv', 'path: data.csv', { kpi: null });
  assert.match(f.message, /folder/);
});

test('source-unreadable: a columns: entry naming a column the data lacks is reported at that entry; a bad value at the path', (t) => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-lens-cols-'));
  t.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  fs.writeFileSync(path.join(tmp, 'd.csv'), 'id,x\n1,abc\n');
  const analyzeWith = (columns: string): Analysis =>
    analyze(`version: 1\nsources:\n  d:\n    path: d.csv\n    columns: { ${columns} }\nkpis: []\n`, {
      filePath: path.join(tmp, 'kpis.yaml'),
      today: TODAY,
      loader: new DataCache(),
    });
  const absent = expectAt(analyzeWith('nope: number'), 'source-unreadable', 'nope', 'columns: { nope', { kpi: null });
  assert.match(absent.message, /declares "nope", but the data has no such column/);
  const bad = expectAt(analyzeWith('x: number'), 'source-unreadable', 'd.csv', 'path: d.csv', { kpi: null });
  assert.match(bad.message, /row 1, column "x": "abc" is not a number/);
});
