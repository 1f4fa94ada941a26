import * as path from 'node:path';

/** The repository root (tests run from out/test/core). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** Absolute path of a file under test/fixtures. */
export function fixture(...parts: string[]): string {
  return path.join(repoRoot, 'test', 'fixtures', ...parts);
}
