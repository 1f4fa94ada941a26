import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Grain } from '../../../src/core/model/kpiFile';
import { analyzeFormula, evaluateDerived, type KpiValue, type PeriodValue } from '../../../src/core/formula';

const monthly = (entries: [string, number | null][]): KpiValue => {
  const series: PeriodValue[] = entries.map(([period, value]) => ({ period, start: `${period}-01`, value }));
  return { series, value: series.length > 0 ? series[series.length - 1]!.value : null, divisionByZero: false };
};
const constant = (value: number | null): KpiValue => ({ series: undefined, value, divisionByZero: false });

const inputs = new Map<string, KpiValue>([
  [
    'revenue',
    monthly([
      ['2025-01', 100],
      ['2025-02', 120],
      ['2025-03', 90],
    ]),
  ],
  [
    'cost',
    monthly([
      ['2025-02', 60],
      ['2025-03', 0],
      ['2025-04', 10],
    ]),
  ],
  [
    'visits',
    monthly([
      ['2025-01', null],
      ['2025-02', 4],
      ['2025-03', 3],
    ]),
  ],
  ['fx', constant(2)],
  ['unknown_yet', constant(null)],
  ['noted', { series: undefined, value: 5, divisionByZero: true }],
]);
const kpis = new Set(inputs.keys());

function derive(text: string, grain: Grain | undefined): KpiValue {
  const f = analyzeFormula(text, { mode: 'derived', kpis });
  assert.deepEqual(f.diagnostics, []);
  return evaluateDerived(f, inputs, grain);
}

const entries = (v: KpiValue) => v.series?.map((e) => [e.period, e.start, e.value]);

describe('evaluateDerived', () => {
  test('periods present in every grained input, in time order', () => {
    const v = derive('revenue - cost', 'month');
    assert.deepEqual(entries(v), [
      ['2025-02', '2025-02-01', 60],
      ['2025-03', '2025-03-01', 90],
    ]);
    assert.equal(v.value, 90);
    assert.equal(v.divisionByZero, false);
  });
  test('division by zero in a period: null there and the note', () => {
    const v = derive('revenue / cost', 'month');
    assert.deepEqual(
      entries(v)!.map((e) => e[2]),
      [2, null],
    );
    assert.equal(v.value, null);
    assert.equal(v.divisionByZero, true);
  });
  test('a KPI without grain acts as a constant', () => {
    assert.deepEqual(
      entries(derive('revenue * fx', 'month'))!.map((e) => e[2]),
      [200, 240, 180],
    );
  });
  test('a null input gives null, without a note', () => {
    const v = derive('revenue / unknown_yet', 'month');
    assert.deepEqual(
      entries(v)!.map((e) => e[2]),
      [null, null, null],
    );
    assert.equal(v.divisionByZero, false);
    assert.deepEqual(
      entries(derive('revenue / visits', 'month'))!.map((e) => e[2]),
      [null, 30, 30],
    );
  });
  test('coalesce still turns a null input into a value', () => {
    assert.equal(derive('coalesce(unknown_yet, 0) + fx', undefined).value, 2);
  });
  test('inputs\u2019 notes are not inherited', () => {
    assert.equal(derive('noted + 1', undefined).divisionByZero, false);
  });
  test('no reference at all: a constant', () => {
    assert.deepEqual(derive('42', undefined), { series: undefined, value: 42, divisionByZero: false });
    assert.deepEqual(derive('round(10 / 3, 2)', 'month'), { series: undefined, value: 3.33, divisionByZero: false });
    assert.deepEqual(derive('1 / 0', undefined), { series: undefined, value: null, divisionByZero: true });
  });
  test('only constants referenced, with a grain: a constant without series', () => {
    assert.deepEqual(derive('fx * 3', 'month'), { series: undefined, value: 6, divisionByZero: false });
  });
  test('without grain, grained inputs count with their current value', () => {
    assert.deepEqual(derive('revenue - cost', undefined), { series: undefined, value: 80, divisionByZero: false });
  });
  test('if() evaluates only the branch it returns', () => {
    const v = derive('if(cost > 0, revenue / cost, 0)', 'month');
    assert.deepEqual(
      entries(v)!.map((e) => e[2]),
      [2, 0],
    );
    assert.equal(v.divisionByZero, false);
  });
  test('a missing input is null', () => {
    const f = analyzeFormula('revenue + fx', { mode: 'derived', kpis });
    assert.equal(evaluateDerived(f, new Map(), undefined).value, null);
  });
});
