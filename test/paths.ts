import * as path from 'node:path';

/** The repository root (unit tests run from out/test/…). */
export const repoRoot = path.resolve(__dirname, '..', '..');

/** Absolute path of a file under test/fixtures. */
export function fixture(...parts: string[]): string {
  return path.join(repoRoot, 'test', 'fixtures', ...parts);
}
