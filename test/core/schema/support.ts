import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Fix, RawFinding } from '../../../src/core/model/finding';
import type { SourceRange } from '../../../src/core/model/range';
import { schemaFindings } from '../../../src/core/schema/findings';
import { loadKpiFile } from '../../../src/core/yaml/loadKpiFile';
import { fixture } from '../../paths';

export interface Checked {
  text: string;
  findings: RawFinding[];
}

export function checkText(text: string): Checked {
  return { text, findings: schemaFindings(loadKpiFile(text)) };
}

/** Schema findings of test/fixtures/schema/<name>. */
export function check(name: string): Checked {
  return checkText(fs.readFileSync(fixture('schema', name), 'utf8'));
}

/** The range of `needle` in `text`, looking from the first occurrence of `after` on. */
export function span(text: string, needle: string, after?: string): SourceRange {
  const from = after === undefined ? 0 : text.indexOf(after);
  assert.ok(from >= 0, `"${after}" is not in the text`);
  const start = text.indexOf(needle, from);
  assert.ok(start >= 0, `"${needle}" is not in the text after "${after ?? ''}"`);
  return { start, end: start + needle.length };
}

/** The one finding at exactly `range`. */
export function findingAt(checked: Checked, range: SourceRange): RawFinding {
  const here = checked.findings.filter((f) => f.range.start === range.start && f.range.end === range.end);
  const all = checked.findings.map(
    (f) => `${JSON.stringify(checked.text.slice(f.range.start, f.range.end))} ${f.message}`,
  );
  assert.equal(
    here.length,
    1,
    `expected one finding at ${JSON.stringify(checked.text.slice(range.start, range.end))}; got:\n${all.join('\n')}`,
  );
  return here[0]!;
}

/** Asserts a finding at the text `needle` (after `after`) and returns it. */
export function expectAt(checked: Checked, needle: string, after?: string): RawFinding {
  return findingAt(checked, span(checked.text, needle, after));
}

/** The text with a fix's edits applied (edits do not overlap). */
export function applyFix(text: string, fix: Fix): string {
  const edits = [...fix.edits].sort((a, b) => b.range.start - a.range.start);
  let out = text;
  for (const edit of edits) out = out.slice(0, edit.range.start) + edit.newText + out.slice(edit.range.end);
  return out;
}

/** The finding's only fix. */
export function onlyFix(finding: RawFinding): Fix {
  assert.equal(finding.fixes?.length, 1, `expected one fix on: ${finding.message}`);
  return finding.fixes![0]!;
}
