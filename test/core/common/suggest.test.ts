import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { closestMatch, editDistance } from '../../../src/core/common/suggest';

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

describe('did-you-mean', () => {
  test('edit distance counts a swap of neighbours as one edit', () => {
    assert.equal(editDistance('score', 'score'), 0);
    assert.equal(editDistance('scroe', 'score'), 1);
    assert.equal(editDistance('scor', 'score'), 1);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('kitten', 'sitting'), 3);
  });
  test('close means within max(1, floor(length / 3)) edits, or a case-only difference', () => {
    assert.equal(closestMatch('scor', ['channel', 'score']), 'score');
    assert.equal(closestMatch('ab', ['xy']), undefined);
    assert.equal(closestMatch('a', ['b']), 'b');
    assert.equal(closestMatch('RESOLUTION_HOURS', ['resolution_hours']), 'resolution_hours');
    assert.equal(closestMatch('chanel', ['channel', 'channels']), 'channel');
    assert.equal(closestMatch('abcdef', ['uvwxyz']), undefined);
  });
});
