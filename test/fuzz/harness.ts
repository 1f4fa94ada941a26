/**
 * The fuzz harness's contract: a target turns one seeded generator into one case and
 * checks its properties, throwing PropertyFailure when one does not hold. Every case has
 * its own seed, derived from the run's seed, the target and the case index, so that any
 * single case can be run again alone (`npm run fuzz -- --seed S --only T --case I`).
 */
import { mulberry32 } from '../../src/core/common/random';

export const TARGET_NAMES = ['yaml', 'formula', 'data', 'diff'] as const;
export type TargetName = (typeof TARGET_NAMES)[number];

/**
 * An input of a case, kept so that a failure can be written out, shrunk and replayed. A
 * name ending in `.meta` holds the case's settings (JSON), which shrinking leaves alone.
 */
export interface CaseInput {
  /** File name under the repro folder, e.g. `kpis.yaml` or `data.csv`. */
  name: string;
  /** Text, or bytes for a data file that need not be UTF-8. */
  text: string | Buffer;
}

export interface CaseContext {
  next: () => number;
  /** Records an input: its size sets the case's time bound, and a failure writes it out. */
  input(name: string, text: string | Buffer): void;
  readonly inputs: CaseInput[];
}

/** What a case did: `skipped` is a generated input the target does not test (e.g. a formula the checker rejects). */
export type CaseOutcome = 'passed' | 'skipped';

export interface FuzzTarget {
  name: TargetName;
  run(ctx: CaseContext): CaseOutcome;
  /**
   * Checks a case again from its recorded inputs, throwing as run() did when it fails:
   * what shrinking a failing case to a minimal repro needs. Absent where not supported.
   */
  replay?(inputs: readonly CaseInput[]): void;
}

/** The recorded input of that name (throws when the case did not record it). */
export function inputNamed(inputs: readonly CaseInput[], name: string): CaseInput {
  const input = inputs.find((i) => i.name === name);
  if (!input) throw new Error(`the case has no input ${name}`);
  return input;
}

export function textOf(input: CaseInput): string {
  return typeof input.text === 'string' ? input.text : input.text.toString('utf8');
}

/** A property that did not hold (as opposed to the product throwing, which is also a failure). */
export class PropertyFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PropertyFailure';
  }
}

export function fail(message: string): never {
  throw new PropertyFailure(message);
}

/**
 * The seed of one case: a hash (not a generator) of the run's seed, the target and the
 * index, so that cases are independent and each can be replayed alone.
 */
export function caseSeed(seed: number, target: TargetName, index: number): number {
  let h = (seed ^ Math.imul(TARGET_NAMES.indexOf(target) + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ index ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export function contextFor(seed: number): CaseContext {
  const inputs: CaseInput[] = [];
  return {
    next: mulberry32(seed),
    inputs,
    input: (name, text) => {
      inputs.push({ name, text });
    },
  };
}

/**
 * The time a case may take: generous, because the machine may be busy and the first cases
 * of a run warm the JIT up. 250 ms plus 2 ms per 1,000 characters of input (a linear
 * pipeline takes well under 0.1 ms per 1,000); a case over it is run once more and fails
 * only when it is over again, so one garbage-collection pause is not a failure.
 */
export function timeBoundMs(inputChars: number): number {
  return 250 + inputChars * 0.002;
}
