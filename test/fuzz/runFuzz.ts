/**
 * Runs fuzz cases: a number of cases per target (bounded by a time budget too), each from
 * its own seed, checking that none throws, none exceeds its time bound and every property
 * holds. A failing case's inputs are written to test-results/fuzz/ with the seed and index
 * that replay it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { shrinkCase } from './shrink';
import {
  caseSeed,
  contextFor,
  PropertyFailure,
  timeBoundMs,
  type CaseContext,
  type CaseInput,
  type FuzzTarget,
  type TargetName,
} from './harness';

export interface FuzzOptions {
  seed: number;
  /** Cases in all, shared equally by the targets run. */
  cases: number;
  /** Stop starting new cases after this many seconds. */
  seconds: number;
  targets: readonly FuzzTarget[];
  /** Replay this one case index only (with one target). */
  caseIndex?: number;
  /** Where failing inputs go; undefined writes nothing. */
  reproDir?: string;
  /** Stop a target after this many failures. */
  maxFailures?: number;
  /**
   * Multiplies every case's time bound (default 1). The short run inside the unit tests uses
   * a large one: there the bound only catches a hang, since other work shares the machine.
   */
  timeScale?: number;
}

export interface FuzzFailure {
  target: TargetName;
  seed: number;
  index: number;
  message: string;
  /** Folder with the failing inputs, when written. */
  repro?: string;
}

export interface TargetStats {
  target: TargetName;
  cases: number;
  passed: number;
  skipped: number;
  failed: number;
  ms: number;
  inputChars: number;
  slowestMs: number;
}

export interface FuzzReport {
  seed: number;
  stats: TargetStats[];
  failures: FuzzFailure[];
  ms: number;
  stoppedByTime: boolean;
}

/**
 * Each target's share of the cases: a KPI file case analyzes a whole file (a few ms for the
 * sample), a formula case is a hundred times cheaper, so the cheap targets run more cases.
 */
const CASE_SHARE: Readonly<Record<TargetName, number>> = { yaml: 0.15, formula: 0.35, data: 0.2, diff: 0.3 };

type Attempt =
  | { ok: true; outcome: 'passed' | 'skipped'; ms: number; chars: number }
  | { ok: false; message: string; ctx: CaseContext };

function attempt(target: FuzzTarget, seed: number, timeScale: number): Attempt {
  const ctx = contextFor(seed);
  const t0 = performance.now();
  try {
    const outcome = target.run(ctx);
    const ms = performance.now() - t0;
    const chars = ctx.inputs.reduce((s, i) => s + i.text.length, 0);
    const bound = timeBoundMs(chars) * timeScale;
    if (ms > bound)
      return {
        ok: false,
        message: `took ${ms.toFixed(0)} ms, over the bound of ${bound.toFixed(0)} ms for ${chars} characters`,
        ctx,
      };
    return { ok: true, outcome, ms, chars };
  } catch (e) {
    // A property's own message says it all; a throw from the product needs its stack.
    const message =
      e instanceof PropertyFailure
        ? e.message
        : e instanceof Error
          ? (e.stack ?? `${e.name}: ${e.message}`)
          : String(e);
    return { ok: false, message, ctx };
  }
}

/** Runs one case; a case over its time bound is run once more (a GC pause is not a failure). */
function runCase(target: FuzzTarget, seed: number, timeScale = 1): Attempt {
  const first = attempt(target, seed, timeScale);
  if (first.ok || !first.message.startsWith('took ')) return first;
  return attempt(target, seed, timeScale);
}

/** The kind of a failure, to keep shrinking on the same one: the error's class and its message up to the first colon. */
function kindOf(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return `${e instanceof Error ? e.name : 'throw'} ${message.split(':')[0]}`;
}

function writeRepro(dir: string, target: FuzzTarget, failure: FuzzFailure, ctx: CaseContext): string {
  const folder = path.join(dir, `${failure.target}-seed${failure.seed}-case${failure.index}`);
  fs.mkdirSync(folder, { recursive: true });
  for (const input of ctx.inputs) fs.writeFileSync(path.join(folder, input.name), input.text);
  const replay = `npm run fuzz -- --seed ${failure.seed} --only ${failure.target} --case ${failure.index}`;
  let note = `${failure.message}\n\nReplay: ${replay}\n`;
  const replayCase = target.replay?.bind(target);
  if (replayCase && !failure.message.startsWith('took ')) {
    let kind: string | undefined;
    try {
      replayCase(ctx.inputs);
    } catch (e) {
      kind = kindOf(e);
    }
    if (kind !== undefined) {
      const fails = (inputs: readonly CaseInput[]): boolean => {
        try {
          replayCase(inputs);
          return false;
        } catch (e) {
          return kindOf(e) === kind;
        }
      };
      const minimal = shrinkCase(ctx.inputs, fails);
      const minFolder = path.join(folder, 'minimal');
      fs.mkdirSync(minFolder, { recursive: true });
      for (const input of minimal) fs.writeFileSync(path.join(minFolder, input.name), input.text);
      note += `Minimal repro (lines removed while it still fails the same way): ${minFolder}\n`;
    } else note += 'Replaying the recorded inputs did not fail again: use the seed and case index.\n';
  }
  fs.writeFileSync(path.join(folder, 'FAILURE.txt'), note);
  return folder;
}

export function runFuzz(options: FuzzOptions): FuzzReport {
  const start = performance.now();
  const deadline = start + options.seconds * 1000;
  const weight = options.targets.reduce((sum, t) => sum + CASE_SHARE[t.name], 0);
  const quota = options.targets.map((t) => Math.ceil((options.cases * CASE_SHARE[t.name]) / weight));
  const perTarget = Math.max(...quota);
  const stats: TargetStats[] = options.targets.map((t) => ({
    target: t.name,
    cases: 0,
    passed: 0,
    skipped: 0,
    failed: 0,
    ms: 0,
    inputChars: 0,
    slowestMs: 0,
  }));
  const failures: FuzzFailure[] = [];
  let stoppedByTime = false;
  const indices = options.caseIndex === undefined ? undefined : [options.caseIndex];
  // Targets take turns in blocks, so that a time budget shares out fairly.
  const block = 100;
  for (let from = 0; from < (indices ? 1 : perTarget); from += block) {
    options.targets.forEach((target, t) => {
      const s = stats[t]!;
      if (s.failed >= (options.maxFailures ?? 5)) return;
      const todo = indices ?? range(from, Math.min(from + block, quota[t]!));
      for (const index of todo) {
        if (performance.now() > deadline) {
          stoppedByTime = true;
          return;
        }
        const result = runCase(target, caseSeed(options.seed, target.name, index), options.timeScale);
        s.cases++;
        if (result.ok) {
          s[result.outcome]++;
          s.ms += result.ms;
          s.inputChars += result.chars;
          s.slowestMs = Math.max(s.slowestMs, result.ms);
          continue;
        }
        s.failed++;
        const failure: FuzzFailure = { target: target.name, seed: options.seed, index, message: result.message };
        if (options.reproDir) failure.repro = writeRepro(options.reproDir, target, failure, result.ctx);
        failures.push(failure);
        if (s.failed >= (options.maxFailures ?? 5)) return;
      }
    });
    if (stoppedByTime) break;
  }
  return { seed: options.seed, stats, failures, ms: performance.now() - start, stoppedByTime };
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let k = from; k < to; k++) out.push(k);
  return out;
}
