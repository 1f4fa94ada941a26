/**
 * Differential target: random well-typed formulas (and filters, and grains) over random
 * tables, evaluated by the compiled evaluator (evaluateSourced) and by the reference
 * interpreter. Value, every period label, start and value, and the division-by-zero note
 * must be identical. Numbers are compared exactly (0 and -0 count as equal): both sides
 * add in row order and interpolate percentiles with the same formula, so no tolerance is
 * needed. Formulas the checker rejects are skipped, and counted as skipped.
 */
import { analyzeFormula, evaluateSourced, type KpiValue } from '../../src/core/formula';
import type { CheckContext } from '../../src/core/formula/api';
import type { Grain } from '../../src/core/model/kpiFile';
import { chance, pick } from './choose';
import { FormulaGenerator, type ColumnSpec } from './formulaGen';
import { fail, inputNamed, textOf, type CaseOutcome, type FuzzTarget } from './harness';
import { referenceEvaluate, type RefResult } from './referenceInterpreter';
import { randomTable, rowFromJson, rowToJson, tableFromRows, type GeneratedTable } from './tableGen';

const GRAINS: readonly Grain[] = ['day', 'week', 'month', 'quarter', 'year'];

export const diffTarget: FuzzTarget = {
  name: 'diff',
  run(ctx): CaseOutcome {
    const next = ctx.next;
    const generated = randomTable(next);
    // A text time column is read for its dates, not offered to formulas as text.
    const usable = generated.columns.filter((c) => c.name !== generated.time || c.type === 'date');
    const gen = new FormulaGenerator(next, usable);
    const formulaText = gen.formula();
    const filterText = chance(next, 0.3) ? gen.filter() : '';
    const grain = chance(next, 0.6) ? pick(next, GRAINS) : undefined;
    const settings: DiffCase = { columns: generated.columns, time: generated.time, ...(grain ? { grain } : {}) };
    ctx.input('formula.txt', formulaText);
    ctx.input('filter.txt', filterText);
    ctx.input('case.meta', JSON.stringify(settings));
    ctx.input('rows.jsonl', generated.ref.rows.map(rowToJson).join('\n'));
    return check(formulaText, filterText, generated, grain);
  },
  replay(inputs) {
    const settings = JSON.parse(textOf(inputNamed(inputs, 'case.meta'))) as DiffCase;
    const lines = textOf(inputNamed(inputs, 'rows.jsonl'))
      .split('\n')
      .filter((l) => l.trim() !== '');
    const rows = lines.map((line) => rowFromJson(line, settings.columns));
    const generated = tableFromRows(settings.columns, rows, settings.time);
    const formula = textOf(inputNamed(inputs, 'formula.txt'));
    check(formula, textOf(inputNamed(inputs, 'filter.txt')), generated, settings.grain);
  },
};

/** What a diff case's `case.meta` holds besides the formula, the filter and the rows. */
interface DiffCase {
  columns: ColumnSpec[];
  time: string;
  grain?: Grain;
}

/** Evaluates by both and compares; an empty filter text is no filter. */
function check(
  formulaText: string,
  filterText: string,
  generated: GeneratedTable,
  grain: Grain | undefined,
): CaseOutcome {
  const columns = new Map([...generated.ref.types]);
  const formulaCtx: CheckContext = { mode: 'sourced', role: 'formula', columns };
  const formula = analyzeFormula(formulaText, formulaCtx);
  const filter = filterText === '' ? undefined : analyzeFormula(filterText, { ...formulaCtx, role: 'filter' });
  if (formula.diagnostics.length > 0 || (filter?.diagnostics.length ?? 0) > 0 || !formula.expr) return 'skipped';
  const grouping = grain === undefined ? undefined : { time: generated.time, grain };
  const actual = evaluateSourced(formula, filter, generated.table, grouping);
  const expected = referenceEvaluate(formula.expr, filter?.expr, generated.ref, grouping);
  compare(actual, expected);
  return 'passed';
}

function same(a: number | null, b: number | null): boolean {
  return a === b || (a !== null && b !== null && Number.isNaN(a) && Number.isNaN(b));
}

function compare(actual: KpiValue, expected: RefResult): void {
  const show = (v: unknown): string => JSON.stringify(v);
  if (!same(actual.value, expected.value))
    fail(`value: evaluator ${show(actual.value)}, reference ${show(expected.value)}`);
  if (actual.divisionByZero !== expected.divisionByZero)
    fail(`division-by-zero note: evaluator ${actual.divisionByZero}, reference ${expected.divisionByZero}`);
  if ((actual.series === undefined) !== (expected.series === undefined)) fail('one side has a series, the other not');
  const a = actual.series ?? [];
  const e = expected.series ?? [];
  if (a.length !== e.length)
    fail(
      `series length: evaluator ${a.length} (${show(a.map((p) => p.period))}), reference ${e.length} (${show(e.map((p) => p.period))})`,
    );
  a.forEach((entry, k) => {
    const ref = e[k]!;
    if (entry.period !== ref.period || entry.start !== ref.start)
      fail(`period ${k}: evaluator ${entry.period} from ${entry.start}, reference ${ref.period} from ${ref.start}`);
    if (!same(entry.value, ref.value))
      fail(`period ${entry.period}: evaluator ${show(entry.value)}, reference ${show(ref.value)}`);
  });
}
