import type { Rule } from './rule';

export const yamlSyntax: Rule = {
  id: 'yaml-syntax',
  defaultSeverity: 'error',
  fixedSeverity: true,
  description: 'YAML that does not parse.',
  check(ctx) {
    for (const f of ctx.loaded.findings) ctx.report(f);
  },
};
