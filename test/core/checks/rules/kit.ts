// Shared helpers for the rule tests: load a fixture, analyse it as the CLI would, find
// a finding and check its exact range against the fixture text.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, type Analysis, type AnalysisOptions } from '../../../../src/core/checks/analysis';
import { DataCache } from '../../../../src/core/data/load';
import type { Finding, TextEdit } from '../../../../src/core/model/finding';
import { RULES_BY_ID } from '../../../../src/core/checks/rules';
import { fixture } from '../../../paths';

/** "Today" for every rule test, so that due dates do not rot. */
export const TODAY = '2026-01-15';

/** Root of the rule fixtures; relative source paths stay inside it. */
export const RULES_DIR = fixture('rules');

export interface Loaded {
  file: string;
  text: string;
}

export function load(rel: string): Loaded {
  const file = path.join(RULES_DIR, rel);
  return { file, text: fs.readFileSync(file, 'utf8') };
}

/** Analyses text as if it were the file `file`, with a real data loader and a fixed today. */
export function analyzeText(text: string, file: string, options: AnalysisOptions = {}): Analysis {
  return analyze(text, {
    filePath: file,
    workspaceRoot: RULES_DIR,
    today: TODAY,
    loader: new DataCache(),
    ...options,
  });
}

/** Loads and analyses a fixture under test/fixtures/rules. */
export function analyzeFixture(rel: string, options: AnalysisOptions = {}): Loaded & { analysis: Analysis } {
  const loaded = load(rel);
  return { ...loaded, analysis: analyzeText(loaded.text, loaded.file, options) };
}

export function findingsOf(analysis: Analysis, rule: string): Finding[] {
  return analysis.findings.filter((f) => f.rule === rule);
}

/**
 * The range of the `nth` (0-based) occurrence of `needle` at or after the first
 * occurrence of `after` (a string, or an offset), when given.
 */
export function rangeOf(
  text: string,
  needle: string,
  after?: string | number,
  nth = 0,
): { start: number; end: number } {
  let from = 0;
  if (typeof after === 'number') from = after;
  else if (after !== undefined) {
    from = text.indexOf(after);
    assert.ok(from >= 0, `fixture has no ${JSON.stringify(after)}`);
  }
  let start = text.indexOf(needle, from);
  for (let i = 0; i < nth && start >= 0; i++) start = text.indexOf(needle, start + 1);
  assert.ok(start >= 0, `fixture has no ${JSON.stringify(needle)} after ${JSON.stringify(after)}`);
  return { start, end: start + needle.length };
}

/** Offset of the `nth` (0-based) occurrence of `needle`. */
export function nthIndex(text: string, needle: string, nth: number): number {
  let at = text.indexOf(needle);
  for (let i = 0; i < nth && at >= 0; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `fixture has fewer than ${nth + 1} ${JSON.stringify(needle)}`);
  return at;
}

/** The text a finding highlights. */
export function highlighted(text: string, f: Finding): string {
  return text.slice(f.range.start, f.range.end);
}

/**
 * Asserts the finding of `rule` at exactly the range of `needle` (see rangeOf) exists,
 * has the rule's default severity (unless `severity` is given) and returns it.
 */
export function expectAt(
  analysis: Analysis,
  rule: string,
  needle: string,
  after?: string | number,
  extra: { nth?: number; severity?: Finding['severity']; kpi?: string | null } = {},
): Finding {
  const text = analysis.text;
  const want = rangeOf(text, needle, after, extra.nth);
  const all = findingsOf(analysis, rule);
  const f = all.find((x) => x.range.start === want.start && x.range.end === want.end);
  assert.ok(
    f,
    `expected a ${rule} finding at ${want.start}-${want.end} (${JSON.stringify(needle)}); got ${JSON.stringify(
      all.map((x) => ({ range: x.range, text: highlighted(text, x), message: x.message })),
    )}`,
  );
  assert.equal(highlighted(text, f), needle);
  assert.equal(f.rule, rule);
  const severity = extra.severity ?? RULES_BY_ID.get(rule)?.defaultSeverity;
  assert.equal(f.severity, severity, `severity of ${rule}`);
  if (extra.kpi === null) assert.equal(f.kpi, undefined, `${rule} should name no KPI`);
  else if (extra.kpi !== undefined) assert.equal(f.kpi, extra.kpi, `kpi of ${rule}`);
  return f;
}

/** Asserts the fixture is a valid KPI file: no yaml-syntax or schema finding. */
export function assertValidFile(analysis: Analysis, label = 'fixture'): void {
  const bad = analysis.findings.filter((f) => f.rule === 'yaml-syntax' || f.rule === 'schema');
  assert.deepEqual(
    bad.map((f) => `${f.rule}: ${f.message} at ${JSON.stringify(highlighted(analysis.text, f))}`),
    [],
    `${label} should be a valid KPI file`,
  );
}

/** Asserts the analysis has no finding of `rule`. */
export function assertNone(analysis: Analysis, rule: string): void {
  const found = findingsOf(analysis, rule);
  assert.deepEqual(
    found.map((f) => `${highlighted(analysis.text, f)}: ${f.message}`),
    [],
    `expected no ${rule} finding`,
  );
}

/** Applies non-overlapping edits (in any order) to a text, as an editor does. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.range.start - a.range.start || b.range.end - a.range.end);
  for (let i = 1; i < sorted.length; i++) {
    assert.ok(sorted[i]!.range.end <= sorted[i - 1]!.range.start, 'edits of one fix must not overlap');
  }
  let out = text;
  for (const e of sorted) {
    assert.ok(
      0 <= e.range.start && e.range.start <= e.range.end && e.range.end <= text.length,
      'edit range inside the text',
    );
    out = out.slice(0, e.range.start) + e.newText + out.slice(e.range.end);
  }
  return out;
}

/** Every finding's range lies inside the text. */
export function assertRangesInside(analysis: Analysis): void {
  for (const f of analysis.findings) {
    assert.ok(
      0 <= f.range.start && f.range.start <= f.range.end && f.range.end <= analysis.text.length,
      `${f.rule} range ${f.range.start}-${f.range.end} outside a text of ${analysis.text.length}`,
    );
  }
}
