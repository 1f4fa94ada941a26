/** The formula language (SPEC 3): parse, check, evaluate. */
export * from './api';
export { analyzeFormula } from './checker';
export {
  evaluateSourced,
  evaluateSourcedGroups,
  type GroupFold,
  type GroupedValues,
  type Grouping,
  type RowGroups,
} from './evaluateSourced';
export { evaluateDerived } from './derived';
export { FUNCTIONS, functionInfo, arityText, type FunctionInfo } from './functions';
export { RESERVED_WORDS, isReservedWord, isPlainIdentifier, identifierText } from './lexer';
export { roundHalfAway } from './compileCall';
export { quantileOfSorted } from './aggregates';
export { walk, children } from './ast';
export type * from './ast';
