// Paths of the build the tests exercise. `npm test` builds first; a missing build is an
// error with the command that fixes it, never a silent skip.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..');

export function builtFile(...parts: string[]): string {
  const file = join(repoRoot, 'out', ...parts);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first (npm test does).`);
  return file;
}
