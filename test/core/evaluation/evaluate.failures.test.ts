// Why a KPI was not computed, in words its owner can act on; the others are still computed.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../../src/core/checks/analysis';
import { DataCache } from '../../../src/core/data/load';
import { evaluateAnalysis } from '../../../src/core/evaluation/evaluate';
import { fixture } from '../../paths';

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
  const analysis = analyze(text, {
    filePath: path.join(dir, 'kpis.yaml'),
    workspaceRoot: dir,
    today: '2026-01-15',
    loader: new DataCache(),
  });
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

test('evaluation reads what the checks found: a KPI in a loop, of mixed grains or grained without time is not computed, whatever the rules map says', () => {
  const file = fixture('rules', 'grain-mismatch', 'grains.kpis.yaml');
  const text = fs.readFileSync(file, 'utf8');
  for (const rules of ['', '\nrules:\n  grain-mismatch: off\n']) {
    const analysis = analyze(text + rules, {
      filePath: file,
      workspaceRoot: fixture('rules'),
      today: '2026-01-15',
      loader: new DataCache(),
    });
    const byId = new Map(evaluateAnalysis(analysis).map((r) => [r.id, r]));
    assert.equal(byId.get('mixed')!.failure, 'its grain differs from that of its inputs', rules);
    assert.equal(byId.get('declared_other')!.failure, 'its grain differs from that of its inputs', rules);
    assert.equal(byId.get('fine')!.failure, undefined);
    assert.equal(byId.get('inferred')!.failure, undefined);
  }
  const loops = fixture('rules', 'kpi-cycle', 'loops.kpis.yaml');
  const cycle = analyze(fs.readFileSync(loops, 'utf8'), {
    filePath: loops,
    today: '2026-01-15',
    loader: new DataCache(),
  });
  const results = new Map(evaluateAnalysis(cycle).map((r) => [r.id, r]));
  assert.equal(results.get('selfish')!.failure, 'its formula depends on itself');
  assert.equal(results.get('cost_per_ticket')!.failure, 'its formula depends on itself');
  assert.equal(results.get('downstream')!.failure, 'it uses "cost_per_ticket", which could not be computed');
  assert.equal(results.get('cost')!.value, 1000);
  const untimed = fixture('rules', 'grain-without-time', 'untimed.kpis.yaml');
  const timeless = analyze(fs.readFileSync(untimed, 'utf8'), {
    filePath: untimed,
    workspaceRoot: path.dirname(path.dirname(untimed)),
    today: '2026-01-15',
    loader: new DataCache(),
  });
  const r = new Map(evaluateAnalysis(timeless).map((x) => [x.id, x]));
  assert.equal(r.get('by_month')!.failure, 'its source has no time column');
  assert.equal(r.get('overall')!.value, 8);
});
