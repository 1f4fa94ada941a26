// The product validates with the schema precompiled by ajv's standalone mode. These tests
// keep that file current with schemas/kpis.schema.json and show it judges files exactly as
// the schema compiled at run time would.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createAjv, validatorModuleSource } from '../../../src/core/schema/compileSchema';
import { kpiSchema } from '../../../src/core/schema/schemaJson';
import { validateKpiData } from '../../../src/core/schema/validator';
import { loadKpiFile } from '../../../src/core/yaml/loadKpiFile';

const repoRoot = path.join(__dirname, '..', '..', '..', '..');
const GENERATED = path.join(repoRoot, 'src', 'core', 'schema', 'kpiFileValidator.generated.ts');

test('kpiFileValidator.generated.ts is current with the schema (else run `npm run schema:compile`)', () => {
  assert.ok(
    fs.readFileSync(GENERATED, 'utf8') === validatorModuleSource(),
    'src/core/schema/kpiFileValidator.generated.ts is stale: run `npm run schema:compile`',
  );
});

test('the precompiled validator reports the same errors as the schema compiled at run time', () => {
  const compiled = createAjv().compile(kpiSchema);
  const files = [
    path.join(repoRoot, 'samples', 'kpis.yaml'),
    ...fs
      .readdirSync(path.join(repoRoot, 'test', 'integration', 'workspace', 'checks'))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => path.join(repoRoot, 'test', 'integration', 'workspace', 'checks', f)),
  ];
  let withErrors = 0;
  for (const file of files) {
    const data = loadKpiFile(fs.readFileSync(file, 'utf8')).data;
    if (data === undefined) continue;
    const expected = compiled(data) ? [] : (compiled.errors ?? []);
    const actual = validateKpiData(data);
    assert.deepEqual(actual, expected, path.relative(repoRoot, file));
    if (actual.length > 0) withErrors++;
  }
  assert.ok(withErrors >= 1, 'at least one file with schema errors was compared');
});

test('a date format is checked by the shared format (2026-02-30 is not a date)', () => {
  const base = {
    version: 1,
    kpis: [{ id: 'k', name: 'K', formula: 'count()', target: { value: 1, direction: 'increase' } }],
  };
  const due = (d: string): unknown => ({
    ...base,
    kpis: [{ ...base.kpis[0], target: { ...base.kpis[0]!.target, due: d } }],
  });
  assert.deepEqual(validateKpiData(due('2026-02-28')), []);
  const errors = validateKpiData(due('2026-02-30'));
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.keyword, 'format');
  assert.equal(errors[0]!.instancePath, '/kpis/0/target/due');
});
