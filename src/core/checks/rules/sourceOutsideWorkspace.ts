import type { Rule } from './rule';

export const sourceOutsideWorkspace: Rule = {
  id: 'source-outside-workspace',
  defaultSeverity: 'error',
  fixedSeverity: true,
  description: 'A source path that leaves the workspace folder (the file is not read).',
  check(ctx) {
    for (const source of ctx.model.sources) {
      const state = ctx.sources.get(source.name);
      if (state?.status !== 'outside' || !source.path) continue;
      ctx.report({
        message:
          `The data of source "${source.name}" (${source.path.value}) lies outside the workspace folder, so KPI Lens does not read it. ` +
          `Move the file into the workspace, or allow it with the setting kpiLens.allowSourcesOutsideWorkspace (CLI: --allow-outside).`,
        range: source.path.range,
      });
    }
  },
};
