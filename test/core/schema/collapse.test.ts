import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ErrorObject } from 'ajv';
import { collapseErrors } from '../../../src/core/schema/collapse';
import { createAjv } from '../../../src/core/schema/compileSchema';

function errorsOf(schema: object, data: unknown): ErrorObject[] {
  const validate = createAjv().compile(schema);
  validate(data);
  return validate.errors ?? [];
}

test('a oneOf error stands for every error its branches reported at or below it', () => {
  const schema = {
    type: 'object',
    properties: {
      setting: {
        oneOf: [{ enum: ['off', 'on'] }, { type: 'array', items: [{ enum: ['off', 'on'] }], minItems: 1, maxItems: 1 }],
      },
      other: { type: 'string' },
    },
  };
  const raw = errorsOf(schema, { setting: ['loud'], other: 1 });
  assert.ok(raw.length >= 3);
  const collapsed = collapseErrors(raw);
  assert.deepEqual(
    collapsed.map((e) => [e.instancePath, e.keyword]),
    [
      ['/setting', 'oneOf'],
      ['/other', 'type'],
    ],
  );
});

test('if and propertyNames errors are dropped; their sub-schema errors stay', () => {
  const schema = {
    type: 'object',
    propertyNames: { pattern: '^[a-z]+$' },
    properties: { r: { if: { type: 'array' }, then: { type: 'array', minItems: 2 }, else: { enum: ['x'] } } },
  };
  const collapsed = collapseErrors(errorsOf(schema, { Bad: 1, r: 'y' }));
  assert.deepEqual(
    collapsed.map((e) => [e.instancePath, e.keyword, e.propertyName]),
    [
      ['', 'pattern', 'Bad'],
      ['/r', 'enum', undefined],
    ],
  );
});

test('about one value: a wrong type hides the rest; a wrong shape hides a wrong date', () => {
  const schema = {
    type: 'object',
    properties: {
      a: { type: 'string', enum: ['x', 'y'] },
      d: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', format: 'date' },
    },
  };
  assert.deepEqual(
    collapseErrors(errorsOf(schema, { a: 5, d: '30/06/2026' })).map((e) => [e.instancePath, e.keyword]),
    [
      ['/a', 'type'],
      ['/d', 'pattern'],
    ],
  );
  assert.deepEqual(
    collapseErrors(errorsOf(schema, { a: 'x', d: '2026-02-30' })).map((e) => [e.instancePath, e.keyword]),
    [['/d', 'format']],
  );
});
