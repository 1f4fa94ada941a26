import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { arityText, FUNCTIONS, functionInfo } from '../../../src/core/formula/functions';

describe('FUNCTIONS', () => {
  test('every function of SPEC 3, each with a signature and a plain description', () => {
    assert.deepEqual(FUNCTIONS.map((f) => f.name).sort(), [
      'abs',
      'avg',
      'ceil',
      'coalesce',
      'count',
      'count_distinct',
      'days_between',
      'floor',
      'hours_between',
      'if',
      'max',
      'median',
      'min',
      'minutes_between',
      'pct',
      'percentile',
      'round',
      'share',
      'sum',
    ]);
    for (const f of FUNCTIONS) {
      assert.ok(f.signature.startsWith(`${f.name}(`), f.name);
      assert.ok(f.description.length > 10 && f.description.endsWith('.'), f.name);
    }
    assert.deepEqual(
      FUNCTIONS.filter((f) => f.aggregate).map((f) => f.name),
      ['count', 'pct', 'share', 'sum', 'avg', 'min', 'max', 'median', 'percentile', 'count_distinct'],
    );
    assert.deepEqual(
      FUNCTIONS.filter((f) => f.where).map((f) => f.name),
      ['sum', 'avg', 'min', 'max', 'median', 'percentile', 'count_distinct'],
    );
  });
  test('arity in words', () => {
    assert.equal(arityText(functionInfo('count')!), 'takes 0 or 1 argument');
    assert.equal(arityText(functionInfo('round')!), 'takes 1 or 2 arguments');
    assert.equal(arityText(functionInfo('if')!), 'takes 3 arguments');
    assert.equal(arityText(functionInfo('abs')!), 'takes 1 argument');
    assert.equal(arityText(functionInfo('coalesce')!), 'takes at least 2 arguments');
  });
});
