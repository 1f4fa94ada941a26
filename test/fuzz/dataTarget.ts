/**
 * Data files: each generated file is parsed by parseTable (a table whose columns all hold
 * rowCount values of their type, or one data error with a positive record number), then
 * written under os.tmpdir() and read through a KPI file whose KPIs use its columns, with
 * the product's DataCache: analyze and evaluate must not throw and their findings keep to
 * the document.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataCache } from '../../src/core/data/load';
import { parseTable } from '../../src/core/data/parseTable';
import type { Table } from '../../src/core/data/table';
import { identifierText } from '../../src/core/formula';
import { chance, pick } from './choose';
import { randomDataFile, type DataFile } from './dataGen';
import { FormulaGenerator } from './formulaGen';
import { fail, inputNamed, textOf, type CaseOutcome, type FuzzTarget } from './harness';
import { checkKpiFile } from './kpiFileProperties';

let folder: string | undefined;

/** One folder per process for the data cases, removed when the process exits. */
function workFolder(): string {
  if (!folder) {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-lens-fuzz-'));
    const made = folder;
    process.on('exit', () => fs.rmSync(made, { recursive: true, force: true }));
  }
  return folder;
}

function checkTable(table: Table): void {
  for (const [name, column] of table.columns) {
    const length = column.type === 'string' ? column.codes.length : column.values.length;
    if (column.type === 'string' && column.codes.some((c) => c >= column.dictionary.length))
      fail(`column ${JSON.stringify(name)} has a code outside its dictionary`);
    // Not checked: a csv or json number beyond the doubles (1e400) is read as ±Infinity,
    // which SPEC 2 and 8.6 leave open (see the fuzz note).
    if (length !== table.rowCount)
      fail(`column ${JSON.stringify(name)} has ${length} values for ${table.rowCount} rows`);
  }
}

function yamlString(s: string): string {
  return JSON.stringify(s);
}

function kpiFile(file: DataFile, dataName: string, table: Table | undefined, next: () => number): string {
  const columns = table ? [...table.columns].map(([name, c]) => ({ name, type: c.type })) : [];
  const dateColumn = columns.find((c) => c.type === 'date');
  const gen = new FormulaGenerator(next, columns, 3);
  const lines = [
    'version: 1',
    'goals:',
    '  - id: g',
    '    title: G',
    'sources:',
    '  data:',
    `    path: ${yamlString(dataName)}`,
  ];
  if (chance(next, 0.5)) lines.push(`    format: ${file.format}`);
  if (file.delimiter !== undefined) lines.push(`    delimiter: ${yamlString(file.delimiter)}`);
  const time = dateColumn ?? (columns.length > 0 && chance(next, 0.3) ? pick(next, columns) : undefined);
  if (time) lines.push(`    time: ${yamlString(time.name)}`);
  if (columns.length > 0 && chance(next, 0.3)) {
    const c = pick(next, columns);
    lines.push('    columns:', `      ${yamlString(c.name)}: ${pick(next, ['number', 'string', 'boolean', 'date'])}`);
  }
  lines.push('kpis:');
  const formulas = [
    'count()',
    ...columns.slice(0, 3).map((c) => `count_distinct(${identifierText(c.name)})`),
    gen.formula(),
    gen.formula(),
  ];
  formulas.forEach((formula, k) => {
    lines.push(
      `  - id: k${k}`,
      `    name: K${k}`,
      '    goals: [g]',
      '    source: data',
      `    formula: ${yamlString(formula)}`,
    );
    if (time && chance(next, 0.5)) lines.push(`    grain: ${pick(next, ['day', 'week', 'month', 'quarter', 'year'])}`);
    if (chance(next, 0.2)) lines.push(`    filter: ${yamlString(gen.filter())}`);
  });
  return lines.join('\n') + '\n';
}

/** Parses a data file as its source would, and checks the table or the error. */
function checkParse(file: DataFile, dataName: string): Table | undefined {
  const parsed = parseTable(file.bytes.toString('utf8'), {
    format: file.format,
    fileName: dataName,
    ...(file.delimiter === undefined ? {} : { delimiter: file.delimiter }),
  });
  if (parsed.ok) {
    checkTable(parsed.table);
    return parsed.table;
  }
  if (parsed.error.message.includes('cannot read the data ('))
    fail(`the parser threw (caught by parseTable): ${parsed.error.message}`);
  const record = parsed.error.record;
  if (record !== undefined && !(Number.isInteger(record) && record >= 1))
    fail(`data error with record ${record}: ${parsed.error.message}`);
  return undefined;
}

/** Writes the data file to a fresh folder and checks and evaluates the KPI file beside it. */
function checkPipeline(file: DataFile, dataName: string, text: string): void {
  const dir = fs.mkdtempSync(path.join(workFolder(), 'case-'));
  try {
    fs.writeFileSync(path.join(dir, dataName), file.bytes);
    checkKpiFile(text, { filePath: path.join(dir, 'kpis.yaml'), workspaceRoot: dir, loader: new DataCache() });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** What a data case's `case.meta` holds besides the files. */
interface DataCase {
  format: DataFile['format'];
  delimiter?: string;
  dataName: string;
}

export const dataTarget: FuzzTarget = {
  name: 'data',
  run(ctx): CaseOutcome {
    const next = ctx.next;
    const file = randomDataFile(next);
    const dataName = `data.${file.format}`;
    const settings: DataCase = {
      format: file.format,
      dataName,
      ...(file.delimiter === undefined ? {} : { delimiter: file.delimiter }),
    };
    ctx.input('case.meta', JSON.stringify(settings));
    ctx.input(dataName, file.bytes);
    const table = checkParse(file, dataName);
    const text = kpiFile(file, dataName, table, next);
    ctx.input('kpis.yaml', text);
    checkPipeline(file, dataName, text);
    return 'passed';
  },
  replay(inputs) {
    const settings = JSON.parse(textOf(inputNamed(inputs, 'case.meta'))) as DataCase;
    const data = inputNamed(inputs, settings.dataName).text;
    const file: DataFile = { ...settings, bytes: typeof data === 'string' ? Buffer.from(data, 'utf8') : data };
    checkParse(file, settings.dataName);
    checkPipeline(file, settings.dataName, textOf(inputNamed(inputs, 'kpis.yaml')));
  },
};
