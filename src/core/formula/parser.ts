/**
 * Recursive-descent parser of the formula grammar (SPEC 3), loosest first:
 * or · and · not · comparison (== != < <= > >=, in, not in) · + - · * / · unary - · primary.
 * Comparisons do not chain. It stops at the first error, which it reports at the offending
 * token as a `formula-syntax` diagnostic.
 */
import type { FormulaDiagnostic } from './api';
import type { BinaryOperator, Call, ComparisonOperator, Expr } from './ast';
import { COMPARISON_OPERATORS } from './ast';
import { isReservedWord, lex, type Token } from './lexer';

export interface ParseResult {
  expr?: Expr;
  /** At most one: the first error. */
  diagnostics: FormulaDiagnostic[];
}

/** Deeper nesting than this is refused rather than risking the stack. */
const MAX_DEPTH = 200;

class ParseError extends Error {
  constructor(readonly diagnostic: FormulaDiagnostic) {
    super(diagnostic.message);
  }
}

export function parse(text: string): ParseResult {
  if (text.trim() === '') {
    return {
      diagnostics: [
        {
          rule: 'formula-syntax',
          message: 'This is empty: write an expression, such as count().',
          start: 0,
          end: text.length,
        },
      ],
    };
  }
  const lexed = lex(text);
  const parser = new Parser(lexed.tokens);
  try {
    const expr = parser.parseAll();
    // Tokens stop at a lexer error, so a parse that reached it is only a prefix.
    return lexed.error ? { diagnostics: [lexed.error] } : { expr, diagnostics: [] };
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    // A parse error found at the end of the tokens is really the lexer error there.
    return { diagnostics: [lexed.error && parser.atEnd() ? lexed.error : e.diagnostic] };
  }
}

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  parseAll(): Expr {
    const expr = this.parseOr();
    const next = this.peek();
    if (next.kind !== 'eof') throw this.unexpected(next, 'after a complete expression');
    return expr;
  }

  atEnd(): boolean {
    return this.peek().kind === 'eof';
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.pos++;
    return token;
  }

  private isKeyword(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'keyword' && t.value === word;
  }

  private isPunct(p: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'punct' && t.value === p;
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    while (this.isKeyword('or')) {
      const op = this.next();
      left = this.binary('or', left, op, this.parseAnd());
    }
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseNot();
    while (this.isKeyword('and')) {
      const op = this.next();
      left = this.binary('and', left, op, this.parseNot());
    }
    return left;
  }

  private parseNot(): Expr {
    if (this.isKeyword('not')) {
      const op = this.next();
      const operand = this.nested(() => this.parseNot());
      return { kind: 'unary', op: 'not', operand, start: op.start, end: operand.end };
    }
    return this.parseComparison();
  }

  private parseComparison(): Expr {
    const left = this.parseAdditive();
    const t = this.peek();
    let result: Expr = left;
    if (t.kind === 'punct' && (COMPARISON_OPERATORS as readonly string[]).includes(t.value)) {
      this.next();
      result = this.binary(t.value as ComparisonOperator, left, t, this.parseAdditive());
    } else if (this.isKeyword('in')) {
      this.next();
      result = this.parseList(left, false);
    } else if (this.isKeyword('not')) {
      this.next();
      if (!this.isKeyword('in')) {
        throw this.error(this.peek(), 'Expected in after not here, as in x not in ("a", "b").');
      }
      this.next();
      result = this.parseList(left, true);
    }
    const after = this.peek();
    if (
      result !== left &&
      after.kind === 'punct' &&
      (COMPARISON_OPERATORS as readonly string[]).includes(after.value)
    ) {
      throw this.error(after, 'Comparisons cannot be chained: write a < b and b < c instead of a < b < c.');
    }
    return result;
  }

  private parseList(value: Expr, negated: boolean): Expr {
    const open = this.peek();
    if (!this.isPunct('(')) {
      throw this.error(open, 'in needs a list in parentheses, e.g. channel in ("chat", "email").');
    }
    this.next();
    if (this.isPunct(')'))
      throw this.error(this.peek(), 'The list is empty: put at least one value between the parentheses.');
    const items = [this.nested(() => this.parseOr())];
    while (this.isPunct(',')) {
      this.next();
      items.push(this.nested(() => this.parseOr()));
    }
    const close = this.expectClose(open);
    return { kind: 'in', negated, value, items, start: value.start, end: close.end };
  }

  private parseAdditive(): Expr {
    let left = this.parseMultiplicative();
    while (this.isPunct('+') || this.isPunct('-')) {
      const op = this.next();
      left = this.binary(op.value as '+' | '-', left, op, this.parseMultiplicative());
    }
    return left;
  }

  private parseMultiplicative(): Expr {
    let left = this.parseUnary();
    while (this.isPunct('*') || this.isPunct('/')) {
      const op = this.next();
      left = this.binary(op.value as '*' | '/', left, op, this.parseUnary());
    }
    return left;
  }

  private parseUnary(): Expr {
    if (this.isPunct('-')) {
      const op = this.next();
      const operand = this.nested(() => this.parseUnary());
      return { kind: 'unary', op: '-', operand, start: op.start, end: operand.end };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): Expr {
    const t = this.next();
    switch (t.kind) {
      case 'number':
        return { kind: 'number', value: t.value, start: t.start, end: t.end };
      case 'string':
        return { kind: 'string', value: t.value, start: t.start, end: t.end };
      case 'quoted':
        return { kind: 'identifier', name: t.value, quoted: true, start: t.start, end: t.end };
      case 'identifier':
        if (this.isPunct('(')) return this.parseCall(t);
        return { kind: 'identifier', name: t.value, quoted: false, start: t.start, end: t.end };
      case 'keyword':
        if (t.value === 'true' || t.value === 'false') {
          return { kind: 'boolean', value: t.value === 'true', start: t.start, end: t.end };
        }
        if (t.value === 'null') return { kind: 'null', start: t.start, end: t.end };
        break;
      case 'punct':
        if (t.value === '(') {
          const inner = this.nested(() => this.parseOr());
          this.expectClose(t);
          return inner;
        }
        break;
      case 'eof':
        break;
    }
    this.pos = Math.max(0, this.pos - (t.kind === 'eof' ? 0 : 1));
    throw this.expectedValue(t);
  }

  private parseCall(name: Token): Call {
    const open = this.next();
    const args: Expr[] = [];
    if (!this.isPunct(')') && !this.isKeyword('where')) {
      args.push(this.nested(() => this.parseOr()));
      while (this.isPunct(',')) {
        this.next();
        args.push(this.nested(() => this.parseOr()));
      }
    }
    let where: Call['where'];
    if (this.isKeyword('where')) {
      const keyword = this.next();
      where = { predicate: this.nested(() => this.parseOr()), keywordStart: keyword.start };
      // SPEC 8.3: the where belongs to the whole call, so it is written after the last argument.
      if (this.isPunct(',')) {
        throw new ParseError({
          rule: 'formula-syntax',
          message:
            'where goes after the last argument, as in percentile(x, 90 where channel == "chat"): it applies to the whole call. Move it before the closing ).',
          start: keyword.start,
          end: where.predicate.end,
        });
      }
    }
    const close = this.expectClose(open);
    const call: Call = {
      kind: 'call',
      name: String(name.value),
      nameStart: name.start,
      nameEnd: name.end,
      args,
      start: name.start,
      end: close.end,
    };
    if (where) call.where = where;
    return call;
  }

  private expectClose(open: Token): Token {
    const t = this.peek();
    if (t.kind === 'punct' && t.value === ')') return this.next();
    if (t.kind === 'eof')
      throw this.error(open, 'This ( has no closing ): add one where the group or argument list ends.');
    if (this.isKeyword('where')) {
      throw this.error(t, 'where can only come once, at the end of an aggregate, e.g. avg(x where channel == "chat").');
    }
    throw this.unexpected(t, 'where a , or ) should be');
  }

  private binary(op: BinaryOperator, left: Expr, token: Token, right: Expr): Expr {
    return {
      kind: 'binary',
      op,
      left,
      right,
      opStart: token.start,
      opEnd: token.end,
      start: left.start,
      end: right.end,
    };
  }

  /** Runs a sub-parse one level deeper, refusing absurd nesting. */
  private nested<T>(parse: () => T): T {
    if (++this.depth > MAX_DEPTH) {
      throw this.error(this.peek(), `The formula nests more than ${MAX_DEPTH} levels deep: simplify it.`);
    }
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private expectedValue(t: Token): ParseError {
    if (t.kind === 'eof') {
      const before = this.tokens[this.pos - 1];
      if (before) {
        const text = describe(before);
        return this.error(before, `${text} needs a value after it: the formula ends too early.`);
      }
    }
    if (t.kind === 'keyword' && t.value === 'where') {
      return this.error(t, 'where can only follow the argument of an aggregate, e.g. avg(x where channel == "chat").');
    }
    return this.error(
      t,
      `Expected a value here (a number, a column, a function call or a parenthesised expression), but found ${describe(t)}.`,
    );
  }

  private unexpected(t: Token, where: string): ParseError {
    if (t.kind === 'identifier' && isReservedWord(t.value.toLowerCase())) {
      const word = t.value.toLowerCase();
      return this.error(t, `Reserved words are lowercase: write ${word} instead of ${t.value}.`, word);
    }
    if (t.kind === 'keyword' && t.value === 'where') {
      return this.error(t, 'where can only follow the argument of an aggregate, e.g. avg(x where channel == "chat").');
    }
    if (t.kind === 'punct' && t.value === ')') {
      return this.error(t, 'This ) has no matching (: remove it or add the missing (.');
    }
    const hint =
      t.kind === 'punct' || t.kind === 'keyword' ? '' : ' An operator such as +, == or and may be missing before it.';
    return this.error(t, `Unexpected ${describe(t)} ${where}.${hint}`);
  }

  private error(t: Token, message: string, suggestion?: string): ParseError {
    const d: FormulaDiagnostic = { rule: 'formula-syntax', message, start: t.start, end: t.end };
    if (suggestion !== undefined) d.suggestion = suggestion;
    return new ParseError(d);
  }
}

function describe(t: Token): string {
  switch (t.kind) {
    case 'eof':
      return 'the end of the formula';
    case 'string':
      return `the text ${JSON.stringify(t.value)}`;
    case 'quoted':
      return `\`${t.value}\``;
    default:
      return String(t.value);
  }
}
