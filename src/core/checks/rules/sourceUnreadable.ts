import type { SourceRange } from '../../model/range';
import type { Source } from '../../model/kpiFile';
import type { SourcePlace } from '../../data/engineSources';
import { closestMatches, didYouMean } from '../../common/suggest';
import { changeToFixes } from '../fixes/changeTo';
import type { Rule } from './rule';

export const sourceUnreadable: Rule = {
  id: 'source-unreadable',
  defaultSeverity: 'error',
  description: 'A missing data file, or data that cannot be read (with its record number).',
  check(ctx) {
    for (const source of ctx.model.sources) {
      const state = ctx.sources.get(source.name);
      if (state?.status !== 'unreadable') continue;
      // A `columns:` entry the data does not bear out is the place to fix; the data's own faults are at the path.
      const { record, column } = state.error;
      const declared =
        record === undefined && column !== undefined ? source.columns.find((c) => c.name === column) : undefined;
      const range = declared?.nameRange ?? placeRange(source, state.place ?? 'path');
      const written = state.place === 'connection' ? source.connection?.value : undefined;
      const matches = written !== undefined && state.suggestions ? closestMatches(written, state.suggestions) : [];
      ctx.report({
        message: `Source "${source.name}" cannot be read: ${state.error.message}.${didYouMean(matches)} KPIs that use it are not computed.`,
        range,
        ...(matches.length > 0 ? { fixes: changeToFixes(matches, range) } : {}),
      });
    }
  },
};

/** Where a problem with part of a source is shown: that part's value, else the nearest one written. */
function placeRange(source: Source, place: SourcePlace): SourceRange {
  const order: (Source['path'] | undefined)[] =
    place === 'connection'
      ? [source.connection, source.table, source.query, source.path]
      : place === 'table' || place === 'query'
        ? [source.table, source.query, source.connection, source.path]
        : [source.path, source.connection, source.table, source.query];
  return order.find((v) => v !== undefined)?.range ?? source.nameRange;
}
