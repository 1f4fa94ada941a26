/**
 * The checker: resolves names, infers types and finds every misuse SPEC 3 names, as
 * diagnostics at the exact part of the formula they are about. It never throws.
 *
 * Choices where SPEC is silent:
 * - An aggregate in a filter is a `type-mismatch` at the call (a filter decides row by row).
 * - The literal `null` has no type of its own (SPEC 8.3): it fits wherever a number, text,
 *   date or condition does, and then gives null (`sum(x) + null`, `x < null`, `not null`,
 *   `x in (1, null)`, `count(null)`). Only `x == null` / `x != null` test for null.
 * - `<`, `<=`, `>`, `>=` order numbers, dates and text (by Unicode code point, SPEC 8.4),
 *   never conditions, not even against null.
 * - A string literal shaped like a date is read as a date wherever it meets a date: in a
 *   comparison, an `in` list, `coalesce`/`if` results and the `*_between` functions.
 * - The "formula must give a number / filter must be a condition" diagnostic is left out
 *   when another diagnostic already explains the formula, to avoid cascades. A sourced
 *   formula that is a row condition without aggregate (`score >= 9`) gets that one
 *   diagnostic, with the hint pct(…) / count(…), instead of a bare-column per column.
 */
import { parseDateTime } from '../data/dates';
import type {
  CheckContext,
  CheckedFormula,
  FormulaDiagnostic,
  FormulaRole,
  FormulaRuleId,
  NameRef,
  ValueType,
} from './api';
import type { Binary, Call, Expr, Identifier, InList, Unary } from './ast';
import { isArithmetic } from './ast';
import { checkCall } from './checkCall';
import { describeNode, describeTyped, snippet, typeName } from './describe';
import { identifierText } from './lexer';
import { parse } from './parser';
import { closestMatch } from '../common/suggest';

/** Where a node sits: inside which aggregate, if any. */
export interface Scope {
  aggregate: Call | undefined;
  /** Inside an unknown function, which may be a misspelt aggregate: no bare-column there. */
  unknownCall?: boolean;
}

/** What checkCall needs from the checker. */
export interface CheckerHost {
  readonly text: string;
  readonly ctx: CheckContext;
  readonly role: FormulaRole;
  check(node: Expr, scope: Scope): ValueType | undefined;
  report(rule: FormulaRuleId, start: number, end: number, message: string, suggestion?: string): void;
  /** Records that the formula calls an aggregate and a known function name. */
  noteCall(call: Call, aggregate: boolean): void;
  /** The words to describe a node in a message. */
  describe(node: Expr, type?: ValueType): string;
  /** Reports when a known type is not the expected one (null is never reported). */
  expect(node: Expr, type: ValueType | undefined, expected: ValueType, what: string): boolean;
  /** A string literal that meets a date must be a date; reports at the literal when not. */
  dateLiteral(node: Expr): boolean;
}

export function analyzeFormula(text: string, ctx: CheckContext): CheckedFormula {
  const role: FormulaRole = ctx.mode === 'derived' ? 'derived' : ctx.role;
  const parsed = parse(text);
  const result: CheckedFormula = {
    text,
    role,
    type: undefined,
    diagnostics: parsed.diagnostics,
    kpiRefs: [],
    columnRefs: [],
    functionRefs: [],
    hasAggregate: false,
  };
  if (!parsed.expr) return result;
  result.expr = parsed.expr;
  const checker = new Checker(text, ctx, role, result);
  result.type = checker.check(parsed.expr, { aggregate: undefined });
  if (role === 'formula' && result.type === 'boolean' && !result.hasAggregate) {
    // A row condition as the whole formula (`score >= 9`): one diagnostic that says to
    // wrap it in pct() or count(), rather than one bare-column per column in it.
    result.diagnostics = result.diagnostics.filter((d) => d.rule !== 'bare-column');
  }
  checker.checkResult(parsed.expr, result.type);
  result.diagnostics.sort((a, b) => a.start - b.start || a.end - b.end);
  return result;
}

class Checker implements CheckerHost {
  constructor(
    readonly text: string,
    readonly ctx: CheckContext,
    readonly role: FormulaRole,
    private readonly out: CheckedFormula,
  ) {}

  report(rule: FormulaRuleId, start: number, end: number, message: string, suggestion?: string): void {
    const d: FormulaDiagnostic = { rule, message, start, end };
    if (suggestion !== undefined) d.suggestion = suggestion;
    this.out.diagnostics.push(d);
  }

  noteCall(call: Call, aggregate: boolean): void {
    this.out.functionRefs.push({ name: call.name, start: call.nameStart, end: call.nameEnd });
    if (aggregate) this.out.hasAggregate = true;
  }

  describe(node: Expr, type?: ValueType): string {
    const role = this.role === 'derived' ? 'kpi' : 'column';
    return type === undefined ? describeNode(this.text, node, role) : describeTyped(this.text, node, type, role);
  }

  /** A sourced formula and a derived one give a number; a filter gives a condition. */
  checkResult(expr: Expr, type: ValueType | undefined): void {
    // null fits a filter and a formula alike: it keeps no row, or gives no value.
    if (type === undefined || type === 'null' || this.out.diagnostics.length > 0) return;
    if (this.role === 'filter') {
      if (type !== 'boolean') {
        this.report(
          'type-mismatch',
          expr.start,
          expr.end,
          `A filter must be a condition that is true or false for each row, such as channel != "internal", but this is ${typeName(type)}.`,
        );
      }
    } else if (type !== 'number') {
      const text = this.text.slice(expr.start, expr.end);
      const hint =
        type === 'boolean' && this.role === 'formula' && !this.out.hasAggregate
          ? ` To measure how often it holds, wrap it: pct(${text}) or count(${text}).`
          : '';
      this.report(
        'type-mismatch',
        expr.start,
        expr.end,
        `A KPI formula must give a number, but this is ${typeName(type)}.${hint}`,
      );
    }
  }

  check(node: Expr, scope: Scope): ValueType | undefined {
    switch (node.kind) {
      case 'number':
        return 'number';
      case 'string':
        return 'string';
      case 'boolean':
        return 'boolean';
      case 'null':
        return 'null';
      case 'identifier':
        return this.checkIdentifier(node, scope);
      case 'unary':
        return this.checkUnary(node, scope);
      case 'binary':
        return this.checkBinary(node, scope);
      case 'in':
        return this.checkIn(node, scope);
      case 'call':
        return checkCall(this, node, scope);
    }
  }

  private checkIdentifier(node: Identifier, scope: Scope): ValueType | undefined {
    const ref: NameRef = { name: node.name, start: node.start, end: node.end };
    const ctx = this.ctx;
    if (ctx.mode === 'derived') {
      if (ctx.kpis.has(node.name)) {
        this.out.kpiRefs.push(ref);
        return 'number';
      }
      const guess = closestMatch(node.name, ctx.kpis);
      this.report(
        'unknown-kpi',
        node.start,
        node.end,
        `No KPI has the id ${node.name}.${guess === undefined ? '' : ` Did you mean ${guess}?`} This KPI has no source, so its formula combines other KPIs by id.`,
        guess === undefined ? undefined : identifierText(guess),
      );
      return undefined;
    }
    if (ctx.columns === undefined) {
      this.out.columnRefs.push(ref);
      return undefined;
    }
    const type = ctx.columns.get(node.name);
    if (type === undefined) {
      const guess = closestMatch(node.name, ctx.columns.keys());
      const names = [...ctx.columns.keys()];
      const list =
        names.length <= 8
          ? names.map(identifierText).join(', ')
          : `${names.slice(0, 8).map(identifierText).join(', ')}, …`;
      this.report(
        'unknown-column',
        node.start,
        node.end,
        guess === undefined
          ? `The source has no column ${node.name}. Its columns are: ${list}.`
          : `The source has no column ${node.name}. Did you mean ${identifierText(guess)}?`,
        guess === undefined ? undefined : identifierText(guess),
      );
      return undefined;
    }
    this.out.columnRefs.push(ref);
    if (ctx.role === 'formula' && scope.aggregate === undefined && !scope.unknownCall)
      this.reportBareColumn(node, type);
    return type;
  }

  private reportBareColumn(node: Identifier, type: ValueType): void {
    const name = snippet(this.text, node);
    const hint =
      type === 'number'
        ? `such as sum(${name}) or avg(${name})`
        : type === 'boolean'
          ? `such as pct(${name}) or count(${name})`
          : `such as count_distinct(${name})`;
    this.report(
      'bare-column',
      node.start,
      node.end,
      `The column ${name} is used outside an aggregate. A KPI combines many rows into one number, so put the column inside an aggregate, ${hint}.`,
    );
  }

  private checkUnary(node: Unary, scope: Scope): ValueType | undefined {
    const type = this.check(node.operand, scope);
    if (node.op === '-') {
      this.expect(node.operand, type, 'number', 'Unary - needs a number');
      return 'number';
    }
    this.expect(node.operand, type, 'boolean', 'not needs a condition (true or false)');
    return 'boolean';
  }

  private checkBinary(node: Binary, scope: Scope): ValueType | undefined {
    const left = this.check(node.left, scope);
    const right = this.check(node.right, scope);
    if (isArithmetic(node.op)) {
      const what = `${node.op} needs numbers on both sides`;
      this.expect(node.left, left, 'number', what);
      this.expect(node.right, right, 'number', what);
      return 'number';
    }
    if (node.op === 'and' || node.op === 'or') {
      const what = `${node.op} needs a condition (true or false) on both sides`;
      this.expect(node.left, left, 'boolean', what);
      this.expect(node.right, right, 'boolean', what);
      return 'boolean';
    }
    const equality = node.op === '==' || node.op === '!=';
    if (left === 'null' || right === 'null') {
      // null compares with anything (the result is null, or a test for null with == / !=),
      // but a condition is never ordered.
      if (!equality && (left === 'boolean' || right === 'boolean')) {
        this.report(
          'type-mismatch',
          node.start,
          node.end,
          `${node.op} cannot order conditions (true or false): compare them with == or !=.`,
        );
      }
      return 'boolean';
    }
    if (left === undefined || right === undefined) return 'boolean';
    if (!this.comparable(node, node.left, left, node.right, right)) return 'boolean';
    if (!equality && left === 'boolean') {
      this.report(
        'type-mismatch',
        node.start,
        node.end,
        `${node.op} cannot order conditions (true or false): compare them with == or !=.`,
      );
    }
    return 'boolean';
  }

  private checkIn(node: InList, scope: Scope): ValueType | undefined {
    const type = this.check(node.value, scope);
    for (const item of node.items) {
      const itemType = this.check(item, scope);
      // A null value or item is allowed and follows SQL: null, unless another item matches.
      if (type !== undefined && type !== 'null' && itemType !== undefined && itemType !== 'null') {
        this.comparable(item, node.value, type, item, itemType);
      }
    }
    return 'boolean';
  }

  /**
   * Whether two sides may be compared; reports at `whole` when not. A date meets a string
   * literal only when the literal is a date.
   */
  comparable(whole: Expr, a: Expr, aType: ValueType, b: Expr, bType: ValueType): boolean {
    if (aType === bType) return true;
    if (aType === 'date' && bType === 'string' && b.kind === 'string') return this.dateLiteral(b);
    if (bType === 'date' && aType === 'string' && a.kind === 'string') return this.dateLiteral(a);
    const hint =
      aType === 'number' && b.kind === 'string'
        ? ' Compare it with a number instead.'
        : aType === 'string' && b.kind === 'number'
          ? ` Put the value in quotes to compare it as text: "${snippet(this.text, b)}".`
          : '';
    this.report(
      'type-mismatch',
      whole.start,
      whole.end,
      `Cannot compare these: ${this.describe(a, aType)}, but ${this.describe(b, bType)}.${hint}`,
    );
    return false;
  }

  /** A string literal that meets a date must be a date; reports at the literal when not. */
  dateLiteral(node: Expr): boolean {
    if (node.kind !== 'string') return false;
    if (parseDateTime(node.value) !== undefined) return true;
    this.report(
      'type-mismatch',
      node.start,
      node.end,
      `${snippet(this.text, node)} is not a date: write a real date as "YYYY-MM-DD" (or "YYYY-MM-DD hh:mm"), e.g. "2025-03-31".`,
    );
    return false;
  }

  /** Reports when a known type is not the expected one (null is never reported). */
  expect(node: Expr, type: ValueType | undefined, expected: ValueType, what: string): boolean {
    // null fits every type (SPEC 8.3): it makes the result null.
    if (type === undefined || type === expected || type === 'null') return true;
    let hint = '';
    if (expected === 'boolean' && type === 'number')
      hint = ` Compare it to make a condition, e.g. ${snippet(this.text, node)} > 0.`;
    else if (type === 'date' && expected === 'number')
      hint = ' Use days_between(a, b) to turn dates into a number of days.';
    this.report('type-mismatch', node.start, node.end, `${what}, but ${this.describe(node, type)}.${hint}`);
    return false;
  }
}
