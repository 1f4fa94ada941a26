// Hostile inputs written to disk, shared by test/cli/hostile.test.ts (the small ones) and
// scripts/hostile.mjs (all of them, with wall time and peak memory). The large files are
// written in chunks, never held whole, and never committed.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A KPI file with one goal and one KPI per source, each source at the given path. */
export function kpiFileWithSources(paths: Record<string, string>): string {
  const lines = ['version: 1', 'goals:', '  - id: g', '    title: G', 'sources:'];
  for (const [name, p] of Object.entries(paths)) lines.push(`  ${name}:`, `    path: ${JSON.stringify(p)}`);
  lines.push('kpis:');
  for (const name of Object.keys(paths)) {
    lines.push(
      `  - id: k_${name}`,
      `    name: K ${name}`,
      '    goals: [g]',
      `    source: ${name}`,
      '    formula: count()',
    );
  }
  return lines.join('\n') + '\n';
}

/** "Billion laughs": `levels` anchors, each a list of `width` aliases of the one before. */
export function aliasBomb(levels = 10, width = 10): string {
  const lines = ['version: 1', `l0: &a0 [${Array(width).fill('"lol"').join(', ')}]`];
  for (let i = 1; i < levels; i++)
    lines.push(
      `l${i}: &a${i} [${Array(width)
        .fill(`*a${i - 1}`)
        .join(', ')}]`,
    );
  lines.push('kpis: []', '');
  return lines.join('\n');
}

/** A value nested `depth` deep, as flow lists (`[[[…]]]`) under a KPI's `meta`. */
export function deepFlow(depth: number): string {
  return `version: 1\ngoals: []\nkpis:\n  - id: k\n    name: K\n    formula: "1"\n    meta: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
}

/** Block mappings nested `depth` deep (`a:` each indented one more space). */
export function deepBlock(depth: number): string {
  const lines = ['version: 1', 'meta:'];
  for (let i = 1; i <= depth; i++) lines.push(`${' '.repeat(i)}a${i === depth ? ': 1' : ':'}`);
  return lines.join('\n') + '\n';
}

/** A formula of `depth` nested parentheses around 1, or `depth` nested calls of `abs`. */
export function deepFormula(depth: number, shape: 'parens' | 'calls' | 'unary' = 'parens'): string {
  if (shape === 'calls') return 'abs('.repeat(depth) + '1' + ')'.repeat(depth);
  if (shape === 'unary') return '-'.repeat(depth) + '1';
  return '('.repeat(depth) + '1' + ')'.repeat(depth);
}

/** A KPI file with one derived KPI whose formula is `formula`. */
export function kpiFileWithFormula(formula: string): string {
  return `version: 1\ngoals:\n  - id: g\n    title: G\nkpis:\n  - id: deep\n    name: Deep\n    goals: [g]\n    formula: ${JSON.stringify(formula)}\n`;
}

/**
 * A KPI file of at least `bytes` bytes, written in chunks: goals, sources on a small csv in
 * data/, sourced and derived KPIs with targets, a few unlinked or naming a missing goal.
 */
export function writeBigKpiFile(dir: string, bytes: number): string {
  fs.mkdirSync(path.join(dir, 'data'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'data', 'rows.csv'), 'at,value\n2025-01-05,1\n2025-02-05,2\n2025-03-05,3\n');
  const file = path.join(dir, 'kpis.yaml');
  const fd = fs.openSync(file, 'w');
  try {
    let head = 'version: 1\ngoals:\n';
    for (let g = 0; g < 20; g++) head += `  - id: goal_${g}\n    title: Goal ${g}\n`;
    head += 'sources:\n  rows:\n    path: data/rows.csv\n    time: at\nkpis:\n';
    let written = fs.writeSync(fd, head);
    let chunk: string[] = [];
    for (let i = 0; written < bytes; i++) {
      const goals = i % 500 === 7 ? '' : `    goals: [goal_${i % 20}${i % 1000 === 11 ? ', no_such_goal' : ''}]\n`;
      const formula =
        i % 5 === 4
          ? `    formula: kpi_${i - 1} + kpi_${i - 2}\n`
          : `    source: rows\n    formula: avg(value)\n    grain: month\n`;
      chunk.push(
        `  - id: kpi_${i}\n    name: KPI number ${i}\n    unit: count\n    indicator: ${i % 2 ? 'leading' : 'lagging'}\n` +
          goals +
          formula +
          `    target: { value: ${i % 150}, direction: increase, due: 2099-06-30, baseline: { value: 0, as_of: 2025-01-01 } }\n`,
      );
      if (chunk.length === 1000) {
        written += fs.writeSync(fd, chunk.join(''));
        chunk = [];
      }
    }
    if (chunk.length > 0) fs.writeSync(fd, chunk.join(''));
  } finally {
    fs.closeSync(fd);
  }
  return file;
}

/** A csv file of at least `bytes` bytes (`at,value` rows), written in 8 MB chunks. */
export function writeBigCsv(file: string, bytes: number): void {
  const rows: string[] = [];
  for (let i = 0; i < 200_000; i++) rows.push(`2025-${String((i % 12) + 1).padStart(2, '0')}-15,${i % 997}\n`);
  const block = rows.join('');
  const fd = fs.openSync(file, 'w');
  try {
    let written = fs.writeSync(fd, 'at,value\n');
    while (written < bytes) written += fs.writeSync(fd, block);
  } finally {
    fs.closeSync(fd);
  }
}
