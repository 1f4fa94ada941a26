import type { ErrorObject } from 'ajv';
import type { Fix } from '../model/finding';
import type { SourceRange } from '../model/range';
import { closestMatch } from '../common/suggest';
import type { NodeStep } from './nodes';
import { editableScalar, replaceFix, valueRange, type Context, type Problem } from './places';
import { kpiSchema } from './validator';
import {
  capitalize,
  dataAt,
  describeValue,
  idLike,
  NAME_PATTERNS,
  orList,
  placeName,
  PATTERN_WORDS,
  typeWords,
  valueName,
  type Segments,
} from './wording';

/** Problems with a value: wrong type, not one of the allowed values, wrong shape or size. */

const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** `unit` and `target value` are keys as written; other names start a sentence. */
function subject(ctx: Context, segments: Segments): string {
  const name = valueName(ctx.root, segments);
  const last = segments[segments.length - 1];
  const parent = segments[segments.length - 2];
  return name === last || name === `${parent} ${last}` ? name : capitalize(name);
}

export function badValue(
  ctx: Context,
  segments: Segments,
  error: ErrorObject,
  params: Record<string, unknown>,
): Problem {
  const { range, step } = valueRange(ctx, segments);
  const data = dataAt(ctx.root, segments);
  const label = subject(ctx, segments);
  const got = describeValue(data);
  switch (error.keyword) {
    case 'type':
      return wrongType(ctx, segments, { range, step }, params['type'], data);
    case 'enum':
      return notAllowed(ctx, segments, { range, step }, params['allowedValues'], data);
    case 'const': {
      const hint = numberHint(range, step, params['allowedValue'], data);
      return {
        message: `${label} must be ${JSON.stringify(params['allowedValue'])}; got ${got}.${hint.text}`,
        range,
        ...hint.fix,
      };
    }
    case 'pattern':
      return patternMismatch(ctx, segments, { range, step }, String(params['pattern']), data);
    case 'format':
      if (params['format'] === 'date')
        return { message: `${label} must be a real calendar date; there is no ${String(data)}.`, range };
      return { message: `${label} must be in the ${String(params['format'])} format; got ${got}.`, range };
    case 'minLength':
    case 'maxLength':
      return wrongLength(label, range, error.parentSchema, Number(params['limit']), error.keyword, got);
    case 'minimum':
      return { message: `${label} must be at least ${String(params['limit'])}; got ${got}.`, range };
    case 'maximum':
      return { message: `${label} must be at most ${String(params['limit'])}; got ${got}.`, range };
    case 'minItems':
    case 'maxItems': {
      const count = Array.isArray(data) ? data.length : 0;
      if (segments[0] === 'rules' && segments.length === 2) {
        return {
          message: `${label} must be a severity, or a list of two: [severity, { options }]; got a list of ${count}.`,
          range,
        };
      }
      const bound = error.keyword === 'minItems' ? 'at least' : 'at most';
      return { message: `${label} must have ${bound} ${String(params['limit'])} entries; got ${count}.`, range };
    }
    case 'uniqueItems': {
      // ajv names both entries (i, j): underline the later one.
      const list = Array.isArray(data) ? (data as unknown[]) : [];
      const later = Math.max(Number(params['i']), Number(params['j']));
      const at =
        Number.isInteger(later) && later < list.length ? valueRange(ctx, [...segments, String(later)]).range : range;
      const owner =
        segments.length > 1 ? `${capitalize(placeName(ctx.root, segments.slice(0, -1)))} lists` : `${label} lists`;
      const what = segments[segments.length - 1] === 'breakdown' ? 'the breakdown column ' : '';
      return { message: `${owner} ${what}${describeValue(list[later])} twice; name each only once.`, range: at };
    }
    default:
      return { message: `${label} ${error.message ?? 'is not valid'}.`, range };
  }
}

interface ValuePlace {
  range: SourceRange;
  step?: NodeStep;
}

function wrongType(ctx: Context, segments: Segments, place: ValuePlace, type: unknown, data: unknown): Problem {
  const { range, step } = place;
  if (segments.length === 0) {
    if (data === null) return { message: 'The file is empty. A KPI file starts with "version: 1".', range };
    return {
      message: `The file must be a map of keys such as version, goals, sources and kpis; got ${describeValue(data)}.`,
      range,
    };
  }
  const label = subject(ctx, segments);
  const expected = typeWords(type);
  if (data === null) return { message: `${label} is empty; it must be ${expected}.`, range };
  let message = `${label} must be ${expected}; got ${describeValue(data)}.`;
  if (type === 'string' && (typeof data === 'number' || typeof data === 'boolean') && editableScalar(step)) {
    const written = ctx.text.slice(range.start, range.end);
    return {
      message: `${message} Put it in quotes to make it text.`,
      range,
      fix: replaceFix(`Quote ${written}`, range, JSON.stringify(written)),
    };
  }
  if (type === 'array' && (typeof data === 'string' || typeof data === 'number') && editableScalar(step)) {
    const written = ctx.text.slice(range.start, range.end);
    return {
      message: `${message} Write a list, even of one: [${written}].`,
      range,
      fix: replaceFix(`Make ${written} a list`, range, `[${written}]`),
    };
  }
  const hint = numberHint(range, step, type === 'integer' || type === 'number' ? 0 : undefined, data);
  message += hint.text;
  return { message, range, ...hint.fix };
}

/** A number written in quotes, where a number is wanted: say so, and offer to unquote it. */
function numberHint(
  range: SourceRange,
  step: NodeStep | undefined,
  wanted: unknown,
  data: unknown,
): { text: string; fix?: { fix: Fix } } {
  if (typeof wanted !== 'number' || typeof data !== 'string' || !NUMBER_TEXT.test(data.trim())) return { text: '' };
  if (!editableScalar(step)) return { text: ' Write it without quotes.' };
  return {
    text: ' Write it without quotes.',
    fix: { fix: replaceFix(`Remove the quotes from ${data.trim()}`, range, data.trim()) },
  };
}

function notAllowed(
  ctx: Context,
  segments: Segments,
  place: ValuePlace,
  allowedValues: unknown,
  data: unknown,
): Problem {
  const { range, step } = place;
  const allowed = Array.isArray(allowedValues) ? allowedValues.map((v) => String(v)) : [];
  const isRuleSeverity =
    segments[0] === 'rules' && (segments.length === 2 || (segments.length === 3 && segments[2] === '0'));
  if (isRuleSeverity && allowed.length === 1 && allowed[0] === 'error') {
    const what = typeof data === 'string' ? `it cannot be set to ${describeValue(data)}` : 'it takes no options';
    return { message: `Rule "${segments[1]}" always stays an error; ${what}. Remove it from rules.`, range };
  }
  const label = isRuleSeverity ? `The severity of rule "${segments[1]}"` : subject(ctx, segments);
  const message = `${label} must be one of ${allowed.join(', ')}; got ${describeValue(data)}.`;
  const suggestion = typeof data === 'string' ? closestMatch(data, allowed) : undefined;
  if (suggestion === undefined) return { message, range };
  const problem: Problem = { message: `${message} Did you mean "${suggestion}"?`, range };
  if (editableScalar(step)) problem.fix = replaceFix(`Change "${String(data)}" to "${suggestion}"`, range, suggestion);
  return problem;
}

function patternMismatch(ctx: Context, segments: Segments, place: ValuePlace, pattern: string, data: unknown): Problem {
  const { range, step } = place;
  const label = subject(ctx, segments);
  const words = PATTERN_WORDS[pattern];
  const text = String(data);
  if (words === undefined)
    return { message: `${label} must match the pattern ${pattern}; got ${describeValue(data)}.`, range };
  if (NAME_PATTERNS.has(pattern)) {
    const example = idLike(text);
    return {
      message: `${label} ${JSON.stringify(text)} must be ${words}${example ? ` (for example "${example}")` : ''}.`,
      range,
    };
  }
  const problem: Problem = { message: `${label} must be ${words}; got ${describeValue(data)}.`, range };
  const upper = text.toUpperCase();
  if (upper !== text && new RegExp(pattern).test(upper) && editableScalar(step)) {
    problem.fix = replaceFix(`Change "${text}" to "${upper}"`, range, upper);
  }
  return problem;
}

function wrongLength(
  label: string,
  range: SourceRange,
  parentSchema: unknown,
  limit: number,
  keyword: string,
  got: string,
): Problem {
  const schema = (typeof parentSchema === 'object' && parentSchema !== null ? parentSchema : {}) as {
    minLength?: unknown;
    maxLength?: unknown;
    examples?: unknown;
  };
  if (schema.minLength === 1 && schema.maxLength === 1) {
    const examples = Array.isArray(schema.examples) ? schema.examples.slice(0, 2).map((e) => JSON.stringify(e)) : [];
    const such = examples.length > 0 ? `, such as ${orList(examples)}` : '';
    return { message: `${label} must be a single character${such}; got ${got}.`, range };
  }
  if (keyword === 'minLength' && limit === 1) return { message: `${label} must not be empty.`, range };
  const bound = keyword === 'minLength' ? 'at least' : 'at most';
  return { message: `${label} must be ${bound} ${limit} characters long; got ${got}.`, range };
}

/** One message for a value that fits none of a `oneOf`/`anyOf`'s alternatives. */
export function alternatives(ctx: Context, segments: Segments, branches: unknown): Problem {
  const { range } = valueRange(ctx, segments);
  const words = (Array.isArray(branches) ? branches : []).map(branchWords);
  const label = subject(ctx, segments);
  return { message: `${label} must be ${orList(words)}; got ${describeValue(dataAt(ctx.root, segments))}.`, range };
}

function branchWords(branch: unknown): string {
  const schema = resolveRef(branch);
  if (Array.isArray(schema['enum'])) return `one of ${schema['enum'].map((v) => String(v)).join(', ')}`;
  if ('const' in schema) return JSON.stringify(schema['const']);
  if (schema['type'] !== undefined) return typeWords(schema['type']);
  return 'another form';
}

/** A local `#/definitions/…` reference of the KPI schema, followed. */
function resolveRef(schema: unknown): Record<string, unknown> {
  if (typeof schema !== 'object' || schema === null) return {};
  const record = schema as Record<string, unknown>;
  const ref = record['$ref'];
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return record;
  const target = dataAt(kpiSchema, ref.slice(2).split('/'));
  return typeof target === 'object' && target !== null ? (target as Record<string, unknown>) : record;
}
