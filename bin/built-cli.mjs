// Whether the built CLI (out/cli/cli.mjs, from `npm run build`) is current: the build lists every file it
// was read from, with its size and modification time (vite.cli.config.ts writes that list last), and it is
// current while each of them is still there with the same size and time. An edit, a deleted file, a checkout
// or a build copied from elsewhere shows as a difference, whichever way the clocks went.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The list of the build's inputs, beside the built CLI. */
export const BUILT_CLI_INPUTS = 'build-inputs.json';

/** The built CLI's path under the project root. */
export const builtCliPath = (root) => join(root, 'out', 'cli', 'cli.mjs');

/** Why the built CLI under `root` is not current, or null when it is. Never throws. */
export function builtCliStaleReason(root) {
  try {
    if (statSync(builtCliPath(root), { throwIfNoEntry: false }) === undefined) return 'there is no build (npm run build makes one)';
    let list;
    try {
      list = JSON.parse(readFileSync(join(root, 'out', 'cli', BUILT_CLI_INPUTS), 'utf8'));
    } catch {
      return `the build has no readable list of its inputs (${BUILT_CLI_INPUTS})`;
    }
    if (!Array.isArray(list?.files) || list.files.length === 0) return `the build's list of inputs is empty`;
    for (const { path, size, mtimeMs } of list.files) {
      const stat = statSync(join(root, path), { throwIfNoEntry: false });
      if (stat === undefined) return `${path} is gone since the build`;
      if (stat.size !== size || stat.mtimeMs !== mtimeMs) return `${path} changed since the build`;
    }
    return null;
  } catch (error) {
    return `the build could not be checked (${error instanceof Error ? error.message : String(error)})`;
  }
}
