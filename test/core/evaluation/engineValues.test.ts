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
