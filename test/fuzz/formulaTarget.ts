/**
 * Formulas alone: random token sequences, generated formulas (whole, cut and spliced) and
 * deep nesting, checked as a sourced formula, a filter, with unreadable data and as a
 * derived formula. Diagnostics must lie inside the formula; what checks clean is evaluated
 * over a random table (sourced, with a random grain) or random inputs (derived).
 */
import { analyzeFormula, evaluateDerived, evaluateSourced, type KpiValue } from '../../src/core/formula';
import type { CheckContext, CheckedFormula } from '../../src/core/formula/api';
import type { Grain } from '../../src/core/model/kpiFile';
import { chance, pick, weighted } from './choose';
import { deep, spliced, tokenSoup } from './formulaTokens';
import { FormulaGenerator } from './formulaGen';
import { fail, type CaseOutcome, type FuzzTarget } from './harness';
import { randomTable } from './tableGen';

const KPI_IDS = ['nps', 'aht', 'x', 'score', 'sum', 'a_b'];
const GRAINS: readonly Grain[] = ['day', 'week', 'month', 'quarter', 'year'];

function checkDiagnostics(text: string, checked: CheckedFormula): void {
  for (const d of checked.diagnostics)
    if (!(
      Number.isInteger(d.start) &&
      Number.isInteger(d.end) &&
      0 <= d.start &&
      d.start <= d.end &&
      d.end <= text.length
    ))
      fail(`${d.rule} diagnostic at [${d.start}, ${d.end}) outside the ${text.length}-character formula: ${d.message}`);
  for (const ref of [...checked.columnRefs, ...checked.kpiRefs, ...checked.functionRefs])
    if (!(0 <= ref.start && ref.start < ref.end && ref.end <= text.length))
      fail(`reference ${ref.name} at [${ref.start}, ${ref.end}) outside the formula`);
}

function checkValue(v: KpiValue): void {
  for (const x of [v.value, ...(v.series ?? []).map((e) => e.value)])
    if (x !== null && !Number.isFinite(x)) fail(`value ${x}: a result is a finite number or null`);
}

export const formulaTarget: FuzzTarget = {
  name: 'formula',
  run(ctx): CaseOutcome {
    const next = ctx.next;
    const generated = randomTable(next);
    const gen = new FormulaGenerator(next, generated.columns, 5);
    const text = weighted(next, [
      [3, () => tokenSoup(next)],
      [3, () => gen.formula()],
      [1, () => gen.filter()],
      [1, () => gen.derived(KPI_IDS)],
      [3, () => spliced(next, gen.formula())],
      [0.3, () => deep(next)],
    ] as const)();
    ctx.input('formula.txt', text);
    const columns = new Map([...generated.ref.types]);
    const contexts: CheckContext[] = [
      { mode: 'sourced', role: 'formula', columns },
      { mode: 'sourced', role: 'filter', columns },
      { mode: 'sourced', role: 'formula', columns: undefined },
      { mode: 'derived', kpis: new Set(KPI_IDS) },
    ];
    for (const c of contexts) {
      const checked = analyzeFormula(text, c);
      checkDiagnostics(text, checked);
      if (checked.diagnostics.length > 0 || !checked.expr || (c.mode === 'sourced' && c.columns === undefined))
        continue;
      if (c.mode === 'derived') {
        const inputs = new Map<string, KpiValue>();
        for (const id of KPI_IDS) {
          if (chance(next, 0.1)) continue;
          const value = chance(next, 0.2) ? null : pick(next, [0, 1, -2.5, 100, 1e15]);
          inputs.set(id, {
            value,
            divisionByZero: false,
            series: chance(next, 0.5) ? [{ period: '2025-01', start: '2025-01-01', value }] : undefined,
          });
        }
        checkValue(evaluateDerived(checked, inputs, chance(next, 0.5) ? 'month' : undefined));
      } else if (c.role === 'formula') {
        const grain = chance(next, 0.5) ? pick(next, GRAINS) : undefined;
        checkValue(
          evaluateSourced(checked, undefined, generated.table, grain ? { time: generated.time, grain } : undefined),
        );
      } else {
        evaluateSourced(
          analyzeFormula('count()', { mode: 'sourced', role: 'formula', columns }),
          checked,
          generated.table,
        );
      }
    }
    return 'passed';
  },
};
