// Runs the fuzz harness (test/fuzz, compiled to out/test/fuzz by npm run build): load, check
// and eval must never throw, stay within a time bound per case, and give findings whose
// ranges lie on the text they name; the compiled evaluator must agree with the reference
// interpreter. Usage (npm run fuzz -- …):
//   --seed S      run seed (default 1); a failure prints the seed and case index that replay it
//   --cases N     cases in all, shared by the targets (default 100000)
//   --seconds T   stop starting cases after T seconds (default 600)
//   --only T      one target: yaml | formula | data | diff (comma-separated for several)
//   --case I      replay case I alone (with --seed and --only)
// Failing inputs are written to test-results/fuzz/<target>-seed<S>-case<I>/.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const compiled = path.join(root, 'out', 'test', 'fuzz');
if (!existsSync(path.join(compiled, 'runFuzz.js'))) {
  console.error('out/test/fuzz is missing: run npm run build first (npm run fuzz does).');
  process.exit(2);
}
const { runFuzz } = require(path.join(compiled, 'runFuzz.js'));
const { TARGETS } = require(path.join(compiled, 'targets.js'));
const { formatReport } = require(path.join(compiled, 'report.js'));

const args = process.argv.slice(2);
function option(name, fallback) {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = args[i + 1];
  if (value === undefined) {
    console.error(`--${name} needs a value`);
    process.exit(2);
  }
  return value;
}
function integer(name, fallback) {
  const text = option(name, undefined);
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a whole number, got ${text}`);
    process.exit(2);
  }
  return n;
}

const names = option('only', Object.keys(TARGETS).join(',')).split(',');
const unknown = names.filter((n) => !(n in TARGETS));
if (unknown.length > 0) {
  console.error(`unknown target ${unknown.join(', ')}: the targets are ${Object.keys(TARGETS).join(', ')}`);
  process.exit(2);
}
const caseIndex = integer('case', undefined);
if (caseIndex !== undefined && names.length !== 1) {
  console.error('--case needs --only with one target');
  process.exit(2);
}
const report = runFuzz({
  seed: integer('seed', 1),
  cases: integer('cases', 100_000),
  seconds: integer('seconds', 600),
  targets: names.map((n) => TARGETS[n]),
  caseIndex,
  reproDir: path.join(root, 'test-results', 'fuzz'),
});
console.log(formatReport(report));
process.exit(report.failures.length > 0 ? 1 : 0);
