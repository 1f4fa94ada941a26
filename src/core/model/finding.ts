import type { RuleId } from './ruleIds';
import type { SourceRange } from './range';

export type Severity = 'error' | 'warning' | 'info';

/** A replacement of a range of the KPI file's text. */
export interface TextEdit {
  range: SourceRange;
  newText: string;
}

/** A quick fix: a title the user picks and the edits it makes. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix the editor offers first. */
  preferred?: boolean;
}

/** One problem found in a KPI file, as the editor and the CLI both show it. */
export interface Finding {
  rule: RuleId;
  severity: Severity;
  message: string;
  range: SourceRange;
  /** Id of the KPI the finding is about, where there is one. */
  kpi?: string;
  /** Name of the source the finding is about, where it is about a source rather than a KPI. */
  source?: string;
  fixes?: Fix[];
}

/** A finding before the file's `rules:` map has given it its severity. */
export type RawFinding = Omit<Finding, 'severity'> & { severity?: Severity };
