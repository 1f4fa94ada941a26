import type { ErrorObject } from 'ajv';
import { isMap, isScalar, type Document } from 'yaml';
import type { Fix, RawFinding } from '../finding';
import type { SourceRange } from '../range';
import type { LoadedFile } from '../yaml/load';
import { closestMatch } from './closest';
import { collapseErrors } from './collapse';
import {
  fileStart,
  locate,
  mapAnchor,
  nodeRange,
  pairOf,
  pointerSegments,
  resolveAlias,
  stepValueRange,
  type NodeStep,
} from './nodes';
import { kpiSchema, validateKpiData } from './validator';
import {
  andList,
  capitalize,
  dataAt,
  describeValue,
  idLike,
  kpiIdAt,
  NAME_PATTERNS,
  orList,
  PATTERN_WORDS,
  placeName,
  typeWords,
  valueName,
  type Segments,
} from './wording';

/** What every translation needs: the text, its syntax tree and its data. */
interface Context {
  text: string;
  doc: Document.Parsed;
  root: unknown;
}

/** A finding before its rule id and KPI are filled in. */
interface Problem {
  message: string;
  range: SourceRange;
  fix?: Fix;
}

const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Validates a loaded KPI file against `schemas/kpis.schema.json` and says what is wrong
 * in plain words, at the key or value concerned. A file whose YAML did not parse has no
 * data to validate: its yaml-syntax findings say what to fix first.
 */
export function schemaFindings(loaded: LoadedFile): RawFinding[] {
  if (loaded.data === undefined) return [];
  const ctx: Context = { text: loaded.model.text, doc: loaded.doc, root: loaded.data };
  const errors = collapseErrors(validateKpiData(loaded.data));
  const findings: RawFinding[] = [];
  const missing = new Map<string, string[]>();
  for (const error of errors) {
    const segments = pointerSegments(error.instancePath);
    const params: Record<string, unknown> = error.params;
    if (error.keyword === 'required') {
      const keys = missing.get(error.instancePath) ?? [];
      keys.push(String(params['missingProperty']));
      missing.set(error.instancePath, keys);
      continue;
    }
    findings.push(toFinding(ctx, segments, translate(ctx, segments, error, params)));
  }
  for (const [pointer, keys] of missing) {
    const segments = pointerSegments(pointer);
    findings.push(toFinding(ctx, segments, missingKeys(ctx, segments, keys)));
  }
  return unique(findings).sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
}

function toFinding(ctx: Context, segments: Segments, problem: Problem): RawFinding {
  const finding: RawFinding = { rule: 'schema', message: problem.message, range: problem.range };
  const kpi = kpiIdAt(ctx.root, segments);
  if (kpi !== undefined) finding.kpi = kpi;
  if (problem.fix) finding.fixes = [problem.fix];
  return finding;
}

/** An anchored map used in several places fails once per use; report it once. */
function unique(findings: RawFinding[]): RawFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.range.start}:${f.range.end}:${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function translate(ctx: Context, segments: Segments, error: ErrorObject, params: Record<string, unknown>): Problem {
  switch (error.keyword) {
    case 'additionalProperties':
      return unknownKey(ctx, segments, String(params['additionalProperty']), error.parentSchema);
    case 'dependencies':
      return dependency(ctx, segments, String(params['property']), String(params['missingProperty']));
    case 'oneOf':
    case 'anyOf':
      return alternatives(ctx, segments, error.schema);
    default:
      if (error.propertyName !== undefined) return badKeyName(ctx, segments, error.propertyName, params);
      return badValue(ctx, segments, error, params);
  }
}

// ---------------------------------------------------------------------------------
// Places

function fullyFound(steps: NodeStep[], segments: Segments): boolean {
  return steps.length === segments.length + 1;
}

/** Where the deepest part of a path that exists is, when the rest does not. */
function nearest(ctx: Context, steps: NodeStep[]): SourceRange {
  if (steps.length <= 1) return fileStart(ctx.text);
  return stepValueRange(ctx.text, steps[steps.length - 1]!, false);
}

function valueRange(ctx: Context, segments: Segments): { range: SourceRange; step?: NodeStep } {
  const steps = locate(ctx.doc, segments);
  if (!fullyFound(steps, segments)) return { range: nearest(ctx, steps) };
  const step = steps[steps.length - 1]!;
  return { range: stepValueRange(ctx.text, step, segments.length === 0), step };
}

function keyRange(ctx: Context, segments: Segments, key: string): SourceRange {
  const path = [...segments, key];
  const steps = locate(ctx.doc, path);
  if (!fullyFound(steps, path)) return nearest(ctx, steps);
  const step = steps[steps.length - 1]!;
  return nodeRange(step.key) ?? stepValueRange(ctx.text, step, false);
}

/** A map missing a key: at its `id` value where it has one, else at its key (or first key). */
function mapRange(ctx: Context, segments: Segments): SourceRange {
  const steps = locate(ctx.doc, segments);
  if (!fullyFound(steps, segments)) return nearest(ctx, steps);
  const step = steps[steps.length - 1]!;
  const map = resolveAlias(ctx.doc, step.value);
  if (segments.length > 0 && isMap(map)) {
    const id = pairOf(map, 'id');
    if (id) {
      const range = nodeRange(id.value as NodeStep['value']) ?? nodeRange(id.key as NodeStep['value']);
      if (range) return range;
    }
  }
  return mapAnchor(ctx.doc, ctx.text, step);
}

function replaceFix(title: string, range: SourceRange, newText: string): Fix {
  return { title, edits: [{ range, newText }], preferred: true };
}

/** A fix may rewrite a value only where it is written as a plain scalar (not through an alias). */
function editableScalar(step: NodeStep | undefined): boolean {
  return step !== undefined && isScalar(step.value);
}

// ---------------------------------------------------------------------------------
// Keys

function schemaProperties(schema: unknown): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const properties = (schema as { properties?: unknown }).properties;
  return typeof properties === 'object' && properties !== null ? Object.keys(properties) : [];
}

function unknownKey(ctx: Context, segments: Segments, key: string, parentSchema: unknown): Problem {
  const range = keyRange(ctx, segments, key);
  const allowed = schemaProperties(parentSchema);
  const here = dataAt(ctx.root, segments);
  const present = typeof here === 'object' && here !== null ? Object.keys(here) : [];
  const suggestion = closestMatch(
    key,
    allowed.filter((k) => !present.includes(k)),
  );
  const [first, second] = segments;
  let message: string;
  if (segments.length === 0) message = `Unknown key "${key}" at the top level of the file.`;
  else if (first === 'rules' && segments.length === 1) message = `Unknown rule "${key}".`;
  else if (first === 'rules' && allowed.length === 0) message = `Rule "${second}" has no options; remove "${key}".`;
  else if (first === 'rules') message = `Unknown option "${key}" for rule "${second}".`;
  else message = `Unknown key "${key}" in ${placeName(ctx.root, segments)}.`;
  if (suggestion !== undefined) {
    return {
      message: `${message} Did you mean "${suggestion}"?`,
      range,
      fix: replaceFix(`Change "${key}" to "${suggestion}"`, range, suggestion),
    };
  }
  if (first === 'kpis' && segments.length === 2) message += ' Keep fields of your own under "meta".';
  else if (first !== 'rules' && allowed.length > 0 && allowed.length <= 8) message += ` Allowed keys: ${allowed.join(', ')}.`;
  return { message, range };
}

function missingKeys(ctx: Context, segments: Segments, keys: string[]): Problem {
  const range = mapRange(ctx, segments);
  const noun = keys.length === 1 ? 'key' : 'keys';
  if (segments.length === 0) {
    const hint = keys.includes('version') ? ' Start the file with "version: 1".' : '';
    return { message: `The file is missing the required ${noun} ${andList(keys)}.${hint}`, range };
  }
  return { message: `${capitalize(placeName(ctx.root, segments))} is missing the required ${noun} ${andList(keys)}.`, range };
}

function dependency(ctx: Context, segments: Segments, property: string, missing: string): Problem {
  const range = keyRange(ctx, segments, property);
  const place = capitalize(placeName(ctx.root, segments));
  if (property === 'filter' && missing === 'source') {
    return {
      message: `${place} has a filter but no source. A filter picks rows of a source: add "source:" or remove the filter.`,
      range,
    };
  }
  return { message: `${place} has "${property}" but no "${missing}", which it needs.`, range };
}

function badKeyName(ctx: Context, segments: Segments, name: string, params: Record<string, unknown>): Problem {
  const range = keyRange(ctx, segments, name);
  const subject = segments.length === 1 && segments[0] === 'sources' ? 'Source name' : `Key in ${placeName(ctx.root, segments)}`;
  const pattern = String(params['pattern'] ?? '');
  const words = PATTERN_WORDS[pattern];
  if (words === undefined) return { message: `${subject} "${name}" is not allowed.`, range };
  const example = NAME_PATTERNS.has(pattern) ? idLike(name) : undefined;
  return { message: `${subject} "${name}" must be ${words}${example ? ` (for example "${example}")` : ''}.`, range };
}

// ---------------------------------------------------------------------------------
// Values

/** `unit` and `target value` are keys as written; other names start a sentence. */
function subject(ctx: Context, segments: Segments): string {
  const name = valueName(ctx.root, segments);
  const last = segments[segments.length - 1];
  const parent = segments[segments.length - 2];
  return name === last || name === `${parent} ${last}` ? name : capitalize(name);
}

function badValue(ctx: Context, segments: Segments, error: ErrorObject, params: Record<string, unknown>): Problem {
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
      return { message: `${label} must be ${JSON.stringify(params['allowedValue'])}; got ${got}.${hint.text}`, range, ...hint.fix };
    }
    case 'pattern':
      return patternMismatch(ctx, segments, { range, step }, String(params['pattern']), data);
    case 'format':
      if (params['format'] === 'date') return { message: `${label} must be a real calendar date; there is no ${String(data)}.`, range };
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
  return { text: ' Write it without quotes.', fix: { fix: replaceFix(`Remove the quotes from ${data.trim()}`, range, data.trim()) } };
}

function notAllowed(ctx: Context, segments: Segments, place: ValuePlace, allowedValues: unknown, data: unknown): Problem {
  const { range, step } = place;
  const allowed = Array.isArray(allowedValues) ? allowedValues.map((v) => String(v)) : [];
  const isRuleSeverity = segments[0] === 'rules' && (segments.length === 2 || (segments.length === 3 && segments[2] === '0'));
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
  if (words === undefined) return { message: `${label} must match the pattern ${pattern}; got ${describeValue(data)}.`, range };
  if (NAME_PATTERNS.has(pattern)) {
    const example = idLike(text);
    return { message: `${label} ${JSON.stringify(text)} must be ${words}${example ? ` (for example "${example}")` : ''}.`, range };
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
function alternatives(ctx: Context, segments: Segments, branches: unknown): Problem {
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
