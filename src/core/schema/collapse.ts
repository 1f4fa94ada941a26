import type { ErrorObject } from 'ajv';

/** Keywords whose error only repeats the errors of their sub-schemas. */
const ECHOES = new Set(['if', 'propertyNames']);

/** Keywords that offer alternatives: one message for the value, never one per branch. */
const ALTERNATIVES = new Set(['oneOf', 'anyOf']);

/** Keywords about a value (rather than about the keys of a map). */
const VALUE_KEYWORDS = new Set([
  'type',
  'enum',
  'const',
  'pattern',
  'format',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
]);

function isAtOrBelow(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}/`);
}

function depth(path: string): number {
  return path === '' ? 0 : path.split('/').length;
}

function isValueError(e: ErrorObject): boolean {
  return VALUE_KEYWORDS.has(e.keyword) && e.propertyName === undefined;
}

/**
 * Turns ajv's raw error list into one error per problem: drops errors that only echo
 * others (`if`, `propertyNames`), lets each `oneOf`/`anyOf` error stand for everything
 * its branches reported at or below its place, and keeps the most telling error of
 * those about one value (a wrong type before anything else; a wrong shape before a
 * date that does not exist).
 */
export function collapseErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  let list = errors.filter((e) => !ECHOES.has(e.keyword));

  const alternatives = list
    .filter((e) => ALTERNATIVES.has(e.keyword))
    .sort((a, b) => depth(a.instancePath) - depth(b.instancePath));
  const swallowed = new Set<ErrorObject>();
  for (const alt of alternatives) {
    if (swallowed.has(alt)) continue;
    for (const e of list) {
      if (e !== alt && isAtOrBelow(e.instancePath, alt.instancePath)) swallowed.add(e);
    }
  }
  list = list.filter((e) => !swallowed.has(e));

  const keywordsAt = new Map<string, Set<string>>();
  for (const e of list) {
    if (!isValueError(e)) continue;
    const set = keywordsAt.get(e.instancePath) ?? new Set<string>();
    set.add(e.keyword);
    keywordsAt.set(e.instancePath, set);
  }
  const seen = new Set<string>();
  return list.filter((e) => {
    if (!isValueError(e)) return true;
    const here = keywordsAt.get(e.instancePath)!;
    if (here.has('type') && e.keyword !== 'type') return false;
    if (here.has('pattern') && e.keyword === 'format') return false;
    const key = `${e.instancePath}\u0000${e.keyword}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
