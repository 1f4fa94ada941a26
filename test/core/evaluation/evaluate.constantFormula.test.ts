// SPEC 8.2: a formula YAML reads as a number is that constant, exactly as the same text in
// quotes, and derived KPIs built on it are computed.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../../src/core/checks/analysis';
import { DataCache } from '../../../src/core/data/load';
import { evaluateAnalysis } from '../../../src/core/evaluation/evaluate';

function evaluateFile(t: { after(fn: () => void): void }, lines: string[]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-constant-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const filePath = path.join(dir, 'kpis.yaml');
  fs.writeFileSync(filePath, lines.join('\n'));
  fs.writeFileSync(path.join(dir, 'd.csv'), 'at,x\n2025-01-05,2\n2025-02-05,4\n2025-02-06,6\n');
  const analysis = analyze(fs.readFileSync(filePath, 'utf8'), {
    filePath,
    workspaceRoot: dir,
    today: '2026-01-15',
    loader: new DataCache(),
  });
  return { analysis, byId: new Map(evaluateAnalysis(analysis).map((r) => [r.id, r])) };
}

test('formula: 3, 0.5, -1, 1e3, +2 and 0x1F compute as constants; derived KPIs on them too', (t) => {
  const { analysis, byId } = evaluateFile(t, [
    'version: 1',
    'goals: [{ id: g, title: G }]',
    'sources: { s: { path: d.csv, time: at } }',
    'kpis:',
    '  - { id: three, name: T, goals: [g], formula: 3 }',
    '  - { id: half, name: H, goals: [g], formula: 0.5 }',
    '  - { id: minus, name: M, goals: [g], formula: -1 }',
    '  - { id: kilo, name: K, goals: [g], formula: 1e3 }',
    '  - { id: plus, name: P, goals: [g], formula: +2 }',
    '  - { id: hex, name: X, goals: [g], formula: 0x1F }',
    '  - { id: quoted, name: Q, goals: [g], formula: "3" }',
    '  - { id: sum, name: S, goals: [g], formula: three + half + minus + kilo + plus + hex }',
    '  - { id: monthly, name: Mo, goals: [g], source: s, grain: month, formula: avg(x) }',
    '  - { id: scaled, name: Sc, goals: [g], formula: monthly * three }',
    '',
  ]);
  assert.deepEqual(
    analysis.findings.filter((f) => f.severity === 'error'),
    [],
  );
  const value = (id: string): unknown => byId.get(id)?.value;
  assert.equal(value('three'), 3);
  assert.equal(value('half'), 0.5);
  assert.equal(value('minus'), -1);
  assert.equal(value('kilo'), 1000);
  assert.equal(value('plus'), 2);
  assert.equal(value('hex'), 31);
  assert.equal(value('quoted'), 3);
  assert.equal(value('sum'), 3 + 0.5 - 1 + 1000 + 2 + 31);
  // A KPI without grain acts as a constant in a grained derived KPI: 2*3, then 5*3.
  assert.deepEqual(
    byId.get('scaled')?.series?.map((e) => [e.period, e.value]),
    [
      ['2025-01', 6],
      ['2025-02', 15],
    ],
  );
});

test('a number formula keeps its characters in the file: a KPI id that is a number is no reference', (t) => {
  const { analysis } = evaluateFile(t, [
    'version: 1',
    'goals: [{ id: g, title: G }]',
    'kpis:',
    '  - id: a',
    '    name: A',
    '    goals: [g]',
    '    formula: 42.50',
    '',
  ]);
  const kpi = analysis.model.kpis[0]!;
  assert.equal(kpi.formula?.text, '42.50');
  assert.equal(analysis.text.slice(kpi.formula!.offsets[0], kpi.formula!.offsets[5]), '42.50');
});

test('formula: .inf, true, [1] and a map are schema errors and not computed; the rest still is', (t) => {
  const { analysis, byId } = evaluateFile(t, [
    'version: 1',
    'goals: [{ id: g, title: G }]',
    'kpis:',
    '  - { id: inf, name: I, goals: [g], formula: .inf }',
    '  - { id: yes, name: Y, goals: [g], formula: true }',
    '  - { id: list, name: L, goals: [g], formula: [1] }',
    '  - { id: fine, name: F, goals: [g], formula: 7 }',
    '',
  ]);
  const schema = analysis.findings.filter((f) => f.rule === 'schema');
  assert.equal(schema.length, 3, JSON.stringify(schema.map((f) => f.message)));
  assert.deepEqual(
    analysis.findings.filter((f) => f.rule === 'formula-syntax'),
    [],
    'no parser error on .inf',
  );
  for (const id of ['inf', 'yes', 'list'])
    assert.equal(byId.get(id)?.failure, 'its formula is neither text nor a number', id);
  assert.equal(byId.get('fine')?.value, 7);
});
