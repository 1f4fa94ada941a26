// A file that follows every rule has no finding at all.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeFixture } from './rules/kit';

test('clean.kpis.yaml has no finding at all', () => {
  const { analysis } = analyzeFixture('clean.kpis.yaml');
  assert.deepEqual(
    analysis.findings.map((f) => `${f.rule}: ${f.message}`),
    [],
  );
});
