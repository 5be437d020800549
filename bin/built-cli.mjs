// Whether the built CLI (out/cli/cli.mjs, from `npm run build`) is current: newer than every file
// under src/main and src/shared, the code it was built from.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The built CLI's path under the project root. */
export const builtCliPath = (root) => join(root, 'out', 'cli', 'cli.mjs');

/** The newest modification time of the files under `dir`, ms; 0 when it cannot be read. */
export function newestMtimeMs(dir) {
  let newest = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    const time = entry.isDirectory() ? newestMtimeMs(path) : (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0);
    if (time > newest) newest = time;
  }
  return newest;
}

export function builtCliIsCurrent(root) {
  const builtAt = statSync(builtCliPath(root), { throwIfNoEntry: false })?.mtimeMs;
  if (builtAt === undefined) return false;
  return ['main', 'shared'].every((dir) => newestMtimeMs(join(root, 'src', dir)) <= builtAt);
}
