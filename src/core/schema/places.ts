import { isMap, isScalar, type Document } from 'yaml';
import type { Fix } from '../model/finding';
import type { SourceRange } from '../model/range';
import { fileStart, locate, mapAnchor, nodeRange, pairOf, resolveAlias, stepValueRange, type NodeStep } from './nodes';
import type { Segments } from './wording';

/** What every translation needs: the text, its syntax tree and its data. */
export interface Context {
  text: string;
  doc: Document.Parsed;
  root: unknown;
}

/** A finding before its rule id and KPI are filled in. */
export interface Problem {
  message: string;
  range: SourceRange;
  fix?: Fix;
}

function fullyFound(steps: NodeStep[], segments: Segments): boolean {
  return steps.length === segments.length + 1;
}

/** Where the deepest part of a path that exists is, when the rest does not. */
function nearest(ctx: Context, steps: NodeStep[]): SourceRange {
  if (steps.length <= 1) return fileStart(ctx.text);
  return stepValueRange(ctx.text, steps[steps.length - 1]!, false);
}

export function valueRange(ctx: Context, segments: Segments): { range: SourceRange; step?: NodeStep } {
  const steps = locate(ctx.doc, segments);
  if (!fullyFound(steps, segments)) return { range: nearest(ctx, steps) };
  const step = steps[steps.length - 1]!;
  return { range: stepValueRange(ctx.text, step, segments.length === 0), step };
}

export function keyRange(ctx: Context, segments: Segments, key: string): SourceRange {
  const path = [...segments, key];
  const steps = locate(ctx.doc, path);
  if (!fullyFound(steps, path)) return nearest(ctx, steps);
  const step = steps[steps.length - 1]!;
  return nodeRange(step.key) ?? stepValueRange(ctx.text, step, false);
}

/** A map missing a key: at its `id` value where it has one, else at its key (or first key). */
export function mapRange(ctx: Context, segments: Segments): SourceRange {
  const steps = locate(ctx.doc, segments);
  if (!fullyFound(steps, segments)) return nearest(ctx, steps);
  const step = steps[steps.length - 1]!;
  const map = resolveAlias(ctx.doc, step.value);
  if (segments.length > 0 && isMap(map)) {
    const id = pairOf(map, 'id');
    if (id) {
      const range = nodeRange(id.value as NodeStep['value']) ?? nodeRange(id.key as NodeStep['value']);
      if (range) return range;
    }
  }
  return mapAnchor(ctx.doc, ctx.text, step);
}

export function replaceFix(title: string, range: SourceRange, newText: string): Fix {
  return { title, edits: [{ range, newText }], preferred: true };
}

/** A fix may rewrite a value only where it is written as a plain scalar (not through an alias). */
export function editableScalar(step: NodeStep | undefined): boolean {
  return step !== undefined && isScalar(step.value);
}
