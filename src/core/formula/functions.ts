/**
 * Every function of the formula language, with what hover and completion show. The
 * checker takes arities from here; argument types are checked in checkCall.ts (ARGUMENT_RULES,
 * keyed by FunctionName, so a function added here without its rule does not compile);
 * scalar functions are compiled in compileCall.ts, aggregates in aggregates.ts.
 */

export interface FunctionInfo<Name extends string = FunctionName> {
  name: Name;
  /** How it is called, e.g. `percentile(x, p [where P])`. */
  signature: string;
  /** One plain sentence for a KPI owner. */
  description: string;
  /** Aggregates turn many rows into one value per period; only sourced formulas may use them. */
  aggregate: boolean;
  minArgs: number;
  /** Infinity for any number. */
  maxArgs: number;
  /** Takes an optional trailing `where P`. */
  where: boolean;
}

function fn<Name extends string>(
  name: Name,
  signature: string,
  description: string,
  aggregate: boolean,
  minArgs: number,
  maxArgs: number,
  where = false,
): FunctionInfo<Name> {
  return { name, signature, description, aggregate, minArgs, maxArgs, where };
}

export const FUNCTIONS = [
  fn('count', 'count() or count(P)', 'Number of rows, or of rows where the condition P is true.', true, 0, 1),
  fn('pct', 'pct(P)', 'Percentage (0 to 100) of rows where the condition P is true.', true, 1, 1),
  fn('share', 'share(P)', 'Fraction (0 to 1) of rows where the condition P is true.', true, 1, 1),
  fn('sum', 'sum(x [where P])', 'Sum of the non-null values of x (0 when there are none).', true, 1, 1, true),
  fn('avg', 'avg(x [where P])', 'Average of the non-null values of x.', true, 1, 1, true),
  fn('min', 'min(x [where P])', 'Smallest non-null value of x.', true, 1, 1, true),
  fn('max', 'max(x [where P])', 'Largest non-null value of x.', true, 1, 1, true),
  fn('median', 'median(x [where P])', 'Middle value of x: percentile(x, 50).', true, 1, 1, true),
  fn(
    'percentile',
    'percentile(x, p [where P])',
    'The p-th percentile (p from 0 to 100) of x, interpolating between the closest values.',
    true,
    2,
    2,
    true,
  ),
  fn('count_distinct', 'count_distinct(x [where P])', 'Number of different non-null values of x.', true, 1, 1, true),
  fn('abs', 'abs(x)', 'Absolute value of x.', false, 1, 1),
  fn(
    'round',
    'round(x) or round(x, digits)',
    'x rounded to whole numbers or to the given digits, halves away from zero.',
    false,
    1,
    2,
  ),
  fn('floor', 'floor(x)', 'Largest whole number not above x.', false, 1, 1),
  fn('ceil', 'ceil(x)', 'Smallest whole number not below x.', false, 1, 1),
  fn(
    'coalesce',
    'coalesce(a, b, …)',
    'The first of its arguments that is not null (the ones after it are not computed).',
    false,
    2,
    Infinity,
  ),
  fn('if', 'if(P, a, b)', 'a when the condition P is true, else b (only that one is computed).', false, 3, 3),
  fn('days_between', 'days_between(a, b)', 'Days from date a to date b (b − a), with fractions.', false, 2, 2),
  fn(
    'hours_between',
    'hours_between(a, b)',
    'Hours from date-time a to date-time b (b − a), with fractions.',
    false,
    2,
    2,
  ),
  fn(
    'minutes_between',
    'minutes_between(a, b)',
    'Minutes from date-time a to date-time b (b − a), with fractions.',
    false,
    2,
    2,
  ),
] as const;

/** The name of every function: tables keyed by it (checkCall.ts) must cover each one. */
export type FunctionName = (typeof FUNCTIONS)[number]['name'];

const BY_NAME: ReadonlyMap<string, FunctionInfo> = new Map(FUNCTIONS.map((f): [string, FunctionInfo] => [f.name, f]));

export function functionInfo(name: string): FunctionInfo | undefined {
  return BY_NAME.get(name);
}

/** "takes 1 argument", "takes 1 or 2 arguments", "takes at least 2 arguments". */
export function arityText(f: FunctionInfo): string {
  const plural = (n: number): string => `${n} argument${n === 1 ? '' : 's'}`;
  if (f.maxArgs === Infinity) return `takes at least ${plural(f.minArgs)}`;
  if (f.minArgs === f.maxArgs) return f.minArgs === 0 ? 'takes no arguments' : `takes ${plural(f.minArgs)}`;
  if (f.maxArgs === f.minArgs + 1) return `takes ${f.minArgs} or ${plural(f.maxArgs)}`;
  return `takes ${f.minArgs} to ${plural(f.maxArgs)}`;
}
