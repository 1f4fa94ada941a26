import type { RuleId } from '../../model/ruleIds';
import type { Rule } from './rule';

/**
 * The rules whose findings the formula checks produce (formulaChecks.ts parses and types
 * every formula once, for all of them); each picks its own findings from there.
 */
function formulaRule(id: RuleId, description: string): Rule {
  return {
    id,
    defaultSeverity: 'error',
    description,
    check(ctx) {
      for (const f of ctx.formulaFindings) if (f.rule === id) ctx.report(f);
    },
  };
}

export const formulaSyntax = formulaRule('formula-syntax', 'A formula or filter that does not parse.');
export const unknownColumn = formulaRule(
  'unknown-column',
  "A name in a formula, filter or breakdown that is not a column of the KPI's source.",
);
export const unknownFunction = formulaRule('unknown-function', 'A function name that does not exist.');
export const typeMismatch = formulaRule(
  'type-mismatch',
  'A value of the wrong type: sum of text, a number compared with text, a wrong number of arguments.',
);
export const bareColumn = formulaRule('bare-column', "A column outside any aggregate in a sourced KPI's formula.");
export const nestedAggregate = formulaRule('nested-aggregate', 'An aggregate inside another aggregate.');
export const aggregateInDerived = formulaRule(
  'aggregate-in-derived',
  'An aggregate in a derived KPI (one without a source).',
);
