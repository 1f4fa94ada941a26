/**
 * KPI files: grammar-aware and byte-level mutations of samples/kpis.yaml and of the rule
 * fixtures (test/fixtures/rules/**), analyzed and evaluated against the first rows of the
 * data files they name.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../paths';
import { between, chance, pick } from './choose';
import { inputNamed, textOf, type CaseOutcome, type FuzzTarget } from './harness';
import { checkKpiFile } from './kpiFileProperties';
import { sampleLoader } from './sampleLoader';
import { mutateKpiFile } from './yamlMutations';

interface SeedFile {
  path: string;
  text: string;
}

let seeds: SeedFile[] | undefined;

function findYaml(dir: string, out: string[]): void {
  for (const name of fs.readdirSync(dir)) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) findYaml(p, out);
    else if (name.endsWith('.yaml') || name.endsWith('.yml')) out.push(p);
  }
}

function seedFiles(): SeedFile[] {
  if (!seeds) {
    const files = [path.join(repoRoot, 'samples', 'kpis.yaml')];
    findYaml(path.join(repoRoot, 'test', 'fixtures', 'rules'), files);
    seeds = files.sort().map((p) => ({ path: p, text: fs.readFileSync(p, 'utf8') }));
  }
  return seeds;
}

export const yamlTarget: FuzzTarget = {
  name: 'yaml',
  run(ctx): CaseOutcome {
    const next = ctx.next;
    const files = seedFiles();
    // The sample is the richest file: it seeds a third of the cases.
    const seed = chance(next, 0.33)
      ? files.find((f) => f.path.endsWith(path.join('samples', 'kpis.yaml')))!
      : pick(next, files);
    let text = seed.text;
    const rounds = between(next, 1, 3);
    for (let k = 0; k < rounds; k++) text = mutateKpiFile(next, text);
    const settings: YamlCase = {
      seedFile: path.relative(repoRoot, seed.path),
      withData: chance(next, 0.8),
      notUtf8: chance(next, 0.05),
    };
    ctx.input('kpis.yaml', text);
    ctx.input('case.meta', JSON.stringify(settings));
    check(text, settings);
    return 'passed';
  },
  replay(inputs) {
    check(textOf(inputNamed(inputs, 'kpis.yaml')), JSON.parse(textOf(inputNamed(inputs, 'case.meta'))) as YamlCase);
  },
};

/** How a case's file is analyzed: as the seed file it came from (its folder holds the data), with or without data. */
interface YamlCase {
  seedFile: string;
  withData: boolean;
  notUtf8: boolean;
}

function check(text: string, settings: YamlCase): void {
  const filePath = path.join(repoRoot, settings.seedFile);
  checkKpiFile(text, {
    filePath,
    workspaceRoot: path.dirname(filePath),
    ...(settings.withData ? { loader: sampleLoader } : {}),
    notUtf8: settings.notUtf8,
  });
}
