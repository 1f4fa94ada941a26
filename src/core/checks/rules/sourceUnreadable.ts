import type { Rule } from './rule';

export const sourceUnreadable: Rule = {
  id: 'source-unreadable',
  defaultSeverity: 'error',
  description: 'A missing data file, or data that cannot be read (with its record number).',
  check(ctx) {
    for (const source of ctx.model.sources) {
      const state = ctx.sources.get(source.name);
      if (state?.status !== 'unreadable' || !source.path) continue;
      // A `columns:` entry the data does not bear out is the place to fix; the data's own faults are at the path.
      const { record, column } = state.error;
      const declared =
        record === undefined && column !== undefined ? source.columns.find((c) => c.name === column) : undefined;
      ctx.report({
        message: `Source "${source.name}" cannot be read: ${state.error.message}. KPIs that use it are not computed.`,
        range: declared?.nameRange ?? source.path.range,
      });
    }
  },
};
