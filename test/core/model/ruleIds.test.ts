// The one list of rule ids: the registry follows it, each rule under its own id.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { RULE_IDS } from '../../../src/core/model/ruleIds';
import { RULES, RULES_BY_ID } from '../../../src/core/checks/rules';

test('RULES has one rule per id of RULE_IDS, in that order, each filed under its own id', () => {
  assert.deepEqual(
    RULES.map((r) => r.id),
    [...RULE_IDS],
  );
  assert.equal(new Set(RULE_IDS).size, RULE_IDS.length, 'no id twice');
  for (const id of RULE_IDS) assert.equal(RULES_BY_ID.get(id)?.id, id);
});
