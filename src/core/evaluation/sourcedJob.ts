/** What sourcedInParallel.ts and its worker threads (sourcedWorker.ts) say to each other, and the work both do. */
import type { Table } from '../data/table';
import type { CheckedFormula, KpiValue } from '../formula/api';
import { evaluateSourced, type Grouping } from '../formula/evaluateSourced';

/** One sourced KPI to compute: evaluateSourced's arguments, its table by index. */
export interface SourcedTask {
  /** The KPI's place in the list the asking thread keeps. */
  index: number;
  formula: CheckedFormula;
  filter: CheckedFormula | undefined;
  table: number;
  grouping: Grouping | undefined;
}

/** A worker's share: the tables (arrays in shared memory, not copied) and its tasks. */
export interface SourcedJob {
  tables: Table[];
  tasks: SourcedTask[];
}

/** The values computed; a task that failed is left out. */
export type SourcedAnswer = { index: number; value: KpiValue }[];

/** The tasks' values, on whichever thread runs it; a task that fails is left to the asking thread's evaluation, which reports it. */
export function computeSourced(tasks: readonly SourcedTask[], tables: readonly Table[]): SourcedAnswer {
  const answer: SourcedAnswer = [];
  for (const task of tasks) {
    try {
      answer.push({
        index: task.index,
        value: evaluateSourced(task.formula, task.filter, tables[task.table]!, task.grouping),
      });
    } catch {
      // left out
    }
  }
  return answer;
}
