/**
 * Never a crash: random token soup and random well-formed formulas are checked, and those
 * without diagnostics are evaluated, with and without grain. Deterministic seeds.
 */
import { mulberry32 } from '../../../src/core/common/random';
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeFormula, evaluateDerived, evaluateSourced, FUNCTIONS, type KpiValue } from '../../../src/core/formula';
import { checkSourced, loadFixture } from './support';

const tickets = loadFixture('tickets.csv');

/** A number in [0, n) from a seeded generator: prng(seed)(n). */
function prng(seed: number): (n: number) => number {
  const next = mulberry32(seed);
  return (n) => next() * n;
}

const COLUMNS = [
  'score',
  'channel',
  'created_at',
  'closed_at',
  'reopened',
  '`Likelihood to recommend`',
  'agent',
  'id',
  'nope',
];
const LITERALS = ['0', '9', '2.5', '"chat"', "'x'", '"2025-01-01"', 'true', 'false', 'null'];
const TOKENS = [
  ...COLUMNS,
  ...LITERALS,
  ...FUNCTIONS.map((f) => `${f.name}(`),
  'foo(',
  '(',
  ')',
  ',',
  '+',
  '-',
  '*',
  '/',
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'and',
  'or',
  'not',
  'in',
  'where',
  '=',
  '"',
  '`',
  '#',
];

test('token soup never throws', () => {
  const rand = prng(1);
  for (let k = 0; k < 4000; k++) {
    const length = 1 + Math.floor(rand(12));
    const text = Array.from({ length }, () => TOKENS[Math.floor(rand(TOKENS.length))]!).join(rand(2) < 1 ? ' ' : '');
    for (const role of ['formula', 'filter'] as const) {
      const f = checkSourced(text, tickets, role);
      for (const d of f.diagnostics) {
        assert.ok(d.start >= 0 && d.start <= d.end && d.end <= text.length, `${text}: ${JSON.stringify(d)}`);
        assert.ok(d.message.length > 0);
      }
    }
    analyzeFormula(text, { mode: 'derived', kpis: new Set(['score', 'id']) });
    analyzeFormula(text, { mode: 'sourced', role: 'formula', columns: undefined });
  }
});

/** A random expression of roughly the right shape, so that many pass the checker. */
function expression(rand: (n: number) => number, depth: number, rowLevel: boolean): string {
  const leaf = (): string =>
    rowLevel && rand(2) < 1
      ? COLUMNS[Math.floor(rand(COLUMNS.length - 1))]!
      : LITERALS[Math.floor(rand(LITERALS.length))]!;
  if (depth <= 0) return leaf();
  const sub = (): string => expression(rand, depth - 1, rowLevel);
  switch (Math.floor(rand(10))) {
    case 0:
      return leaf();
    case 1:
      return `${sub()} ${['+', '-', '*', '/'][Math.floor(rand(4))]} ${sub()}`;
    case 2:
      return `${sub()} ${['==', '!=', '<', '>='][Math.floor(rand(4))]} ${sub()}`;
    case 3:
      return `(${sub()} ${rand(2) < 1 ? 'and' : 'or'} not ${sub()})`;
    case 4:
      return `${sub()} ${rand(2) < 1 ? 'in' : 'not in'} (${sub()}, ${leaf()})`;
    case 5:
      return `if(${sub()}, ${sub()}, ${sub()})`;
    case 6:
      return `coalesce(${sub()}, ${leaf()})`;
    case 7:
      return `${['abs', 'round', 'floor', 'ceil'][Math.floor(rand(4))]}(${sub()})`;
    case 8:
      return `${['days_between', 'hours_between'][Math.floor(rand(2))]}(${sub()}, ${sub()})`;
    default: {
      if (!rowLevel) {
        const aggregate = ['sum', 'avg', 'min', 'max', 'median', 'count_distinct'][Math.floor(rand(6))]!;
        const where = rand(3) < 1 ? ` where ${expression(rand, depth - 1, true)}` : '';
        const kind = Math.floor(rand(4));
        if (kind === 0)
          return `${['count', 'pct', 'share'][Math.floor(rand(3))]}(${expression(rand, depth - 1, true)})`;
        if (kind === 1) return `percentile(${expression(rand, depth - 1, true)}, ${Math.floor(rand(101))}${where})`;
        return `${aggregate}(${expression(rand, depth - 1, true)}${where})`;
      }
      return `-${sub()}`;
    }
  }
}

test('random formulas that pass the checker evaluate without throwing', () => {
  const rand = prng(2);
  let evaluated = 0;
  for (let k = 0; k < 10000; k++) {
    const text = expression(rand, 3, false);
    const filterText = rand(3) < 1 ? expression(rand, 2, true) : undefined;
    const formula = checkSourced(text, tickets);
    const filter = filterText === undefined ? undefined : checkSourced(filterText, tickets, 'filter');
    if (formula.diagnostics.length > 0 || (filter?.diagnostics.length ?? 0) > 0) continue;
    evaluated++;
    const plain = evaluateSourced(formula, filter, tickets);
    const weekly = evaluateSourced(formula, filter, tickets, { time: 'created_at', grain: 'week' });
    for (const v of [plain.value, ...weekly.series!.map((e) => e.value)])
      assert.ok(v === null || Number.isFinite(v), text);
  }
  assert.ok(evaluated > 300, `only ${evaluated} random formulas passed the checker`);
});

test('random derived formulas evaluate without throwing', () => {
  const rand = prng(3);
  const kpis = new Set(['score', 'id']);
  const inputs = new Map<string, KpiValue>([
    ['score', { series: [{ period: '2025-01', start: '2025-01-01', value: 0 }], value: 0, divisionByZero: false }],
    ['id', { series: undefined, value: null, divisionByZero: false }],
  ]);
  let evaluated = 0;
  for (let k = 0; k < 2000; k++) {
    const text = expression(rand, 3, true).replace(
      /`Likelihood to recommend`|channel|created_at|closed_at|reopened|agent|nope/g,
      'id',
    );
    const f = analyzeFormula(text, { mode: 'derived', kpis });
    if (f.diagnostics.length > 0) continue;
    evaluated++;
    evaluateDerived(f, inputs, 'month');
    evaluateDerived(f, inputs, undefined);
  }
  assert.ok(evaluated > 100, `only ${evaluated} random derived formulas passed the checker`);
});
