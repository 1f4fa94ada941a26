import type { ErrorObject } from 'ajv';
import type { RawFinding } from '../model/finding';
import type { LoadedFile } from '../yaml/loadKpiFile';
import { collapseErrors } from './collapse';
import { badKeyName, dependency, keyNotApplicable, missingKeys, unknownKey } from './keyProblems';
import { pointerSegments } from './nodes';
import type { Context, Problem } from './places';
import { validateKpiData } from './validator';
import { alternatives, badValue } from './valueProblems';
import { kpiIdAt, type Segments } from './wording';

/**
 * Validates a loaded KPI file against `schemas/kpis.schema.json` and says what is wrong
 * in plain words, at the key or value concerned. A file whose YAML did not parse has no
 * data to validate: its yaml-syntax findings say what to fix first.
 */
export function schemaFindings(loaded: LoadedFile): RawFinding[] {
  if (loaded.data === undefined) return [];
  return placed(loaded, collapseErrors(validateKpiData(loaded.data)));
}

/**
 * The schema findings of one item of the `kpis:` list: that item validated on its own (in
 * the file's root, the other KPIs left out) and placed where it is in the file. A KPI's
 * findings depend on nothing but the KPI itself, so these are the ones schemaFindings
 * gives for it (the incremental re-analysis relies on it; its test compares the two).
 */
export function kpiSchemaFindings(loaded: LoadedFile, index: number): RawFinding[] {
  const data = loaded.data as { kpis: unknown[] };
  const alone = `/kpis/0`;
  const errors = validateKpiData({ ...data, kpis: [data.kpis[index]] }).flatMap((e) =>
    e.instancePath === alone || e.instancePath.startsWith(`${alone}/`)
      ? [{ ...e, instancePath: `/kpis/${index}${e.instancePath.slice(alone.length)}` }]
      : [],
  );
  return placed(loaded, collapseErrors(errors));
}

function placed(loaded: LoadedFile, errors: readonly ErrorObject[]): RawFinding[] {
  const ctx: Context = { text: loaded.model.text, doc: loaded.doc, root: loaded.data };
  const findings: RawFinding[] = [];
  const missing = new Map<string, string[]>();
  for (const error of errors) {
    const segments = pointerSegments(error.instancePath);
    const params: Record<string, unknown> = error.params;
    if (error.keyword === 'required') {
      const keys = missing.get(error.instancePath) ?? [];
      keys.push(String(params['missingProperty']));
      missing.set(error.instancePath, keys);
      continue;
    }
    findings.push(toFinding(ctx, segments, translate(ctx, segments, error, params)));
  }
  for (const [pointer, keys] of missing) {
    const segments = pointerSegments(pointer);
    findings.push(toFinding(ctx, segments, missingKeys(ctx, segments, keys)));
  }
  return sortFindings(unique(findings));
}

/** Schema findings in file order. */
export function sortFindings(findings: RawFinding[]): RawFinding[] {
  return findings.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
}

function toFinding(ctx: Context, segments: Segments, problem: Problem): RawFinding {
  const finding: RawFinding = { rule: 'schema', message: problem.message, range: problem.range };
  const kpi = kpiIdAt(ctx.root, segments);
  if (kpi !== undefined) finding.kpi = kpi;
  if (problem.fix) finding.fixes = [problem.fix];
  return finding;
}

/** An anchored map used in several places fails once per use; report it once. */
function unique(findings: RawFinding[]): RawFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.range.start}:${f.range.end}:${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function translate(ctx: Context, segments: Segments, error: ErrorObject, params: Record<string, unknown>): Problem {
  switch (error.keyword) {
    case 'additionalProperties':
      return unknownKey(ctx, segments, String(params['additionalProperty']), error.parentSchema);
    case 'dependencies':
      return dependency(ctx, segments, String(params['property']), String(params['missingProperty']));
    case 'not':
      // `{ "not": {} }` on a property: a key that does not apply here (per without duration).
      if (segments.length > 0)
        return keyNotApplicable(ctx, segments.slice(0, -1), String(segments[segments.length - 1]));
      return badValue(ctx, segments, error, params);
    case 'oneOf':
    case 'anyOf':
      return alternatives(ctx, segments, error.schema);
    default:
      if (error.propertyName !== undefined) return badKeyName(ctx, segments, error.propertyName, params);
      return badValue(ctx, segments, error, params);
  }
}
