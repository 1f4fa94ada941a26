import * as fs from 'node:fs';
import { analyze, type Analysis } from '../../../src/core/checks/analysis';
import { DataCache } from '../../../src/core/data/load';
import { evaluateAnalysis, type KpiResult } from '../../../src/core/evaluation/evaluate';
import type { TextEdit } from '../../../src/core/model/finding';
import { fixture, repoRoot } from '../../paths';
import * as path from 'node:path';

export const EDITOR_FIXTURE = fixture('editor', 'editor.kpis.yaml');
export const SAMPLE = path.join(repoRoot, 'samples', 'kpis.yaml');
export const TODAY = '2026-04-15';

export interface Loaded {
  text: string;
  analysis: Analysis;
  results: KpiResult[];
  /** Offset of the `occurrence`-th `needle`, plus `delta`. */
  at(needle: string, delta?: number, occurrence?: number): number;
}

const loader = new DataCache();

/** Analyses a fixture (optionally with its text changed by `edit`) and computes its results, as the editor does. */
export function load(file = EDITOR_FIXTURE, edit?: (text: string) => string, today = TODAY): Loaded {
  const original = fs.readFileSync(file, 'utf8');
  const text = edit ? edit(original) : original;
  const analysis = analyze(text, { filePath: file, today, loader });
  const results = evaluateAnalysis(analysis);
  return {
    text,
    analysis,
    results,
    at(needle, delta = 0, occurrence = 1) {
      let i = -1;
      for (let n = 0; n < occurrence; n++) {
        i = text.indexOf(needle, i + 1);
        if (i < 0) throw new Error(`fixture has no ${JSON.stringify(needle)} (#${occurrence})`);
      }
      return i + delta;
    },
  };
}

/**
 * A text with a cursor: `¦` marks the offset and is removed. Returns the loaded analysis
 * and the offset, as completion sees text being typed.
 */
export function withCursor(replace: [string, string], file = EDITOR_FIXTURE): Loaded & { offset: number } {
  const loaded = load(file, (t) => {
    if (!t.includes(replace[0])) throw new Error(`fixture has no ${JSON.stringify(replace[0])}`);
    return t.replace(replace[0], replace[1]).replace('¦', '');
  });
  const marked = fs.readFileSync(file, 'utf8').replace(replace[0], replace[1]);
  return { ...loaded, offset: marked.indexOf('¦') };
}

/** The text with edits applied (from the end, as an editor applies them). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.range.start - a.range.start)) {
    out = out.slice(0, e.range.start) + e.newText + out.slice(e.range.end);
  }
  return out;
}

/** The text of each range. */
export function texts(text: string, ranges: readonly { start: number; end: number }[]): string[] {
  return ranges.map((r) => text.slice(r.start, r.end));
}

/** 1-based line of an offset. */
export function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}
