/**
 * The syntax tree of a formula. Every node keeps the [start, end) offsets of its text in
 * the formula, so that any diagnostic can point at the exact part it is about.
 */

interface Span {
  start: number;
  end: number;
}

export interface NumberLiteral extends Span {
  kind: 'number';
  value: number;
}

export interface StringLiteral extends Span {
  kind: 'string';
  /** The value with escapes resolved. */
  value: string;
}

export interface BooleanLiteral extends Span {
  kind: 'boolean';
  value: boolean;
}

export interface NullLiteral extends Span {
  kind: 'null';
}

/** A name: a column in a sourced formula, a KPI id in a derived one. */
export interface Identifier extends Span {
  kind: 'identifier';
  name: string;
  /** Written in back quotes (`` `Likelihood to recommend` ``). */
  quoted: boolean;
}

export type ArithmeticOperator = '+' | '-' | '*' | '/';
export type ComparisonOperator = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type LogicalOperator = 'and' | 'or';
export type BinaryOperator = ArithmeticOperator | ComparisonOperator | LogicalOperator;

export interface Binary extends Span {
  kind: 'binary';
  op: BinaryOperator;
  left: Expr;
  right: Expr;
  /** Range of the operator token. */
  opStart: number;
  opEnd: number;
}

/** Unary minus or `not`. */
export interface Unary extends Span {
  kind: 'unary';
  op: '-' | 'not';
  operand: Expr;
}

/** `value in (items…)`, or `value not in (items…)` when negated. */
export interface InList extends Span {
  kind: 'in';
  negated: boolean;
  value: Expr;
  items: Expr[];
}

export interface Call extends Span {
  kind: 'call';
  name: string;
  nameStart: number;
  nameEnd: number;
  args: Expr[];
  /** The trailing `where P` of an aggregate, with the offset of the `where` keyword. */
  where?: { predicate: Expr; keywordStart: number };
}

export type Expr =
  NumberLiteral | StringLiteral | BooleanLiteral | NullLiteral | Identifier | Binary | Unary | InList | Call;

export const COMPARISON_OPERATORS: readonly ComparisonOperator[] = ['==', '!=', '<', '<=', '>', '>='];

export function isComparison(op: BinaryOperator): op is ComparisonOperator {
  return (COMPARISON_OPERATORS as readonly string[]).includes(op);
}

export function isArithmetic(op: BinaryOperator): op is ArithmeticOperator {
  return op === '+' || op === '-' || op === '*' || op === '/';
}

/** The direct children of a node, in source order (the `where` predicate last). */
export function children(node: Expr): Expr[] {
  switch (node.kind) {
    case 'binary':
      return [node.left, node.right];
    case 'unary':
      return [node.operand];
    case 'in':
      return [node.value, ...node.items];
    case 'call':
      return node.where ? [...node.args, node.where.predicate] : node.args;
    default:
      return [];
  }
}

/** Calls `visit` on the node and every node below it, parents first. */
export function walk(node: Expr, visit: (node: Expr) => void): void {
  visit(node);
  for (const child of children(node)) walk(child, visit);
}
