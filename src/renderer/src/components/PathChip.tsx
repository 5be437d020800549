import type { PathId } from '../../../shared/api-constants.js';
import { PATH_LABEL } from '../paths.js';

/** A path's name with its colour swatch; the colour is never the only cue. */
export function PathChip({ path }: { path: PathId }) {
  return (
    <span className={`path-chip path-${path}`}>
      <span className="swatch" aria-hidden="true" />
      {PATH_LABEL[path]}
    </span>
  );
}
