// The fallback-op table's rows and their sort: one row per path and op type, as the
// tool reported them.
import type { PathId } from '../../../shared/api-constants.js';
import { PATH_IDS } from '../../../shared/api-constants.js';
import type { FallbackOp } from '../../../shared/session/records.js';
import type { PathAnalysis } from './path-summary.js';

export interface FallbackRow extends FallbackOp {
  path: PathId;
}

export const FALLBACK_COLUMNS = ['path', 'opType', 'count', 'ranOn', 'reason', 'timeShare'] as const;
export type FallbackColumn = (typeof FALLBACK_COLUMNS)[number];
export interface FallbackSort {
  column: FallbackColumn;
  descending: boolean;
}

export const DEFAULT_FALLBACK_SORT: FallbackSort = { column: 'count', descending: true };

export function fallbackRows(paths: readonly PathAnalysis[]): FallbackRow[] {
  return paths.flatMap((p) => p.fallbackOps.map((op) => ({ ...op, path: p.path })));
}

const pathRank = (p: PathId): number => PATH_IDS.indexOf(p);

function compare(a: FallbackRow, b: FallbackRow, column: FallbackColumn): number {
  switch (column) {
    case 'path':
      return pathRank(a.path) - pathRank(b.path);
    case 'count':
      return a.count - b.count;
    case 'timeShare':
      return (a.timeShare ?? 0) - (b.timeShare ?? 0);
    default:
      return (a[column] ?? '').localeCompare(b[column] ?? '');
  }
}

/** Sorted copy; rows without a value (no reason, share not measured) always go last. */
export function sortFallbackRows(rows: readonly FallbackRow[], sort: FallbackSort): FallbackRow[] {
  const missing = (r: FallbackRow): boolean => (sort.column === 'timeShare' && r.timeShare === null) || (sort.column === 'reason' && r.reason === null);
  return [...rows].sort((a, b) => {
    const ma = missing(a);
    const mb = missing(b);
    if (ma !== mb) return ma ? 1 : -1;
    const c = compare(a, b, sort.column);
    if (c !== 0) return sort.descending ? -c : c;
    return pathRank(a.path) - pathRank(b.path) || a.opType.localeCompare(b.opType);
  });
}

/** Clicking a column: sort by it, or turn its order round when it is the sort already. */
export function nextSort(current: FallbackSort, column: FallbackColumn): FallbackSort {
  if (current.column === column) return { column, descending: !current.descending };
  return { column, descending: column === 'count' || column === 'timeShare' };
}
