/** Optimal-string-alignment distance (Damerau-Levenshtein with adjacent swaps). */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  if (m === 0) return n;
  if (n === 0) return m;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]!;
}

/**
 * The candidates close enough to `name` to be what the author meant, closest first (ties
 * in the candidates' order): a case-only difference always counts; otherwise up to
 * max(1, a third of the name's length, rounded) edits, ignoring case.
 */
export function closestMatches(name: string, candidates: Iterable<string>, limit = 3): string[] {
  const lower = name.toLowerCase();
  const max = Math.max(1, Math.round(name.length / 3));
  const scored: { candidate: string; distance: number; order: number }[] = [];
  let order = 0;
  for (const candidate of new Set(candidates)) {
    order++;
    if (candidate === name) continue;
    // Lengths further apart than the allowance cannot be close: skip the full distance.
    if (Math.abs(candidate.length - name.length) > max) continue;
    const other = candidate.toLowerCase();
    const distance = other === lower ? 0.5 : editDistance(lower, other);
    if (distance <= max) scored.push({ candidate, distance, order });
  }
  scored.sort((x, y) => x.distance - y.distance || x.order - y.order);
  return scored.slice(0, limit).map((s) => s.candidate);
}

/** The one closest candidate, if any is close (see closestMatches). */
export function closestMatch(name: string, candidates: Iterable<string>): string | undefined {
  return closestMatches(name, candidates, 1)[0];
}

/** `Did you mean "x"?` or an empty string. */
export function didYouMean(matches: readonly string[]): string {
  return matches.length > 0 ? ` Did you mean "${matches[0]}"?` : '';
}

/** `a, b and c` for a message. */
export function listWords(words: readonly string[], quote = true): string {
  const w = words.map((x) => (quote ? `"${x}"` : x));
  if (w.length <= 1) return w.join('');
  return `${w.slice(0, -1).join(', ')} and ${w[w.length - 1]}`;
}
