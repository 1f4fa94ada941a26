/**
 * Every rule id, in the order of SPEC section 4: the one list the registry, the schema's
 * `rules:` map, the README's rules table and the tests are derived from or checked against.
 */
export const RULE_IDS = [
  'yaml-syntax',
  'schema',
  'duplicate-id',
  'unknown-goal',
  'goal-cycle',
  'no-goal',
  'goal-without-kpi',
  'unknown-source',
  'source-outside-workspace',
  'source-unreadable',
  'formula-syntax',
  'unknown-column',
  'unknown-function',
  'unknown-kpi',
  'type-mismatch',
  'bare-column',
  'nested-aggregate',
  'aggregate-in-derived',
  'kpi-cycle',
  'grain-mismatch',
  'grain-without-time',
  'target-missing',
  'target-no-due',
  'target-no-baseline',
  'target-direction',
  'target-out-of-range',
  'target-past-due',
  'goal-only-lagging',
  'goal-too-many-kpis',
  'no-guardrail',
] as const;

export type RuleId = (typeof RULE_IDS)[number];
