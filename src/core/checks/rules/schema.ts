import { schemaFindings } from '../../schema/findings';
import type { Rule } from './rule';

export const schema: Rule = {
  id: 'schema',
  defaultSeverity: 'error',
  fixedSeverity: true,
  description: 'A key or value the KPI file format does not allow, in plain words (JSON Schema violation).',
  check(ctx) {
    for (const f of ctx.loaded.schema ?? schemaFindings(ctx.loaded)) ctx.report(f);
  },
};
