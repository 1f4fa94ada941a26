/**
 * Shrinks a failing case to a minimal repro: delta debugging over the lines of each input
 * (a KPI file's lines, a data file's records, a table's rows), keeping a removal whenever
 * the case still fails, until no single chunk can go or the budget is spent.
 */
import { performance } from 'node:perf_hooks';
import type { CaseInput } from './harness';

function split(input: CaseInput): string[] {
  // latin1 keeps a data file's bytes as they are, invalid UTF-8 included.
  return (typeof input.text === 'string' ? input.text : input.text.toString('latin1')).split('\n');
}

function join(input: CaseInput, lines: readonly string[]): CaseInput {
  const text = lines.join('\n');
  return { name: input.name, text: typeof input.text === 'string' ? text : Buffer.from(text, 'latin1') };
}

export function shrinkCase(
  inputs: readonly CaseInput[],
  fails: (inputs: readonly CaseInput[]) => boolean,
  budgetMs = 5000,
): CaseInput[] {
  const deadline = performance.now() + budgetMs;
  let current = [...inputs];
  current.forEach((input, k) => {
    if (input.name.endsWith('.meta')) return;
    let lines = split(input);
    let chunk = Math.max(1, Math.floor(lines.length / 2));
    while (chunk >= 1 && performance.now() < deadline) {
      let removed = false;
      for (let at = 0; at < lines.length && performance.now() < deadline;) {
        const candidate = [...lines.slice(0, at), ...lines.slice(at + chunk)];
        const trial = current.map((c, j) => (j === k ? join(input, candidate) : c));
        if (fails(trial)) {
          lines = candidate;
          current = trial;
          removed = true;
        } else at += chunk;
      }
      if (!removed) chunk = Math.floor(chunk / 2);
    }
  });
  return current;
}
