/**
 * Grammar-generated formulas (SPEC 3), typed by construction so that most pass the checker:
 * an outer part over aggregates, and row expressions inside them over the columns of a
 * table. Precedence decides the parentheses, and some redundant ones are added, so the
 * printed text parses back to the intended tree. The checker still has the last word: the
 * differential target skips (and counts) what it rejects.
 */
import type { ColumnType } from '../../src/core/model/kpiFile';
import { identifierText } from '../../src/core/formula';
import { between, chance, pick, weighted, type Next } from './choose';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
}

/** A printed expression and its precedence (1 = or … 8 = primary). */
interface Printed {
  text: string;
  prec: number;
}

const OR = 1;
const AND = 2;
const NOT = 3;
const CMP = 4;
const ADD = 5;
const MUL = 6;
const UNARY = 7;
const PRIMARY = 8;

/** Strings the tables hold too, so that comparisons are sometimes true; some beyond U+FFFF for code point order. */
export const STRING_VALUES = ['a', 'b', 'chat', 'email', 'A', '', 'é', '😀', '\uFF5E', 'a b', 'zz', "o'k", 'q"t'];

/** Dates at edges: year ends, ISO week-year edges, leap days, DST-free UTC midnights, date-times with offsets. */
export const DATE_LITERALS = [
  '2024-02-29',
  '2024-12-30',
  '2025-01-01',
  '2026-12-31',
  '2027-01-03',
  '2020-12-31',
  '2021-01-04',
  '2025-03-07 12:30',
  '2025-06-30T23:59:59Z',
  '2025-01-01T00:30:00+02:00',
  '1999-12-31',
  '2000-02-29',
];

export class FormulaGenerator {
  private readonly byType: ReadonlyMap<ColumnType, ColumnSpec[]>;

  constructor(
    private readonly next: Next,
    columns: readonly ColumnSpec[],
    private readonly maxDepth = 4,
  ) {
    const byType = new Map<ColumnType, ColumnSpec[]>();
    for (const c of columns) byType.set(c.type, [...(byType.get(c.type) ?? []), c]);
    this.byType = byType;
  }

  /** A sourced KPI formula: a number over aggregates. */
  formula(): string {
    return this.outerNumber(0).text;
  }

  /** A filter: a row condition. */
  filter(): string {
    return this.rowBool(1).text;
  }

  /** A derived formula over KPI ids. */
  derived(ids: readonly string[]): string {
    return this.scalarNumber(0, () =>
      ids.length > 0 && chance(this.next, 0.8) ? prim(pick(this.next, ids)) : this.numberLiteral(),
    ).text;
  }

  private outerNumber(depth: number): Printed {
    return this.scalarNumber(
      depth,
      () => this.aggregate(),
      (d) => this.outerBool(d),
    );
  }

  private outerBool(depth: number): Printed {
    const n = this.next;
    if (depth >= this.maxDepth || chance(n, 0.5)) {
      const op = pick(n, ['==', '!=', '<', '<=', '>', '>=']);
      return binary(this.outerNumber(depth + 1), op, this.outerNumber(depth + 1), CMP);
    }
    return this.logic(depth, (d) => this.outerBool(d));
  }

  /**
   * Numbers over leaves: literals, arithmetic, scalar functions. `leaf` gives an aggregate
   * (outer part), a column (rows) or a KPI id (derived).
   */
  private scalarNumber(depth: number, leaf: () => Printed, cond?: (depth: number) => Printed): Printed {
    const n = this.next;
    const sub = (): Printed => this.scalarNumber(depth + 1, leaf, cond);
    if (depth >= this.maxDepth) return chance(n, 0.7) ? leaf() : this.numberLiteral();
    const kind = weighted(n, [
      [4, 'leaf'],
      [1, 'literal'],
      [3, 'arith'],
      [1, 'neg'],
      [1, 'fn1'],
      [1, 'round'],
      [1, 'coalesce'],
      [cond ? 1 : 0, 'if'],
      [0.2, 'null'],
      [0.5, 'paren'],
    ] as const);
    switch (kind) {
      case 'leaf':
        return leaf();
      case 'literal':
        return this.numberLiteral();
      case 'arith': {
        const op = pick(n, ['+', '-', '*', '/']);
        return binary(sub(), op, sub(), op === '+' || op === '-' ? ADD : MUL);
      }
      case 'neg':
        return unary('-', sub(), UNARY);
      case 'fn1':
        return call(pick(n, ['abs', 'floor', 'ceil', 'round']), [sub()]);
      case 'round':
        return call('round', [sub(), prim(String(between(n, 0, 4)))]);
      case 'coalesce':
        return call('coalesce', chance(n, 0.5) ? [sub(), sub()] : [sub(), prim('null'), this.numberLiteral()]);
      case 'if':
        return call('if', [cond!(depth + 1), sub(), sub()]);
      case 'null':
        return prim('null');
      case 'paren':
        return paren(sub());
    }
  }

  private aggregate(): Printed {
    const n = this.next;
    const kind = weighted(n, [
      [1, 'count'],
      [2, 'countP'],
      [2, 'pct'],
      [1, 'share'],
      [3, 'numeric'],
      [1, 'percentile'],
      [1, 'distinct'],
    ] as const);
    const where = (): string => (chance(n, 0.35) ? ` where ${this.rowBool(2).text}` : '');
    switch (kind) {
      case 'count':
        return prim('count()');
      case 'countP':
      case 'pct':
      case 'share': {
        const name = kind === 'countP' ? 'count' : kind;
        return prim(`${name}(${this.rowBool(1).text})`);
      }
      case 'numeric': {
        const name = pick(n, ['sum', 'avg', 'min', 'max', 'median']);
        return prim(`${name}(${this.rowNumber(1).text}${where()})`);
      }
      case 'percentile': {
        const p = pick(n, ['0', '100', '50', '90', '25.5', '99.9', '100 - 10', '1e1', '33']);
        return prim(`percentile(${this.rowNumber(1).text}, ${p}${where()})`);
      }
      case 'distinct': {
        const type = pick(n, ['number', 'string', 'boolean', 'date'] as const);
        return prim(`count_distinct(${this.row(type, 1).text}${where()})`);
      }
    }
  }

  private row(type: ColumnType, depth: number): Printed {
    switch (type) {
      case 'number':
        return this.rowNumber(depth);
      case 'boolean':
        return this.rowBool(depth);
      case 'string':
        return this.rowString(depth);
      case 'date':
        return this.rowDate(depth);
    }
  }

  private column(type: ColumnType): Printed | undefined {
    const columns = this.byType.get(type);
    if (!columns || columns.length === 0) return undefined;
    return prim(identifierText(pick(this.next, columns).name));
  }

  private rowNumber(depth: number): Printed {
    const n = this.next;
    if (depth < this.maxDepth && chance(n, 0.15)) {
      const fn = pick(n, ['days_between', 'hours_between', 'minutes_between']);
      return call(fn, [this.rowDate(depth + 1, true), this.rowDate(depth + 1, true)]);
    }
    return this.scalarNumber(
      depth,
      () => this.column('number') ?? this.numberLiteral(),
      (d) => this.rowBool(d),
    );
  }

  private rowString(depth: number): Printed {
    const n = this.next;
    if (depth >= this.maxDepth || chance(n, 0.7)) return this.column('string') ?? this.stringLiteral();
    if (chance(n, 0.5)) return call('coalesce', [this.rowString(depth + 1), this.stringLiteral()]);
    return call('if', [this.rowBool(depth + 1), this.rowString(depth + 1), this.rowString(depth + 1)]);
  }

  /** A date expression; `literalOk` where a date-shaped string literal alone is read as a date (*_between). */
  private rowDate(depth: number, literalOk = false): Printed {
    const n = this.next;
    const column = this.column('date');
    if (!column) return this.dateLiteral();
    if (literalOk && chance(n, 0.2)) return this.dateLiteral();
    if (depth >= this.maxDepth || chance(n, 0.75)) return column;
    if (chance(n, 0.5)) return call('coalesce', [column, chance(n, 0.3) ? prim('null') : this.dateLiteral()]);
    return call('if', [this.rowBool(depth + 1), column, chance(n, 0.5) ? this.dateLiteral() : this.rowDate(depth + 1)]);
  }

  private rowBool(depth: number): Printed {
    const n = this.next;
    const column = this.column('boolean');
    if (depth >= this.maxDepth) return column ?? prim(pick(n, ['true', 'false']));
    const kind = weighted(n, [
      [2, 'column'],
      [3, 'cmpNumber'],
      [1, 'cmpString'],
      [1, 'cmpDate'],
      [1, 'isNull'],
      [1, 'in'],
      [3, 'logic'],
      [0.3, 'literal'],
      [0.3, 'coalesce'],
      [0.3, 'if'],
      [0.2, 'cmpBool'],
    ] as const);
    const cmp = pick(n, ['==', '!=', '<', '<=', '>', '>=']);
    switch (kind) {
      case 'column':
        return column ?? prim(pick(n, ['true', 'false']));
      case 'cmpNumber':
        return binary(this.rowNumber(depth + 1), cmp, this.rowNumber(depth + 1), CMP);
      case 'cmpString':
        return binary(
          this.rowString(depth + 1),
          cmp,
          chance(n, 0.6) ? this.stringLiteral() : this.rowString(depth + 1),
          CMP,
        );
      case 'cmpDate': {
        const left = this.rowDate(depth + 1);
        const right = chance(n, 0.6) ? this.dateLiteral() : this.rowDate(depth + 1);
        return chance(n, 0.5) ? binary(left, cmp, right, CMP) : binary(right, cmp, left, CMP);
      }
      case 'cmpBool':
        return binary(this.rowBool(depth + 1), pick(n, ['==', '!=']), this.rowBool(depth + 1), CMP);
      case 'isNull': {
        const type = pick(n, ['number', 'string', 'boolean', 'date'] as const);
        const side = this.row(type, depth + 1);
        const test = pick(n, ['==', '!=']);
        return chance(n, 0.8) ? binary(side, test, prim('null'), CMP) : binary(prim('null'), test, side, CMP);
      }
      case 'in':
        return this.inList(depth);
      case 'logic':
        return this.logic(depth, (d) => this.rowBool(d));
      case 'literal':
        return prim(pick(n, ['true', 'false', 'null']));
      case 'coalesce':
        return call('coalesce', [this.rowBool(depth + 1), prim(pick(n, ['true', 'false', 'null']))]);
      case 'if':
        return call('if', [this.rowBool(depth + 1), this.rowBool(depth + 1), this.rowBool(depth + 1)]);
    }
  }

  private inList(depth: number): Printed {
    const n = this.next;
    const type = pick(n, ['number', 'string', 'date'] as const);
    const value = type === 'date' ? this.rowDate(depth + 1) : this.row(type, depth + 1);
    const count = between(n, 1, 4);
    const items: string[] = [];
    for (let k = 0; k < count; k++) {
      if (chance(n, 0.1)) items.push('null');
      else if (type === 'number')
        items.push(chance(n, 0.8) ? this.numberLiteral().text : this.rowNumber(depth + 1).text);
      else if (type === 'string') items.push(this.stringLiteral().text);
      else items.push(this.dateLiteral().text);
    }
    const op = chance(n, 0.3) ? 'not in' : 'in';
    return { text: `${wrap(value, CMP + 1)} ${op} (${items.join(', ')})`, prec: CMP };
  }

  private logic(depth: number, sub: (depth: number) => Printed): Printed {
    const n = this.next;
    const kind = pick(n, ['and', 'or', 'not']);
    if (kind === 'not') return unary('not', sub(depth + 1), NOT);
    return binary(sub(depth + 1), kind, sub(depth + 1), kind === 'and' ? AND : OR);
  }

  numberLiteral(): Printed {
    const n = this.next;
    return prim(
      weighted(n, [
        [4, () => String(between(n, 0, 20))],
        [2, () => (between(n, 0, 2000) / 100).toString()],
        [1, () => pick(n, ['0', '0.0', '.5', '1e3', '2.5E-1', '1e-7', '100', '0.1', '3.', '2.675', '1e15'])],
      ] as const)(),
    );
  }

  private stringLiteral(): Printed {
    return prim(quote(this.next, pick(this.next, STRING_VALUES)));
  }

  private dateLiteral(): Printed {
    return prim(quote(this.next, pick(this.next, DATE_LITERALS)));
  }
}

/** A string literal in double or single quotes, escaped as SPEC 3 says. */
export function quote(next: Next, value: string): string {
  const q = chance(next, 0.7) ? '"' : "'";
  return q + value.replaceAll('\\', '\\\\').replaceAll(q, `\\${q}`) + q;
}

function prim(text: string): Printed {
  return { text, prec: PRIMARY };
}

function paren(p: Printed): Printed {
  return prim(`(${p.text})`);
}

function wrap(p: Printed, min: number): string {
  return p.prec >= min ? p.text : `(${p.text})`;
}

function binary(left: Printed, op: string, right: Printed, prec: number): Printed {
  // Comparisons do not chain; other operators are left-associative.
  const leftMin = prec === CMP ? CMP + 1 : prec;
  return { text: `${wrap(left, leftMin)} ${op} ${wrap(right, prec + 1)}`, prec };
}

function unary(op: '-' | 'not', operand: Printed, prec: number): Printed {
  const text = wrap(operand, op === '-' ? UNARY : NOT);
  return { text: op === '-' ? `-${text}` : `not ${text}`, prec };
}

function call(name: string, args: Printed[]): Printed {
  return prim(`${name}(${args.map((a) => a.text).join(', ')})`);
}
