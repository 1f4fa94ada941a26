/** Rename of goal ids, KPI ids and source names: every definition and reference, checked first. */
import type { Analysis } from '../checks/analysis';
import type { TextEdit } from '../model/finding';
import { isReservedWord } from '../formula';
import type { SourceRange } from '../model/range';
import { occurrences, symbolAt, type NameKind } from './symbolAt';

export type RenameCheck =
  { ok: true; range: SourceRange; name: string; kind: NameKind } | { ok: false; message: string };

export type RenameResult = { ok: true; edits: TextEdit[] } | { ok: false; message: string };

const ID_PATTERN = /^[a-z][a-z0-9_]*$/;
const WHAT: Record<NameKind, string> = { goal: 'goal id', kpi: 'KPI id', source: 'source name' };

/** Whether the name at `offset` can be renamed, and the range the editor offers to edit. */
export function prepareRename(analysis: Analysis, offset: number): RenameCheck {
  const at = symbolAt(analysis, offset);
  if (!at || at.kind === 'column' || at.kind === 'function') {
    const what =
      at?.kind === 'column'
        ? 'A column is named by its data'
        : at?.kind === 'function'
          ? 'A function name is fixed'
          : 'Nothing here';
    return { ok: false, message: `${what}: only goal ids, KPI ids and source names can be renamed.` };
  }
  return { ok: true, range: at.range, name: at.name, kind: at.kind };
}

/** The edits that rename the name at `offset` to `newName` everywhere, or why not. */
export function renameEdits(analysis: Analysis, offset: number, newName: string): RenameResult {
  const at = prepareRename(analysis, offset);
  if (!at.ok) return at;
  const problem = checkNewName(analysis, at.kind, at.name, newName);
  if (problem) return { ok: false, message: problem };
  if (newName === at.name) return { ok: true, edits: [] };
  const edits = occurrences(analysis)
    .filter((o) => o.kind === at.kind && o.name === at.name)
    .map((o) => ({ range: o.range, newText: newName }));
  return { ok: true, edits };
}

/** Why `newName` cannot be the new name of a goal, KPI or source, or undefined when it can. */
export function checkNewName(analysis: Analysis, kind: NameKind, oldName: string, newName: string): string | undefined {
  if (!ID_PATTERN.test(newName)) {
    return `"${newName}" is not a valid ${WHAT[kind]}: use lower-case letters, digits and _, starting with a letter (e.g. ${suggestion(newName)}).`;
  }
  if (kind === 'kpi' && isReservedWord(newName)) {
    return `"${newName}" is a reserved word of the formula language, so a derived formula could not name this KPI. Pick another id.`;
  }
  if (newName === oldName) return undefined;
  const taken = occurrences(analysis).some((o) => o.kind === kind && o.role === 'definition' && o.name === newName);
  return taken
    ? `There is already a ${kind === 'source' ? 'source' : kind === 'kpi' ? 'KPI' : 'goal'} "${newName}".`
    : undefined;
}

function suggestion(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .replace(/_+$/, '');
  return s === '' ? 'my_id' : s;
}
