// The compiled core (out/, from `npm run build`) for scripts and fixture generators, so that
// they share its one seeded random generator and its date constants instead of copies.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);

/** A module of the compiled core, e.g. core('common/random'). */
export function core(name) {
  const file = path.join(root, 'out', 'src', 'core', `${name}.js`);
  if (!existsSync(file)) throw new Error(`${path.relative(root, file)} is missing: run npm run build first`);
  return require(file);
}
