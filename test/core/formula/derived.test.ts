import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Grain } from '../../../src/core/model';
import {
  analyzeFormula,
  arityText,
  derivedGrain,
  evaluateDerived,
  FUNCTIONS,
  functionInfo,
  type KpiValue,
  type PeriodValue,
} from '../../../src/core/formula';
import { closest, editDistance } from '../../../src/core/formula/suggest';

const monthly = (entries: [string, number | null][]): KpiValue => {
  const series: PeriodValue[] = entries.map(([period, value]) => ({ period, start: `${period}-01`, value }));
  return { series, value: series.length > 0 ? series[series.length - 1]!.value : null, divisionByZero: false };
};
const constant = (value: number | null): KpiValue => ({ series: undefined, value, divisionByZero: false });

const inputs = new Map<string, KpiValue>([
  ['revenue', monthly([['2025-01', 100], ['2025-02', 120], ['2025-03', 90]])],
  ['cost', monthly([['2025-02', 60], ['2025-03', 0], ['2025-04', 10]])],
  ['visits', monthly([['2025-01', null], ['2025-02', 4], ['2025-03', 3]])],
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
    assert.deepEqual(entries(v)!.map((e) => e[2]), [2, null]);
    assert.equal(v.value, null);
    assert.equal(v.divisionByZero, true);
  });
  test('a KPI without grain acts as a constant', () => {
    assert.deepEqual(entries(derive('revenue * fx', 'month'))!.map((e) => e[2]), [200, 240, 180]);
  });
  test('a null input gives null, without a note', () => {
    const v = derive('revenue / unknown_yet', 'month');
    assert.deepEqual(entries(v)!.map((e) => e[2]), [null, null, null]);
    assert.equal(v.divisionByZero, false);
    assert.deepEqual(entries(derive('revenue / visits', 'month'))!.map((e) => e[2]), [null, 30, 30]);
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
    assert.deepEqual(entries(v)!.map((e) => e[2]), [2, 0]);
    assert.equal(v.divisionByZero, false);
  });
  test('a missing input is null', () => {
    const f = analyzeFormula('revenue + fx', { mode: 'derived', kpis });
    assert.equal(evaluateDerived(f, new Map(), undefined).value, null);
  });
});

describe('derivedGrain', () => {
  const grains = new Map<string, Grain | undefined>([
    ['revenue', 'month'],
    ['cost', 'month'],
    ['visits', 'week'],
    ['fx', undefined],
  ]);
  const refsOf = (text: string) => analyzeFormula(text, { mode: 'derived', kpis }).kpiRefs;
  test('inferred from the first grained reference; constants never mismatch', () => {
    assert.deepEqual(derivedGrain(refsOf('fx * revenue - cost'), (id) => grains.get(id)), { grain: 'month', mismatches: [] });
    assert.deepEqual(derivedGrain(refsOf('fx * 2'), (id) => grains.get(id)), { grain: undefined, mismatches: [] });
  });
  test('references of another grain are mismatches, at their place', () => {
    assert.deepEqual(derivedGrain(refsOf('revenue / visits'), (id) => grains.get(id)), {
      grain: 'month',
      mismatches: [{ ref: { name: 'visits', start: 10, end: 16 }, grain: 'week' }],
    });
  });
  test('a declared grain wins', () => {
    assert.deepEqual(derivedGrain(refsOf('revenue'), (id) => grains.get(id), 'week'), {
      grain: 'week',
      mismatches: [{ ref: { name: 'revenue', start: 0, end: 7 }, grain: 'month' }],
    });
  });
});

describe('FUNCTIONS', () => {
  test('every function of SPEC 3, each with a signature and a plain description', () => {
    assert.deepEqual(FUNCTIONS.map((f) => f.name).sort(), [
      'abs', 'avg', 'ceil', 'coalesce', 'count', 'count_distinct', 'days_between', 'floor', 'hours_between', 'if', 'max',
      'median', 'min', 'minutes_between', 'pct', 'percentile', 'round', 'share', 'sum',
    ]);
    for (const f of FUNCTIONS) {
      assert.ok(f.signature.startsWith(`${f.name}(`), f.name);
      assert.ok(f.description.length > 10 && f.description.endsWith('.'), f.name);
    }
    assert.deepEqual(FUNCTIONS.filter((f) => f.aggregate).map((f) => f.name), [
      'count', 'pct', 'share', 'sum', 'avg', 'min', 'max', 'median', 'percentile', 'count_distinct',
    ]);
    assert.deepEqual(FUNCTIONS.filter((f) => f.where).map((f) => f.name), [
      'sum', 'avg', 'min', 'max', 'median', 'percentile', 'count_distinct',
    ]);
  });
  test('arity in words', () => {
    assert.equal(arityText(functionInfo('count')!), 'takes 0 or 1 argument');
    assert.equal(arityText(functionInfo('round')!), 'takes 1 or 2 arguments');
    assert.equal(arityText(functionInfo('if')!), 'takes 3 arguments');
    assert.equal(arityText(functionInfo('abs')!), 'takes 1 argument');
    assert.equal(arityText(functionInfo('coalesce')!), 'takes at least 2 arguments');
  });
});

describe('did-you-mean', () => {
  test('edit distance counts a swap of neighbours as one edit', () => {
    assert.equal(editDistance('score', 'score'), 0);
    assert.equal(editDistance('scroe', 'score'), 1);
    assert.equal(editDistance('scor', 'score'), 1);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('kitten', 'sitting'), 3);
  });
  test('close means within max(1, floor(length / 3)) edits, or a case-only difference', () => {
    assert.equal(closest('scor', ['channel', 'score']), 'score');
    assert.equal(closest('ab', ['xy']), undefined);
    assert.equal(closest('a', ['b']), 'b');
    assert.equal(closest('RESOLUTION_HOURS', ['resolution_hours']), 'resolution_hours');
    assert.equal(closest('chanel', ['channel', 'channels']), 'channel');
    assert.equal(closest('abcdef', ['uvwxyz']), undefined);
  });
});
