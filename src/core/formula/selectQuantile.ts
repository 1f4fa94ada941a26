/**
 * The continuous quantile of values in any order, without sorting them all: quickselect
 * puts the value of rank ⌊(n-1)q⌋ in place (expected linear time, against n log n for a
 * sort of every period's values), and the next rank is the smallest value after it. The
 * answer is the one quantileOfSorted gives on the sorted values, to the bit.
 */

/**
 * quantileOfSorted(sorted copy of values, q), reordering `values` in place. Values are not
 * NaN. Groups holding -0 are sorted instead (a sort puts -0 before 0, which `<` cannot tell).
 */
export function selectQuantile(values: Float64Array, q: number): number {
  const n = values.length;
  if (n === 0) return NaN;
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  if (hasNegativeZero(values)) {
    values.sort();
  } else {
    select(values, lo);
  }
  const a = values[lo]!;
  if (lo === hi) return a;
  // After select, every value past lo is at least a: the next rank is their minimum.
  let b = values[hi]!;
  for (let i = hi + 1; i < n; i++) if (values[i]! < b) b = values[i]!;
  return a + (b - a) * (pos - lo);
}

function hasNegativeZero(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] === 0 && 1 / values[i]! < 0) return true;
  return false;
}

/** Small ranges are finished by insertion sort. */
const SMALL = 16;

/**
 * Reorders values so that values[k] is the k-th smallest, those before it no larger and
 * those after it no smaller (Hoare partitions around a median of three). A range that does
 * not shrink fast enough (adversarial orders) is sorted instead, so the worst case stays
 * n log n.
 */
function select(values: Float64Array, k: number): void {
  let left = 0;
  let right = values.length - 1;
  let budget = 2 * Math.ceil(Math.log2(values.length + 1)) + 8;
  while (right - left > SMALL) {
    if (budget-- === 0) {
      values.subarray(left, right + 1).sort();
      return;
    }
    const mid = (left + right) >>> 1;
    // Median of three to values[mid]; values[left] <= values[mid] <= values[right].
    if (values[mid]! < values[left]!) swap(values, mid, left);
    if (values[right]! < values[left]!) swap(values, right, left);
    if (values[right]! < values[mid]!) swap(values, right, mid);
    const pivot = values[mid]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        swap(values, i, j);
        i++;
        j--;
      }
    }
    // Now values[left..j] <= pivot <= values[i..right], and values between j and i equal pivot.
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
  for (let i = left + 1; i <= right; i++) {
    const v = values[i]!;
    let j = i - 1;
    while (j >= left && values[j]! > v) {
      values[j + 1] = values[j]!;
      j--;
    }
    values[j + 1] = v;
  }
}

function swap(values: Float64Array, i: number, j: number): void {
  const t = values[i]!;
  values[i] = values[j]!;
  values[j] = t;
}
