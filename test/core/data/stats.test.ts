import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTable } from '../../../src/core/data/parseTable';
import { DISTINCT_CAP, columnStats, formatValue } from '../../../src/core/data/stats';
import { stringColumnOf } from '../../../src/core/data/table';
import { loadTable } from './support';

test('stats of each column type', () => {
  const t = loadTable('survey.csv');
  const score = columnStats(t.columns.get('score')!, 3);
  assert.deepEqual(score, { type: 'number', count: 11, nullCount: 1, min: 3, max: 10, examples: ['9', '6', '10'] });
  const at = columnStats(t.columns.get('submitted_at')!, 4);
  assert.equal(at.type, 'date');
  assert.equal(at.min, Date.UTC(2025, 0, 3, 9, 15));
  assert.equal(at.max, Date.UTC(2025, 2, 31));
  assert.deepEqual(at.examples, ['2025-01-03T09:15:00Z', '2025-01-05T14:02:00Z', '2025-01-17', '2025-02-01T07:00:00Z']);
  const channel = columnStats(t.columns.get('channel')!, 10);
  assert.deepEqual(channel, {
    type: 'string',
    count: 12,
    nullCount: 0,
    distinct: 4,
    distinctCapped: false,
    examples: ['chat', 'email', 'phone', 'internal'],
  });
  const recommend = columnStats(t.columns.get('recommend')!, 5);
  assert.deepEqual(recommend, {
    type: 'boolean',
    count: 10,
    nullCount: 2,
    distinct: 2,
    distinctCapped: false,
    examples: ['true', 'false'],
  });
});

test('an all-null column has no min or max', () => {
  const result = parseTable('a,b\n1,\n2,\n', { format: 'csv', columns: new Map([['b', 'number']]) });
  assert.ok(result.ok);
  assert.deepEqual(columnStats(result.table.columns.get('b')!, 5), {
    type: 'number',
    count: 0,
    nullCount: 2,
    examples: [],
  });
});

test('distinct counting stops at the cap', () => {
  const many = Array.from({ length: DISTINCT_CAP + 5 }, (_, i) => `v${i}`);
  const capped = columnStats(stringColumnOf(many), 2);
  assert.deepEqual([capped.distinct, capped.distinctCapped, capped.examples], [DISTINCT_CAP, true, ['v0', 'v1']]);
  const exact = columnStats(stringColumnOf(many.slice(0, DISTINCT_CAP)), 0);
  assert.deepEqual([exact.distinct, exact.distinctCapped, exact.examples], [DISTINCT_CAP, false, []]);
});

test('formatValue', () => {
  const t = loadTable('survey.csv');
  assert.equal(formatValue(t.columns.get('submitted_at')!, 5), '2025-02-14T23:59:59.999Z');
  assert.equal(formatValue(t.columns.get('submitted_at')!, 4), null);
  assert.equal(formatValue(t.columns.get('recommend')!, 2), 'true');
  assert.equal(formatValue(t.columns.get('comment')!, 1), null);
  assert.equal(formatValue(t.columns.get('score')!, 0), '9');
});
