import { useContext } from 'react';
import type { PathId } from '../../../shared/api-constants.js';
import { PathLabelsContext } from '../paths.js';

/** A path's name with its colour swatch; the colour is never the only cue. */
export function PathChip({ path }: { path: PathId }) {
  const labels = useContext(PathLabelsContext);
  return (
    <span className={`path-chip path-${path}`}>
      <span className="swatch" aria-hidden="true" />
      {labels[path]}
    </span>
  );
}
