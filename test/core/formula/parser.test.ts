import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lex } from '../../../src/core/formula/lexer';
import { parse } from '../../../src/core/formula/parser';
import { show } from './support';

function tree(text: string): string {
  const result = parse(text);
  assert.deepEqual(result.diagnostics, [], `diagnostics of ${text}`);
  return show(result.expr!);
}

/** The one syntax error of `text`: [start, end, message fragment?, suggestion?]. */
function syntaxError(text: string): { start: number; end: number; message: string; suggestion?: string } {
  const result = parse(text);
  assert.equal(result.expr, undefined, `${text} should not parse`);
  assert.equal(result.diagnostics.length, 1);
  const d = result.diagnostics[0]!;
  assert.equal(d.rule, 'formula-syntax');
  return {
    start: d.start,
    end: d.end,
    message: d.message,
    ...(d.suggestion !== undefined ? { suggestion: d.suggestion } : {}),
  };
}

describe('precedence, loosest first: or, and, not, comparison, + -, * /, unary -', () => {
  const cases: [string, string][] = [
    ['a or b and c', '(a or (b and c))'],
    ['a and b or c', '((a and b) or c)'],
    ['not a and b', '((not a) and b)'],
    ['not a == b', '(not (a == b))'],
    ['not not a', '(not (not a))'],
    ['a + b * c', '(a + (b * c))'],
    ['a * b + c', '((a * b) + c)'],
    ['a - b - c', '((a - b) - c)'],
    ['a / b / c', '((a / b) / c)'],
    ['a - b * c / d', '(a - ((b * c) / d))'],
    ['-a * b', '((-a) * b)'],
    ['- - a', '(-(-a))'],
    ['-a + -b', '((-a) + (-b))'],
    ['a + b >= c * 2', '((a + b) >= (c * 2))'],
    ['(a + b) * c', '((a + b) * c)'],
    ['a == b and c != d or e < f', '(((a == b) and (c != d)) or (e < f))'],
    ['x in (1, 2) and y', '((x in [1, 2]) and y)'],
    ['x not in ("a") or y', '((x not in ["a"]) or y)'],
    ['not x in (1)', '(not (x in [1]))'],
    ['a + 1 in (2, 3 + 1)', '((a + 1) in [2, (3 + 1)])'],
    ['pct(score >= 9) - pct(score <= 6)', '(pct((score >= 9)) - pct((score <= 6)))'],
    ['f()', 'f()'],
    ['avg(x where c == "chat" and d)', 'avg(x where ((c == "chat") and d))'],
    ['percentile(x, 90 where y)', 'percentile(x, 90 where y)'],
    ['count(where y)', 'count( where y)'],
    ['sum (x)', 'sum(x)'],
  ];
  for (const [text, expected] of cases) test(text, () => assert.equal(tree(text), expected));
});

describe('literals and names', () => {
  test('numbers', () => {
    assert.equal(tree('1.5 + .5 + 2. + 1e3 + 2.5E-1'), '((((1.5 + 0.5) + 2) + 1000) + 0.25)');
  });
  test('strings in either quote, with the three escapes', () => {
    const cases: [string, string][] = [
      [`"chat"`, 'chat'],
      [`'chat'`, 'chat'],
      [`"say \\"hi\\""`, 'say "hi"'],
      [`'it\\'s'`, "it's"],
      [`"a\\\\b"`, 'a\\b'],
      [`"it's"`, "it's"],
      [`'say "hi"'`, 'say "hi"'],
      [`""`, ''],
      [`"\\'"`, "'"],
    ];
    for (const [text, value] of cases) {
      const e = parse(text).expr!;
      assert.equal(e.kind, 'string', text);
      assert.equal(e.kind === 'string' && e.value, value, text);
      assert.deepEqual([e.start, e.end], [0, text.length], text);
    }
  });
  test('true, false, null and back-quoted names, reserved words inside back quotes', () => {
    assert.equal(tree('true and not false or x == null'), '((true and (not false)) or (x == null))');
    assert.equal(tree('avg(`Likelihood to recommend`)'), 'avg(`Likelihood to recommend`)');
    assert.equal(tree('`in` + `where`'), '(`in` + `where`)');
  });
  test('names are case-sensitive: AND is a name', () => {
    const e = parse('AND').expr!;
    assert.equal(e.kind, 'identifier');
  });
});

describe('offsets of every node', () => {
  test('in, binary, unary and call keep their ranges', () => {
    const text = ' -sum(x where y) * 2 + `a b` not in ( 1 )';
    const e = parse(text).expr!;
    assert.equal(e.kind, 'in');
    if (e.kind !== 'in') return;
    assert.equal(e.negated, true);
    assert.deepEqual([e.start, e.end], [1, 41]);
    const plus = e.value;
    assert.ok(plus.kind === 'binary' && plus.op === '+');
    assert.deepEqual([plus.start, plus.end, plus.opStart, plus.opEnd], [1, 28, 21, 22]);
    const times = plus.left;
    assert.ok(times.kind === 'binary' && times.op === '*');
    assert.deepEqual([times.start, times.end], [1, 20]);
    const minus = times.left;
    assert.ok(minus.kind === 'unary' && minus.op === '-');
    assert.deepEqual([minus.start, minus.end], [1, 16]);
    assert.deepEqual([minus.operand.start, minus.operand.end], [2, 16]);
    assert.deepEqual([plus.right.start, plus.right.end], [23, 28]);
    assert.deepEqual([e.items[0]!.start, e.items[0]!.end], [38, 39]);
  });
  test('a call keeps its name range and the where keyword', () => {
    const text = 'avg( x  where  y )';
    const e = parse(text).expr!;
    assert.equal(e.kind, 'call');
    if (e.kind !== 'call') return;
    assert.deepEqual([e.nameStart, e.nameEnd, e.start, e.end], [0, 3, 0, 18]);
    assert.deepEqual([e.args[0]!.start, e.args[0]!.end], [5, 6]);
    assert.equal(e.where?.keywordStart, 8);
    assert.deepEqual([e.where!.predicate.start, e.where!.predicate.end], [15, 16]);
  });
  test('a parenthesised expression is its inner node; the operator range is kept', () => {
    const e = parse('(a) +  (b)').expr!;
    assert.equal(e.kind, 'binary');
    if (e.kind !== 'binary') return;
    assert.deepEqual([e.start, e.end, e.opStart, e.opEnd], [1, 9, 4, 5]);
  });
});

describe('syntax errors at the offending token', () => {
  const cases: [string, number, number, string, string?][] = [
    ['', 0, 0, 'empty'],
    ['   ', 0, 3, 'empty'],
    ['a +', 2, 3, '+ needs a value after it'],
    ['sum(x', 3, 4, 'This ( has no closing )'],
    ['(a + b', 0, 1, 'has no closing'],
    ['a b', 2, 3, 'Unexpected b'],
    ['a + )', 4, 5, 'Expected a value'],
    ['a)', 1, 2, 'no matching ('],
    ['f(a,)', 4, 5, 'Expected a value'],
    ['a = b', 2, 3, 'use ==', '=='],
    ['a && b', 2, 4, 'use and', 'and'],
    ['a || b', 2, 4, 'use or', 'or'],
    ['a <> b', 2, 4, 'use !=', '!='],
    ['!a', 0, 1, 'use not', 'not'],
    ['a < b < c', 6, 7, 'cannot be chained'],
    ['a == b == c', 7, 9, 'cannot be chained'],
    ['x not y', 6, 7, 'Expected in after not'],
    ['x not', 5, 5, 'Expected in after not'],
    ['x in 1', 5, 6, 'needs a list in parentheses'],
    ['x in ()', 6, 7, 'list is empty'],
    ['x in (1, 2', 5, 6, 'has no closing'],
    ['"abc', 0, 4, 'no closing "'],
    ["'abc", 0, 4, "no closing '"],
    ['"a\\nb"', 2, 4, 'not an escape'],
    ['`abc', 0, 4, 'no closing back quote'],
    ['``', 0, 2, 'cannot be empty'],
    ['a # b', 2, 3, 'cannot be used in a formula'],
    ['a + é', 4, 5, 'back quotes'],
    ['a AND b', 2, 5, 'Reserved words are lowercase', 'and'],
    ['where x', 0, 5, 'where can only follow'],
    ['avg(x where y where z)', 14, 19, 'where can only come once'],
    ['sum(x, )', 7, 8, 'Expected a value'],
    ['1 2', 2, 3, 'Unexpected 2'],
    ['+1', 0, 1, 'Expected a value'],
    ['a +\n', 2, 3, '+ needs a value after it'],
    ['`a`(x)', 3, 4, 'Unexpected ('],
    ['a = = b', 2, 3, 'use ==', '=='],
    ['sum(x) + "unterminated', 9, 22, 'no closing "'],
  ];
  for (const [text, start, end, fragment, suggestion] of cases) {
    test(JSON.stringify(text), () => {
      const d = syntaxError(text);
      assert.deepEqual([d.start, d.end], [start, end], d.message);
      assert.ok(d.message.includes(fragment), `"${d.message}" should include "${fragment}"`);
      assert.equal(d.suggestion, suggestion);
    });
  }
  test('an error before a lexer error is reported first', () => {
    const d = syntaxError(') + = b');
    assert.deepEqual([d.start, d.end], [0, 1]);
  });
  test('absurd nesting is refused, not a stack overflow', () => {
    const d = syntaxError(`${'('.repeat(5000)}1${')'.repeat(5000)}`);
    assert.ok(d.message.includes('nests more than'));
    const ok = parse(`${'('.repeat(150)}1${')'.repeat(150)}`);
    assert.deepEqual(ok.diagnostics, []);
  });
});

test('the lexer keeps offsets, resolves escapes and tells keywords from names', () => {
  const { tokens, error } = lex(`count_x >= 'a\\'b' and \`x y\` != .5`);
  assert.equal(error, undefined);
  assert.deepEqual(
    tokens.map((t) => [t.kind, t.value, t.start, t.end]),
    [
      ['identifier', 'count_x', 0, 7],
      ['punct', '>=', 8, 10],
      ['string', "a'b", 11, 17],
      ['keyword', 'and', 18, 21],
      ['quoted', 'x y', 22, 27],
      ['punct', '!=', 28, 30],
      ['number', 0.5, 31, 33],
      ['eof', '', 33, 33],
    ],
  );
});
