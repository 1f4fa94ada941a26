import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { RULE_IDS } from '../../../src/core/model/ruleIds';
import Ajv from 'ajv';
import { createAjv } from '../../../src/core/schema/compileSchema';
import { kpiSchema } from '../../../src/core/schema/schemaJson';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every sub-schema with its JSON pointer, root first. */
function subschemas(schema: Json, pointer = ''): Array<[string, Json]> {
  const out: Array<[string, Json]> = [[pointer, schema]];
  const visit = (value: unknown, at: string): void => {
    if (isObject(value)) out.push(...subschemas(value, at));
  };
  for (const key of ['properties', 'definitions']) {
    const map = schema[key];
    if (isObject(map)) for (const [name, sub] of Object.entries(map)) visit(sub, `${pointer}/${key}/${name}`);
  }
  for (const key of ['additionalProperties', 'propertyNames', 'if', 'then', 'else', 'not'])
    visit(schema[key], `${pointer}/${key}`);
  const items = schema['items'];
  if (Array.isArray(items)) items.forEach((sub, i) => visit(sub, `${pointer}/items/${i}`));
  else visit(items, `${pointer}/items`);
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const list = schema[key];
    if (Array.isArray(list)) list.forEach((sub, i) => visit(sub, `${pointer}/${key}/${i}`));
  }
  return out;
}

/** Every entry of a `properties` map, with its pointer and name. */
function properties(): Array<{ pointer: string; name: string; schema: Json }> {
  return subschemas(kpiSchema as Json).flatMap(([pointer, schema]) => {
    const map = schema['properties'];
    if (!isObject(map)) return [];
    return Object.entries(map).map(([name, sub]) => ({
      pointer: `${pointer}/properties/${name}`,
      name,
      schema: sub as Json,
    }));
  });
}

function definition(ref: unknown): Json | undefined {
  if (typeof ref !== 'string' || !ref.startsWith('#/definitions/')) return undefined;
  const defs = (kpiSchema as Json)['definitions'] as Json;
  return defs[ref.slice('#/definitions/'.length)] as Json | undefined;
}

test('the schema is draft-07 and valid against the draft-07 meta-schema', () => {
  assert.equal(kpiSchema['$schema'], 'http://json-schema.org/draft-07/schema#');
  const plain = new Ajv({ strict: false });
  assert.equal(plain.validateSchema(kpiSchema), true, JSON.stringify(plain.errors));
  // As an editor would use it: a plain draft-07 validator compiles it.
  assert.equal(typeof plain.compile(kpiSchema), 'function');
});

test('the schema compiles under strict mode with the editor keywords registered', () => {
  assert.equal(typeof createAjv().compile(kpiSchema), 'function');
});

test("every property has a description and examples (its own or its definition's)", () => {
  const props = properties();
  assert.ok(props.length > 60, `only ${props.length} properties found`);
  for (const { pointer, schema } of props) {
    // if/then only restate a property defined above (per without duration, delimiter on json).
    if (/\/(if|then)\//.test(pointer)) continue;
    assert.equal(typeof schema['description'], 'string', `${pointer} has no description`);
    assert.ok((schema['description'] as string).length > 10, `${pointer}: description too short`);
    const examples = schema['examples'] ?? definition(schema['$ref'])?.['examples'];
    assert.ok(Array.isArray(examples) && examples.length > 0, `${pointer} has no examples`);
  }
});

test('every example validates against its own property', () => {
  const ajv = createAjv();
  ajv.addSchema(kpiSchema);
  const id = String(kpiSchema['$id']);
  let checked = 0;
  for (const [pointer, schema] of subschemas(kpiSchema as Json)) {
    const examples = schema['examples'];
    if (!Array.isArray(examples)) continue;
    const validate = ajv.getSchema(`${id}#${pointer}`);
    assert.ok(validate, `cannot compile ${pointer}`);
    for (const example of examples) {
      assert.equal(validate(example), true, `${pointer}: example ${JSON.stringify(example)} is invalid`);
      checked++;
    }
  }
  assert.ok(checked > 80, `only ${checked} examples checked`);
});

test('every map allows only its own keys, except meta', () => {
  for (const [pointer, schema] of subschemas(kpiSchema as Json)) {
    if (schema['type'] !== 'object') continue;
    if (pointer.endsWith('/properties/meta')) {
      assert.equal(schema['additionalProperties'], undefined);
      continue;
    }
    assert.notEqual(schema['additionalProperties'], undefined, `${pointer} allows any key`);
    assert.notEqual(schema['additionalProperties'], true, `${pointer} allows any key`);
  }
});

test('the rules map names exactly the rule ids of RULE_IDS, in that order', () => {
  const rules = definition('#/definitions/rules')!;
  // In the order of the one list of rule ids, so that editors offer them as SPEC 4 lists them.
  assert.deepEqual(Object.keys(rules['properties'] as Json), [...RULE_IDS]);
  assert.equal(rules['additionalProperties'], false);
  const fixed = Object.entries(rules['properties'] as Json)
    .filter(([, s]) => (s as Json)['$ref'] === '#/definitions/fixedSeverity')
    .map(([name]) => name);
  assert.deepEqual(fixed.sort(), ['schema', 'source-outside-workspace', 'yaml-syntax']);
});

test("KPI, goal, source and target keys are those of SPEC section 1 (and issue 13's breakdown, issue 14's connections)", () => {
  const keys = (name: string): string[] => Object.keys(definition(`#/definitions/${name}`)!['properties'] as Json);
  assert.deepEqual(Object.keys((kpiSchema as Json)['properties'] as Json), [
    'version',
    'goals',
    'sources',
    'connections',
    'kpis',
    'rules',
  ]);
  assert.deepEqual(keys('goal'), ['id', 'title', 'owner', 'parent', 'description']);
  assert.deepEqual(keys('source'), ['path', 'format', 'time', 'delimiter', 'columns', 'connection', 'table', 'query']);
  assert.deepEqual(keys('connection'), ['type', 'path', 'host', 'port', 'database', 'user', 'sslmode', 'password_env']);
  assert.deepEqual(keys('kpi'), [
    'id',
    'name',
    'description',
    'unit',
    'per',
    'currency',
    'indicator',
    'owner',
    'goals',
    'guardrails',
    'source',
    'filter',
    'formula',
    'grain',
    // Issue 13: breakdowns by dimension (README "Breakdowns"), beyond SPEC section 1.
    'breakdown',
    'target',
    'tags',
    'meta',
  ]);
  assert.deepEqual(keys('target'), ['value', 'direction', 'due', 'baseline', 'warning', 'benchmark']);
  assert.deepEqual(keys('baseline'), ['value', 'as_of']);
  assert.deepEqual(keys('benchmark'), ['value', 'source']);
});
