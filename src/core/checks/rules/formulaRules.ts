import type { Rule } from './rule';

/** The formula checks run in formulas.ts, once per KPI; each rule here picks its own findings. */
function formulaRule(id: string, description: string): Rule {
  return {
    id,
    defaultSeverity: 'error',
    description,
    check: (ctx) => ctx.formulaFindings.filter((f) => f.rule === id),
  };
}

export const formulaRules: Rule[] = [
  formulaRule('formula-syntax', 'A formula or filter that does not parse.'),
  formulaRule('unknown-column', "A name in a formula or filter that is not a column of the KPI's source."),
  formulaRule('unknown-function', 'A function name that does not exist.'),
  formulaRule('type-mismatch', 'A value of the wrong type: sum of text, a number compared with text, a wrong number of arguments.'),
  formulaRule('bare-column', "A column outside any aggregate in a sourced KPI's formula."),
  formulaRule('nested-aggregate', 'An aggregate inside another aggregate.'),
  formulaRule('aggregate-in-derived', 'An aggregate in a derived KPI (one without a source).'),
  formulaRule('kpi-cycle', 'Derived KPIs that reference each other in a loop.'),
  formulaRule('grain-mismatch', 'A derived KPI whose inputs, or whose own grain, differ in grain.'),
  formulaRule('grain-without-time', "A KPI with a grain whose source has no time column."),
];
