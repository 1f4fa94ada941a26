import type { RawFinding } from './finding';
import type { SourceRange } from './range';

/**
 * Offsets move when text is inserted or removed before them: an edit that made the text
 * `delta` characters longer moves every offset at or after `from` (in the old text) by
 * `delta`. Used by the incremental re-analysis for the parts of a file after the edit.
 */
export interface Shift {
  from: number;
  delta: number;
}

export function shiftOffset(offset: number, { from, delta }: Shift): number {
  return offset >= from ? offset + delta : offset;
}

export function shiftRange(range: SourceRange, shift: Shift): SourceRange {
  return { start: shiftOffset(range.start, shift), end: shiftOffset(range.end, shift) };
}

/** A copy of a finding with its range and its fixes' edits moved (the original is left as it is). */
export function shiftFinding<F extends RawFinding>(finding: F, shift: Shift): F {
  const moved: F = { ...finding, range: shiftRange(finding.range, shift) };
  if (finding.fixes) {
    moved.fixes = finding.fixes.map((fix) => ({
      ...fix,
      edits: fix.edits.map((e) => ({ ...e, range: shiftRange(e.range, shift) })),
    }));
  }
  return moved;
}

/**
 * Moves, in place, the ranges of a part of the model (a KPI, a goal, a source, a rule
 * setting): every number under a `start` or `end` key, and every number of a formula's
 * `offsets`. A rule's `options` are the author's own data, left as they are. The model
 * builder gives every range an object of its own, so nothing is moved twice.
 */
export function shiftModelInPlace(value: unknown, shift: Shift): void {
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) shiftModelInPlace(item, shift);
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const v = record[key];
    if (typeof v === 'number') {
      if (key === 'start' || key === 'end') record[key] = shiftOffset(v, shift);
    } else if (key === 'offsets' && Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) v[i] = shiftOffset(v[i] as number, shift);
    } else if (typeof v === 'object' && key !== 'options') {
      shiftModelInPlace(v, shift);
    }
  }
}
