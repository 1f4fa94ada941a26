import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { closestMatch, editDistance } from '../../../src/core/schema/closest';

test('edit distance counts a swapped pair of letters as one edit', () => {
  assert.equal(editDistance('titel', 'title'), 1);
  assert.equal(editDistance('formt', 'format'), 1);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('same', 'same'), 0);
});

test('closest match: near enough for the word length, case-insensitive, first of ties', () => {
  assert.equal(closestMatch('titel', ['id', 'title', 'owner']), 'title');
  assert.equal(closestMatch('Title', ['id', 'title']), 'title');
  assert.equal(closestMatch('percentage', ['percent', 'score']), 'percent');
  assert.equal(closestMatch('dew', ['due']), undefined);
  assert.equal(closestMatch('dashbord', ['description', 'guardrails', 'meta']), undefined);
  assert.equal(closestMatch('ab', ['ac', 'ad']), 'ac');
  assert.equal(closestMatch('title', ['title']), undefined);
});
