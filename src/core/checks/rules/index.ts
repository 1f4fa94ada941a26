import type { Rule } from './rule';
import { duplicateId } from './duplicateId';
import { formulaRules } from './formulaRules';
import { goalCycle } from './goalCycle';
import { goalOnlyLagging } from './goalOnlyLagging';
import { goalTooManyKpis } from './goalTooManyKpis';
import { goalWithoutKpi } from './goalWithoutKpi';
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

/** Every check, in the order of SPEC section 4. Add a rule here (see ARCHITECTURE.md). */
export const RULES: readonly Rule[] = [
  yamlSyntax,
  schema,
  duplicateId,
  unknownGoal,
  goalCycle,
  noGoal,
  goalWithoutKpi,
  unknownSource,
  sourceOutsideWorkspace,
  sourceUnreadable,
  ...formulaRules.slice(0, 3),
  unknownKpi,
  ...formulaRules.slice(3),
  targetMissing,
  targetNoDue,
  targetNoBaseline,
  targetDirection,
  targetOutOfRange,
  targetPastDue,
  goalOnlyLagging,
  goalTooManyKpis,
  noGuardrail,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));
