/** Every fuzz target, by name. */
import { dataTarget } from './dataTarget';
import { diffTarget } from './diffTarget';
import { formulaTarget } from './formulaTarget';
import { yamlTarget } from './yamlTarget';
import type { FuzzTarget, TargetName } from './harness';

export const TARGETS: Readonly<Record<TargetName, FuzzTarget>> = {
  yaml: yamlTarget,
  formula: formulaTarget,
  data: dataTarget,
  diff: diffTarget,
};
