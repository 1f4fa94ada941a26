// Writes src/core/schema/kpiFileValidator.generated.ts: schemas/kpis.schema.json compiled by
// ajv's standalone mode, so the product validates without compiling the schema at run time.
// Run through `npm run schema:compile` (which builds first, since it uses the compiled core).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const { validatorModuleSource } = require(path.join(root, 'out', 'src', 'core', 'schema', 'compileSchema.js'));
const target = path.join(root, 'src', 'core', 'schema', 'kpiFileValidator.generated.ts');
writeFileSync(target, validatorModuleSource());
console.log(`wrote ${path.relative(root, target)}`);
