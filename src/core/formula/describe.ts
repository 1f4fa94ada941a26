/** Plain words for types and formula parts, shared by the checker's messages. */
import type { ValueType } from './api';
import type { Expr } from './ast';

export function typeName(type: ValueType): string {
  switch (type) {
    case 'number':
      return 'a number';
    case 'string':
      return 'text';
    case 'boolean':
      return 'a condition (true or false)';
    case 'date':
      return 'a date';
    case 'null':
      return 'null';
  }
}

/** The text of a node, shortened when long. */
export function snippet(text: string, node: Expr): string {
  const s = text.slice(node.start, node.end).replace(/\s+/g, ' ');
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
}

/** "the column score", "the text \"high\"", "the number 5", or the node's text. */
export function describeNode(text: string, node: Expr, role: 'column' | 'kpi'): string {
  switch (node.kind) {
    case 'identifier':
      return role === 'column' ? `the column ${snippet(text, node)}` : `the KPI ${snippet(text, node)}`;
    case 'string':
      return `the text ${snippet(text, node)}`;
    case 'number':
      return `the number ${snippet(text, node)}`;
    case 'null':
      return 'null';
    default:
      return snippet(text, node);
  }
}

/** "the column score is a number", "\"high\" is text", "avg(x) is a number". */
export function describeTyped(text: string, node: Expr, type: ValueType, role: 'column' | 'kpi'): string {
  if (node.kind === 'null') return 'null is a missing value';
  const subject =
    node.kind === 'string' || node.kind === 'number' ? snippet(text, node) : describeNode(text, node, role);
  return `${subject} is ${typeName(type)}`;
}
