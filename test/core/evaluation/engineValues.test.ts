// EngineValues as the CLI hands them to the editor: through JSON text and back, a failed
// breakdown's why included, and what an older CLI wrote (no breakdownFailures) still read.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { engineValuesFromJson, engineValuesToJson, noEngineValues } from '../../../src/core/evaluation/engineValues';

test('engine values survive JSON text, breakdown failures included; an older JSON without them reads', () => {
  const found = noEngineValues();
  found.values.set('n', {
    series: [{ period: '2025-01', start: '2025-01-01', value: 3 }],
    value: 3,
    divisionByZero: false,
  });
  found.failures.set('gone', 'its engine failed: PostgreSQL says: relation "t" does not exist');
  found.breakdowns.set('n', new Map([['g', { column: 'g', groups: [] }]]));
  found.breakdownFailures.set('n', new Map([['id', 'its engine failed: DuckDB says: Conversion Error']]));
  const back = engineValuesFromJson(JSON.parse(JSON.stringify(engineValuesToJson(found))));
  assert.deepEqual(back, found);
  const older = JSON.parse(JSON.stringify(engineValuesToJson(found))) as Record<string, unknown>;
  delete older.breakdownFailures;
  const read = engineValuesFromJson(older);
  assert.equal(read.breakdownFailures.size, 0);
  assert.deepEqual(read.values, found.values);
  // Entries of the wrong shape are left out.
  const odd = engineValuesFromJson({ breakdownFailures: { n: { id: 7, g: 'why' }, m: 'no map' } });
  assert.deepEqual([...odd.breakdownFailures.get('n')!], [['g', 'why']]);
  assert.equal(odd.breakdownFailures.get('m')?.size ?? 0, 0);
});
