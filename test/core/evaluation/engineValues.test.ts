// Engine values as they travel from the kpi-lens command line to the editor: JSON both
// ways, and what another process may send that is not of their shape.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { engineValuesFromJson, engineValuesToJson, noEngineValues } from '../../../src/core/evaluation/engineValues';

test('values, failures and breakdowns read back as written, through JSON text', () => {
  const found = noEngineValues();
  found.values.set('csat', {
    value: 4.5,
    divisionByZero: false,
    series: [
      { period: '2026-01', start: '2026-01-01', value: null },
      { period: '2026-02', start: '2026-02-01', value: 4.5 },
    ],
  });
  found.values.set('total', { value: 0, divisionByZero: true, series: undefined });
  found.failures.set('aht', 'its engine failed: relation "calls" does not exist');
  found.breakdowns.set(
    'csat',
    new Map([
      [
        'channel',
        {
          column: 'channel',
          groups: [
            { group: 'chat', kind: 'value', rows: 3, value: { value: 5, divisionByZero: false, series: undefined } },
            {
              group: '(null)',
              kind: 'null',
              rows: 1,
              value: { value: null, divisionByZero: false, series: undefined },
            },
          ],
        },
      ],
    ]),
  );
  const back = engineValuesFromJson(JSON.parse(JSON.stringify(engineValuesToJson(found))));
  assert.deepEqual(back.values.get('csat'), found.values.get('csat'));
  assert.deepEqual(back.values.get('total'), found.values.get('total'));
  assert.deepEqual(back.failures, found.failures);
  assert.deepEqual(back.breakdowns.get('csat')?.get('channel'), found.breakdowns.get('csat')?.get('channel'));
});

test('entries of the wrong shape are left out, the rest kept; not an object gives nothing', () => {
  const back = engineValuesFromJson({
    values: {
      ok: { value: 1, divisionByZero: false },
      text: { value: '1', divisionByZero: false },
      series: { value: 1, divisionByZero: false, series: [{ period: '2026-01', value: 1 }] },
    },
    failures: { a: 'why', b: 3 },
    breakdowns: {
      ok: {
        channel: {
          column: 'channel',
          groups: [{ group: 'x', kind: 'odd', rows: 1, value: { value: 1, divisionByZero: false } }],
        },
      },
    },
  });
  assert.deepEqual([...back.values.keys()], ['ok']);
  assert.deepEqual([...back.failures], [['a', 'why']]);
  assert.equal(back.breakdowns.get('ok')?.size, 0);
  assert.equal(engineValuesFromJson('nonsense').values.size, 0);
  assert.equal(engineValuesFromJson(null).failures.size, 0);
});

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
