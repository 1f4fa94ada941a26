const BARS = '▁▂▃▄▅▆▇█';

/** A unicode sparkline of the last `width` values; a null value is a gap (a space). */
export function sparkline(values: readonly (number | null)[], width = 12): string {
  const tail = values.slice(-width);
  const nums = tail.filter((v): v is number => v !== null);
  if (nums.length === 0) return '';
  const min = Math.min(...nums);
  const max = Math.max(...nums);
  return tail
    .map((v) => {
      if (v === null) return ' ';
      if (max === min) return BARS[3];
      return BARS[Math.round(((v - min) / (max - min)) * (BARS.length - 1))];
    })
    .join('');
}
