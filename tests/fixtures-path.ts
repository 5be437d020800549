// The real tool outputs live in the shared folder beside the repository (CI clones the repo
// with shared/ next to it): <repo>/../shared/fixtures/real/<relPath>.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function realFixture(relPath: string): string {
  return resolve(repoRoot, '..', 'shared', 'fixtures', 'real', relPath);
}

export function readRealFixture(relPath: string): string {
  return readFileSync(realFixture(relPath), 'utf8');
}
