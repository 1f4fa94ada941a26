import type { Fix } from '../../model/finding';
import type { SourceRange } from '../../model/range';

/** The did-you-mean quick fixes: one "Change to …" per match, the closest preferred. */
export function changeToFixes(matches: readonly string[], range: SourceRange): Fix[] {
  return matches.map((m, i) => ({ title: `Change to "${m}"`, edits: [{ range, newText: m }], preferred: i === 0 }));
}
