import { closestMatch } from '../common/suggest';
import { keyRange, mapRange, replaceFix, type Context, type Problem } from './places';
import { andList, capitalize, dataAt, idLike, NAME_PATTERNS, PATTERN_WORDS, placeName, type Segments } from './wording';

/** Problems with the keys of a map: unknown, missing, misnamed, or needing another key. */

function schemaProperties(schema: unknown): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const properties = (schema as { properties?: unknown }).properties;
  return typeof properties === 'object' && properties !== null ? Object.keys(properties) : [];
}

export function unknownKey(ctx: Context, segments: Segments, key: string, parentSchema: unknown): Problem {
  const range = keyRange(ctx, segments, key);
  if (segments[0] === 'connections' && segments.length === 2 && key === 'password') {
    // Never offer "password_env" as a fix here: the password would become a variable's name.
    return {
      message:
        `${capitalize(placeName(ctx.root, segments))} has "password": a password never goes in the KPI file. ` +
        'Put it in an environment variable and name that variable with password_env ' +
        '(the editor asks for it and keeps it in its secret storage).',
      range,
    };
  }
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
  else if (first !== 'rules' && allowed.length > 0 && allowed.length <= 8)
    message += ` Allowed keys: ${allowed.join(', ')}.`;
  return { message, range };
}

export function missingKeys(ctx: Context, segments: Segments, keys: string[]): Problem {
  const range = mapRange(ctx, segments);
  const noun = keys.length === 1 ? 'key' : 'keys';
  if (segments.length === 0) {
    const hint = keys.includes('version') ? ' Start the file with "version: 1".' : '';
    return { message: `The file is missing the required ${noun} ${andList(keys)}.${hint}`, range };
  }
  if (segments[0] === 'sources' && segments.length === 2 && keys.includes('path')) {
    return {
      message: `${capitalize(placeName(ctx.root, segments))} needs a path (a data file), or a connection with a table or a query.`,
      range,
    };
  }
  if (segments[0] === 'sources' && segments.length === 2 && keys.includes('connection')) {
    return {
      message: `${capitalize(placeName(ctx.root, segments))} reads a table or query but names no connection: add "connection:" with a name under connections:.`,
      range,
    };
  }
  return {
    message: `${capitalize(placeName(ctx.root, segments))} is missing the required ${noun} ${andList(keys)}.`,
    range,
  };
}

export function dependency(ctx: Context, segments: Segments, property: string, missing: string): Problem {
  const range = keyRange(ctx, segments, property);
  const place = capitalize(placeName(ctx.root, segments));
  if (property === 'filter' && missing === 'source') {
    return {
      message: `${place} has a filter but no source. A filter picks rows of a source: add "source:" or remove the filter.`,
      range,
    };
  }
  if (property === 'breakdown' && missing === 'source') {
    return {
      message:
        `${place} has a breakdown but no source. A breakdown splits the rows of a source by a column, ` +
        `and a KPI without a source (derived from other KPIs) has no rows: add "source:" or remove the breakdown.`,
      range,
    };
  }
  return { message: `${place} has "${property}" but no "${missing}", which it needs.`, range };
}

/** A key the schema forbids in this place because of another key (SPEC 8.8). */
export function keyNotApplicable(ctx: Context, segments: Segments, key: string): Problem {
  const range = keyRange(ctx, segments, key);
  const place = capitalize(placeName(ctx.root, segments));
  const here = dataAt(ctx.root, segments);
  const fields =
    typeof here === 'object' && here !== null && !Array.isArray(here) ? (here as Record<string, unknown>) : {};
  if (segments[0] === 'kpis' && key === 'per') {
    const unit = typeof fields['unit'] === 'string' ? `its unit is ${fields['unit']}` : 'it has no unit';
    return {
      message: `${place} has "per", but ${unit}: per is the time unit of a duration KPI. Set unit: duration, or remove per.`,
      range,
    };
  }
  if (segments[0] === 'sources' && key === 'delimiter') {
    const path = typeof fields['path'] === 'string' ? fields['path'] : '';
    const ext = path.slice(path.lastIndexOf('.'));
    const byExtension = ext.toLowerCase() === '.json' ? 'json' : 'jsonl';
    const format = typeof fields['format'] === 'string' ? fields['format'] : `${byExtension} (its path ends in ${ext})`;
    return {
      message: `${place} has "delimiter", but it is read as ${format}: a delimiter separates the fields of a csv file. Remove delimiter, or set format: csv.`,
      range,
    };
  }
  if (segments[0] === 'sources' && (key === 'table' || key === 'query')) {
    const other = key === 'query' && fields['table'] !== undefined ? 'table' : 'path';
    const reads = other === 'path' ? 'a data file (path), or a table or query of a connection' : 'a table or a query';
    return {
      message: `${place} has both "${other}" and "${key}": a source reads ${reads}, not both. Remove one.`,
      range,
    };
  }
  if (segments[0] === 'connections') {
    const type = typeof fields['type'] === 'string' ? fields['type'] : '';
    const why =
      type === 'duckdb'
        ? 'a duckdb connection is a database file (path) or none'
        : `"${key}" is for duckdb connections`;
    return { message: `${place} is ${type}, so "${key}" does not apply: ${why}. Remove ${key}.`, range };
  }
  return { message: `${place} may not have "${key}" here.`, range };
}

export function badKeyName(ctx: Context, segments: Segments, name: string, params: Record<string, unknown>): Problem {
  const range = keyRange(ctx, segments, name);
  const subject =
    segments.length === 1 && segments[0] === 'sources'
      ? 'Source name'
      : segments.length === 1 && segments[0] === 'connections'
        ? 'Connection name'
        : `Key in ${placeName(ctx.root, segments)}`;
  const pattern = String(params['pattern'] ?? '');
  const words = PATTERN_WORDS[pattern];
  if (words === undefined) return { message: `${subject} "${name}" is not allowed.`, range };
  const example = NAME_PATTERNS.has(pattern) ? idLike(name) : undefined;
  return { message: `${subject} "${name}" must be ${words}${example ? ` (for example "${example}")` : ''}.`, range };
}
