import { RULE_IDS, type RuleId } from '../../model/ruleIds';
import type { Rule } from './rule';
import { duplicateId } from './duplicateId';
import {
  aggregateInDerived,
  bareColumn,
  formulaSyntax,
  nestedAggregate,
  typeMismatch,
  unknownColumn,
  unknownFunction,
} from './formulaRules';
import { goalCycle } from './goalCycle';
import { goalOnlyLagging } from './goalOnlyLagging';
import { goalTooManyKpis } from './goalTooManyKpis';
import { goalWithoutKpi } from './goalWithoutKpi';
import { grainMismatch } from './grainMismatch';
import { grainWithoutTime } from './grainWithoutTime';
import { kpiCycle } from './kpiCycle';
import { noGoal } from './noGoal';
import { noGuardrail } from './noGuardrail';
import { schema } from './schema';
import { sourceOutsideWorkspace } from './sourceOutsideWorkspace';
import { sourceUnreadable } from './sourceUnreadable';
import { targetDirection } from './targetDirection';
import { targetMissing } from './targetMissing';
import { targetNoBaseline } from './targetNoBaseline';
import { targetNoDue } from './targetNoDue';
import { targetOutOfRange } from './targetOutOfRange';
import { targetPastDue } from './targetPastDue';
import { unknownGoal } from './unknownGoal';
import { unknownKpi } from './unknownKpi';
import { unknownSource } from './unknownSource';
import { yamlSyntax } from './yamlSyntax';

/** Every rule by its id: a rule id without its rule does not compile (a test checks each is filed under its own id). */
const BY_ID: { readonly [Id in RuleId]: Rule } = {
  'yaml-syntax': yamlSyntax,
  schema,
  'duplicate-id': duplicateId,
  'unknown-goal': unknownGoal,
  'goal-cycle': goalCycle,
  'no-goal': noGoal,
  'goal-without-kpi': goalWithoutKpi,
  'unknown-source': unknownSource,
  'source-outside-workspace': sourceOutsideWorkspace,
  'source-unreadable': sourceUnreadable,
  'formula-syntax': formulaSyntax,
  'unknown-column': unknownColumn,
  'unknown-function': unknownFunction,
  'unknown-kpi': unknownKpi,
  'type-mismatch': typeMismatch,
  'bare-column': bareColumn,
  'nested-aggregate': nestedAggregate,
  'aggregate-in-derived': aggregateInDerived,
  'kpi-cycle': kpiCycle,
  'grain-mismatch': grainMismatch,
  'grain-without-time': grainWithoutTime,
  'target-missing': targetMissing,
  'target-no-due': targetNoDue,
  'target-no-baseline': targetNoBaseline,
  'target-direction': targetDirection,
  'target-out-of-range': targetOutOfRange,
  'target-past-due': targetPastDue,
  'goal-only-lagging': goalOnlyLagging,
  'goal-too-many-kpis': goalTooManyKpis,
  'no-guardrail': noGuardrail,
};

/** Every check, in the order of RULE_IDS (SPEC section 4). Add a rule there and here (see ARCHITECTURE.md). */
export const RULES: readonly Rule[] = RULE_IDS.map((id) => BY_ID[id]);

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));
