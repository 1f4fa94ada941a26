/**
 * KPI files: grammar-aware and byte-level mutations of samples/kpis.yaml and of the rule
 * fixtures (test/fixtures/rules/**), analyzed and evaluated against the first rows of the
 * data files they name.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../paths';
import { between, chance, pick } from './choose';
import type { CaseOutcome, FuzzTarget } from './harness';
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
    ctx.input('kpis.yaml', text);
    ctx.input('SEED_FILE.txt', path.relative(repoRoot, seed.path));
    const withData = chance(next, 0.8);
    checkKpiFile(text, {
      filePath: seed.path,
      workspaceRoot: path.dirname(seed.path),
      ...(withData ? { loader: sampleLoader } : {}),
      notUtf8: chance(next, 0.05),
    });
    return 'passed';
  },
};
