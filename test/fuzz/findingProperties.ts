/**
 * Properties of every finding of an analysis (SPEC 4: "the exact range of the text it is
 * about"): its range lies inside the document, is not empty when the document is not, and
 * where the rule names something, the text at the range is that name.
 */
import type { Finding, RawFinding } from '../../src/core/model/finding';
import { fail } from './harness';

/** Rules whose message quotes the name at the range as `"name"` (a YAML scalar). */
const QUOTED_NAME_RULES = new Set(['unknown-goal', 'unknown-source', 'duplicate-id']);

/** Formula rules whose message says `<word> NAME.` of the identifier or function name at the range. */
const FORMULA_NAME_WORDS: Readonly<Record<string, string>> = {
  'unknown-column': 'no column ',
  'unknown-function': 'no function ',
  'unknown-kpi': 'the id ',
};

export function checkFindings(text: string, findings: readonly (Finding | RawFinding)[]): void {
  for (const finding of findings) {
    const { start, end } = finding.range;
    const where = `${finding.rule} finding at [${start}, ${end}) of a ${text.length}-character file (${JSON.stringify(finding.message.slice(0, 120))})`;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > text.length)
      fail(`range outside the document: ${where}`);
    if (start === end && text.trim() !== '' && finding.rule !== 'yaml-syntax' && !afterEmptyItem(text, start))
      fail(`empty range: ${where}`);
    checkNamedText(text.slice(start, end), finding, where);
  }
}

/** The text at a finding's range, where the rule names what is there. */
function checkNamedText(at: string, finding: Finding | RawFinding, where: string): void {
  const word = FORMULA_NAME_WORDS[finding.rule];
  // Escapes and line folding of quoted YAML scalars change the text, and an alias (`*a`)
  // names its anchor's value: those are not checkable here.
  if (/[\\\r\n]/.test(at) || at.startsWith('*')) return;
  if (word !== undefined) {
    if (finding.rule === 'unknown-kpi' && finding.message.includes('lists the guardrail')) {
      expectQuoted(at, finding, where);
      return;
    }
    // The time column of a source and a breakdown entry are YAML values, quoted in the message.
    if (
      finding.rule === 'unknown-column' &&
      (finding.message.startsWith('The time column') || finding.message.startsWith('The breakdown column'))
    ) {
      expectQuoted(at, finding, where);
      return;
    }
    const name = at.startsWith('`') && at.endsWith('`') && at.length >= 2 ? at.slice(1, -1) : at;
    if (name === '' || !finding.message.includes(`${word}${name}.`))
      fail(`the range text ${JSON.stringify(at)} is not the name the message gives: ${where}`);
    return;
  }
  if (QUOTED_NAME_RULES.has(finding.rule)) expectQuoted(at, finding, where);
}

function expectQuoted(at: string, finding: Finding | RawFinding, where: string): void {
  const value = scalarValue(at);
  if (value === undefined) return;
  if (!finding.message.includes(`"${value}"`))
    fail(`the range text ${JSON.stringify(at)} is not the value the message quotes: ${where}`);
}

/** The value of a one-line YAML scalar as written; undefined when not simply decodable. */
function scalarValue(at: string): string | undefined {
  if (at.length >= 2 && at.startsWith('"') && at.endsWith('"')) return at.slice(1, -1);
  if (at.length >= 2 && at.startsWith("'") && at.endsWith("'")) return at.slice(1, -1).replaceAll("''", "'");
  if (/^[\s"'[{]/.test(at) || at.includes('"')) return undefined;
  return at;
}

/**
 * An empty YAML node (`- `, `key:`, maybe with an anchor or tag: `- &a`, `&a` alone) has no text to
 * point at: a finding about it (e.g. no-goal on an empty KPI item) has an empty range
 * there. Allowed, and listed in the fuzz note as a weakness.
 */
function afterEmptyItem(text: string, at: number): boolean {
  // After an indicator (`-`, `:`, …) with maybe anchors or tags, or a line of only anchors or tags.
  return /(?:(?:^|[-:?,[{])(?:\s*[&!]\S*)*|\n(?:\s*[&!]\S*)+)\s*$/.test(text.slice(Math.max(0, at - 200), at));
}
