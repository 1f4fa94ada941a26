/** Checks a function call: the name, where it may be used, its arity and its argument types. */
import type { ValueType } from './api';
import type { Call, Expr } from './ast';
import { children, walk } from './ast';
import type { CheckerHost, Scope } from './checker';
import { compile, type CompileEnv } from './compile';
import { numberConst, UncheckedFormulaError } from './compiled';
import { snippet } from './describe';
import { arityText, FUNCTIONS, functionInfo, type FunctionInfo, type FunctionName } from './functions';
import { closestMatch } from '../common/suggest';

type ArgRule = (host: CheckerHost, call: Call, types: (ValueType | undefined)[]) => ValueType | undefined;

export function checkCall(host: CheckerHost, call: Call, scope: Scope): ValueType | undefined {
  const info = functionInfo(call.name);
  if (!info) {
    reportUnknown(host, call);
    for (const child of children(call)) host.check(child, { ...scope, unknownCall: true });
    return undefined;
  }
  host.noteCall(call, info.aggregate);
  if (info.aggregate) {
    if (host.role === 'derived') {
      host.report(
        'aggregate-in-derived',
        call.start,
        call.end,
        `${call.name}() reads the rows of a source, but this KPI has no source: its formula combines other KPIs by id. Give the KPI a source, or refer to a KPI that computes this.`,
      );
      return 'number';
    }
    if (host.role === 'filter') {
      host.report(
        'type-mismatch',
        call.start,
        call.end,
        `A filter keeps or drops one row at a time, so it cannot use ${call.name}(), which combines many rows. Use a where inside the formula's aggregate instead, or compare columns directly.`,
      );
    } else if (scope.aggregate) {
      host.report(
        'nested-aggregate',
        call.start,
        call.end,
        `${call.name}() is inside ${scope.aggregate.name}(): aggregates cannot be nested. Compute each aggregate on its own and combine the results, e.g. sum(x) / count().`,
      );
    }
  }
  const inner: Scope = info.aggregate ? { aggregate: scope.aggregate ?? call } : scope;
  const types = call.args.map((arg) => host.check(arg, inner));
  if (call.where) checkWhere(host, call, info, inner);
  if (call.args.length < info.minArgs || call.args.length > info.maxArgs) {
    host.report(
      'type-mismatch',
      call.start,
      call.end,
      `${call.name}() ${arityText(info)}, but got ${call.args.length}.`,
    );
    return info.name === 'coalesce' || info.name === 'if' ? undefined : 'number';
  }
  return ARGUMENT_RULES[info.name](host, call, types);
}

function reportUnknown(host: CheckerHost, call: Call): void {
  const guess = closestMatch(
    call.name,
    FUNCTIONS.map((f) => f.name),
  );
  host.report(
    'unknown-function',
    call.nameStart,
    call.nameEnd,
    guess === undefined
      ? `There is no function ${call.name}. The functions are: ${FUNCTIONS.map((f) => f.name).join(', ')}.`
      : `There is no function ${call.name}. Did you mean ${guess}?`,
    guess,
  );
}

function checkWhere(host: CheckerHost, call: Call, info: FunctionInfo, inner: Scope): void {
  const where = call.where!;
  const type = host.check(where.predicate, inner);
  if (!info.where) {
    const message = info.aggregate
      ? `${call.name}() takes no where: put the condition inside instead, e.g. ${call.name}(P and Q).`
      : `where can only follow the argument of an aggregate such as avg(x where P); ${call.name}() is not one.`;
    host.report('formula-syntax', where.keywordStart, where.predicate.end, message);
    return;
  }
  host.expect(where.predicate, type, 'boolean', 'The condition after where must be true or false for each row');
}

const numbers =
  (what: string): ArgRule =>
  (host, call, types) => {
    call.args.forEach((arg, i) => needNumber(host, call, arg, types[i], what));
    return 'number';
  };

function needNumber(host: CheckerHost, call: Call, arg: Expr, type: ValueType | undefined, what: string): void {
  if (type === 'boolean' && call.name === 'sum') {
    host.report(
      'type-mismatch',
      arg.start,
      arg.end,
      `sum() needs numbers, but ${host.describe(arg, type)}. To count the rows where it is true, use count(${snippet(host.text, arg)}).`,
    );
    return;
  }
  host.expect(arg, type, 'number', what);
}

const condition: ArgRule = (host, call, types) => {
  const arg = call.args[0];
  const type = types[0];
  // A null condition is never true (SPEC 8.3): count(null) is 0, not an error.
  if (arg === undefined || type === undefined || type === 'boolean' || type === 'null') return 'number';
  const text = snippet(host.text, arg);
  host.report(
    'type-mismatch',
    arg.start,
    arg.end,
    `${call.name}() counts rows where a condition is true, but ${host.describe(arg, type)}. To count rows where it has a value, write ${call.name}(${text} != null).`,
  );
  return 'number';
};

/**
 * SPEC 8.4: p is a numeric constant from 0 to 100, else a type-mismatch at p. A constant is
 * anything computed without reading a row: a number, or numbers combined by operators and
 * scalar functions (`100 - 10`, `round(89.6)`); never a column, an aggregate or null.
 */
const percentile: ArgRule = (host, call, types) => {
  const [x, p] = call.args as [Expr, Expr];
  needNumber(host, call, x, types[0], 'percentile() needs numbers');
  let usesColumn = false;
  let usesAggregate = false;
  walk(p, (node) => {
    if (node.kind === 'identifier') usesColumn = true;
    if (node.kind === 'call' && functionInfo(node.name)?.aggregate) usesAggregate = true;
  });
  // nested-aggregate is already reported at p, and says more than a second diagnostic would.
  if (usesAggregate) return 'number';
  const type = types[1];
  if (type !== undefined && type !== 'number' && type !== 'null') {
    host.report(
      'type-mismatch',
      p.start,
      p.end,
      `The percentile must be a number from 0 to 100, but ${host.describe(p, type)}.`,
    );
    return 'number';
  }
  if (usesColumn) {
    host.report(
      'type-mismatch',
      p.start,
      p.end,
      'The percentile must be a fixed number from 0 to 100, such as 90 (the value below which 90% of the values lie), not a value read from the rows.',
    );
    return 'number';
  }
  const value = type === 'null' ? NaN : constantValue(p);
  if (value !== undefined && !(value >= 0 && value <= 100)) {
    const got = value === value ? `, but this is ${value}` : ', but this has no value';
    host.report(
      'type-mismatch',
      p.start,
      p.end,
      `The percentile must be a fixed number from 0 to 100, such as 90${got}.`,
    );
  }
  return 'number';
};

/**
 * The value of an expression without names or aggregates: NaN when it is null or divides by
 * zero, undefined when it cannot be computed (another diagnostic explains why).
 */
function constantValue(node: Expr): number | undefined {
  const env: CompileEnv = {
    identifier: () => numberConst(NaN),
    aggregate: () => numberConst(NaN),
    divisionByZero: () => undefined,
  };
  try {
    const c = compile(node, env);
    if (c.type === 'null') return NaN;
    return c.type === 'number' ? c.f(0) : undefined;
  } catch (e) {
    if (e instanceof UncheckedFormulaError) return undefined;
    throw e;
  }
}

const dates: ArgRule = (host, call, types) => {
  call.args.forEach((arg, i) => {
    const type = types[i];
    if (type === 'string' && arg.kind === 'string') host.dateLiteral(arg);
    else host.expect(arg, type, 'date', `${call.name}() needs dates or date-times`);
  });
  return 'number';
};

/** The one type that `nodes` share (a date-shaped string literal counts as a date); null fits any. */
function unify(
  host: CheckerHost,
  call: Call,
  nodes: Expr[],
  types: (ValueType | undefined)[],
  what: string,
): ValueType | undefined {
  const anyDate = types.includes('date');
  const seen: { node: Expr; type: ValueType }[] = [];
  let unknown = false;
  nodes.forEach((node, i) => {
    let type = types[i];
    if (type === undefined) unknown = true;
    if (type === undefined || type === 'null') return;
    if (anyDate && type === 'string' && node.kind === 'string') {
      host.dateLiteral(node);
      type = 'date';
    }
    if (!seen.some((s) => s.type === type)) seen.push({ node, type });
  });
  if (seen.length > 1) {
    const [a, b] = seen as [{ node: Expr; type: ValueType }, { node: Expr; type: ValueType }];
    host.report(
      'type-mismatch',
      call.start,
      call.end,
      `${call.name}() needs ${what} of one type, but ${host.describe(a.node, a.type)} and ${host.describe(b.node, b.type)}.`,
    );
    return undefined;
  }
  if (seen.length === 1) return seen[0]!.type;
  return unknown ? undefined : 'null';
}

/** Each function's argument and result types: every FunctionName must have one. */
const ARGUMENT_RULES: { readonly [Name in FunctionName]: ArgRule } = {
  count: (host, call, types) => (call.args.length === 0 ? 'number' : condition(host, call, types)),
  pct: condition,
  share: condition,
  sum: numbers('sum() needs numbers'),
  avg: numbers('avg() needs numbers'),
  min: numbers('min() needs numbers'),
  max: numbers('max() needs numbers'),
  median: numbers('median() needs numbers'),
  percentile,
  // Any type, null included (it has no value, so it counts 0).
  count_distinct: () => 'number',
  abs: numbers('abs() needs a number'),
  round: numbers('round() needs numbers'),
  floor: numbers('floor() needs a number'),
  ceil: numbers('ceil() needs a number'),
  coalesce: (host, call, types) => unify(host, call, call.args, types, 'its arguments'),
  if: (host, call, types) => {
    host.expect(call.args[0]!, types[0], 'boolean', 'if() needs a condition (true or false) first');
    return unify(host, call, call.args.slice(1), types.slice(1), 'its two results');
  },
  days_between: dates,
  hours_between: dates,
  minutes_between: dates,
};
