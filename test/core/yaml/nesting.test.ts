import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_NESTING, tooDeepAt } from '../../../src/core/yaml/nesting';
import { loadKpiFile } from '../../../src/core/yaml/loadKpiFile';
import { deepBlock, deepFlow } from '../../cli/hostileInputs';
import { load } from '../checks/rules/kit';

test('an ordinary KPI file is nowhere near the limit', () => {
  assert.equal(tooDeepAt(load('clean.kpis.yaml').text), undefined);
  assert.equal(tooDeepAt(load('clean.kpis.yaml').text, 12), undefined);
});

test('flow lists: the first bracket beyond the limit is found', () => {
  const text = 'a: ' + '['.repeat(MAX_NESTING + 5) + ']'.repeat(MAX_NESTING + 5);
  // one level for the block mapping, then the brackets
  assert.equal(tooDeepAt(text), 3 + MAX_NESTING - 1);
  assert.equal(tooDeepAt('a: ' + '['.repeat(MAX_NESTING - 1) + ']'.repeat(MAX_NESTING - 1)), undefined);
});

test('brackets in quotes, comments and block scalars do not count', () => {
  const many = '['.repeat(500);
  assert.equal(tooDeepAt(`a: "${many}"\nb: '${many}'\n# ${many}\nc: x # ${many}\n`), undefined);
  assert.equal(tooDeepAt(`a: |\n  ${many}\n    ${many}\nb: 1\n`), undefined);
  assert.equal(
    tooDeepAt(`a: >-\n${Array.from({ length: 300 }, (_, i) => ' '.repeat(i + 1) + 'x').join('\n')}\n`),
    undefined,
  );
});

test('block mappings and sequences nested beyond the limit are found', () => {
  assert.notEqual(tooDeepAt(deepBlock(MAX_NESTING + 2)), undefined);
  assert.equal(tooDeepAt(deepBlock(MAX_NESTING - 5)), undefined);
  assert.notEqual(tooDeepAt('x: ' + '\n' + '- '.repeat(MAX_NESTING + 1) + 'a\n'), undefined);
});

test('10,000-deep nesting is one plain yaml-syntax finding, not "Maximum call stack size exceeded"', () => {
  for (const text of [deepFlow(10_000), deepBlock(3_000), deepFlow(1_000)]) {
    const { findings } = loadKpiFile(text);
    assert.equal(findings.length, 1, JSON.stringify(findings.map((f) => f.message)));
    assert.equal(findings[0]!.rule, 'yaml-syntax');
    assert.match(findings[0]!.message, new RegExp(`^The file nests more than ${MAX_NESTING} levels deep`));
    assert.doesNotMatch(findings[0]!.message, /call stack/);
    assert.ok(findings[0]!.range.start > 0 && findings[0]!.range.end <= text.length);
  }
});
