/**
 * A column at a glance, for hovers: its type, how many values and nulls it has, its range
 * (numbers, dates), how many distinct values (strings, booleans) and a few examples.
 */
import type { ColumnType } from '../model/kpiFile';
import { BOOL_NULL, BOOL_TRUE, stringAt, type Column } from './table';

export interface ColumnStats {
  type: ColumnType;
  /** Non-null values (as SQL's count(x)). */
  count: number;
  nullCount: number;
  /** Smallest and largest value: numbers, or dates as epoch ms UTC. Absent without values. */
  min?: number;
  max?: number;
  /** Distinct non-null values, for string and boolean columns; counting stops at DISTINCT_CAP. */
  distinct?: number;
  /** True when there are more distinct values than DISTINCT_CAP (distinct is then the cap). */
  distinctCapped?: boolean;
  /** Up to maxExamples distinct non-null values in file order, as formatValue writes them. */
  examples: string[];
}

export const DISTINCT_CAP = 1000;

export function columnStats(column: Column, maxExamples: number): ColumnStats {
  const examples: string[] = [];
  const seen = new Set<string>();
  const addExample = (text: string): void => {
    if (examples.length < maxExamples && !seen.has(text)) {
      seen.add(text);
      examples.push(text);
    }
  };
  switch (column.type) {
    case 'number':
    case 'date': {
      const values = column.values;
      let count = 0;
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < values.length; i++) {
        const v = values[i]!;
        if (Number.isNaN(v)) continue;
        count++;
        if (v < min) min = v;
        if (v > max) max = v;
        if (examples.length < maxExamples) addExample(formatNumberOrDate(column.type, v));
      }
      const stats: ColumnStats = { type: column.type, count, nullCount: values.length - count, examples };
      if (count > 0) {
        stats.min = min;
        stats.max = max;
      }
      return stats;
    }
    case 'boolean': {
      const values = column.values;
      let trues = 0;
      let falses = 0;
      for (let i = 0; i < values.length; i++) {
        const v = values[i]!;
        if (v === BOOL_NULL) continue;
        if (v === BOOL_TRUE) trues++;
        else falses++;
        if (examples.length < maxExamples) addExample(v === BOOL_TRUE ? 'true' : 'false');
      }
      const count = trues + falses;
      return {
        type: 'boolean',
        count,
        nullCount: values.length - count,
        distinct: (trues > 0 ? 1 : 0) + (falses > 0 ? 1 : 0),
        distinctCapped: false,
        examples,
      };
    }
    case 'string': {
      const { codes, dictionary } = column;
      let count = 0;
      for (let i = 0; i < codes.length; i++) {
        const code = codes[i]!;
        if (code < 0) continue;
        count++;
        if (examples.length < maxExamples) addExample(dictionary[code]!);
      }
      const capped = dictionary.length > DISTINCT_CAP;
      return {
        type: 'string',
        count,
        nullCount: codes.length - count,
        distinct: Math.min(dictionary.length, DISTINCT_CAP),
        distinctCapped: capped,
        examples,
      };
    }
  }
}

/** A cell as text: null as null, numbers as JS writes them, dates as `YYYY-MM-DD` or ISO 8601 UTC. */
export function formatValue(column: Column, row: number): string | null {
  switch (column.type) {
    case 'number':
    case 'date': {
      const v = column.values[row];
      return v === undefined || Number.isNaN(v) ? null : formatNumberOrDate(column.type, v);
    }
    case 'boolean': {
      const v = column.values[row];
      return v === undefined || v === BOOL_NULL ? null : v === BOOL_TRUE ? 'true' : 'false';
    }
    case 'string':
      return stringAt(column, row);
  }
}

function formatNumberOrDate(type: 'number' | 'date', v: number): string {
  if (type === 'number') return String(v);
  const iso = new Date(v).toISOString(); // YYYY-MM-DDThh:mm:ss.sssZ
  if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
  return iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso;
}
