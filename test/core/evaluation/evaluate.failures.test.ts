// Why a KPI was not computed, in words its owner can act on; the others are still computed.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../../src/core/checks/analysis';
import { DataCache } from '../../../src/core/data/load';
import { evaluateAnalysis } from '../../../src/core/evaluation/evaluate';

test('a formula that is a list or a boolean, a missing formula, a broken one: each says so; a number is a constant (SPEC 8.2)', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-failures-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, 'd.csv'), 'id,x\n1,2\n2,4\n');
  const text = [
    'version: 1',
    'goals: [{ id: g, title: G }]',
    'sources: { s: { path: d.csv } }',
    'kpis:',
    '  - { id: number, name: N, goals: [g], source: s, formula: 42 }',
    '  - { id: list, name: L, goals: [g], source: s, formula: [avg(x)] }',
    '  - { id: yes, name: Y, goals: [g], source: s, formula: true }',
    '  - { id: none, name: M, goals: [g], source: s }',
    '  - { id: broken, name: B, goals: [g], source: s, formula: "avg(x" }',
    '  - { id: fine, name: F, goals: [g], source: s, formula: "avg(x)" }',
    '',
  ].join('\n');
  const analysis = analyze(text, { filePath: path.join(dir, 'kpis.yaml'), workspaceRoot: dir, today: '2026-01-15', loader: new DataCache() });
  const byId = new Map(evaluateAnalysis(analysis).map((r) => [r.id, r]));
  assert.equal(byId.get('number')!.failure, undefined);
  assert.equal(byId.get('number')!.value, 42, 'formula: 42 computes as formula: "42"');
  assert.equal(byId.get('list')!.failure, 'its formula is neither text nor a number');
  assert.equal(byId.get('yes')!.failure, 'its formula is neither text nor a number');
  assert.equal(byId.get('none')!.failure, 'it has no formula');
  assert.equal(byId.get('broken')!.failure, 'its formula has errors');
  assert.equal(byId.get('fine')!.failure, undefined);
  assert.equal(byId.get('fine')!.value, 3);
});
