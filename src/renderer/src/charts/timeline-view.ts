// The visible time span, as plotly_relayout reports it after a zoom, a pan or a reset.
import type { RelayoutEvent } from './plotly.js';

export type ViewUs = [number, number] | null;

const S_TO_US = 1e6;

/**
 * The new view in µs: null for "everything" (a reset), undefined when the event did not
 * touch the time axis (a legend click, a resize).
 */
export function viewFromRelayout(event: RelayoutEvent, current: ViewUs): ViewUs | undefined {
  if (event['xaxis.autorange'] === true) return null;
  const range = event['xaxis.range'];
  if (Array.isArray(range) && typeof range[0] === 'number' && typeof range[1] === 'number') return [range[0] * S_TO_US, range[1] * S_TO_US];
  const a = event['xaxis.range[0]'];
  const b = event['xaxis.range[1]'];
  if (typeof a === 'number' || typeof b === 'number') {
    const lo = typeof a === 'number' ? a * S_TO_US : current?.[0];
    const hi = typeof b === 'number' ? b * S_TO_US : current?.[1];
    if (lo === undefined || hi === undefined) return undefined;
    return [lo, hi];
  }
  return undefined;
}

/** A view zoomed about its middle (factor < 1 zooms in) or moved by a share of its span. */
export function zoomView(view: [number, number], factor: number, shift = 0): [number, number] {
  const mid = (view[0] + view[1]) / 2 + shift * (view[1] - view[0]);
  const half = ((view[1] - view[0]) * factor) / 2;
  return [mid - half, mid + half];
}

export const sameView = (a: ViewUs, b: ViewUs): boolean => a === b || (a !== null && b !== null && a[0] === b[0] && a[1] === b[1]);

/**
 * Whether data decimated over windowUs for one view still serves another: it does while
 * the view stays inside the window and the zoom changed by no more than twice.
 */
export function needsNewDecimation(drawn: { windowUs: [number, number]; view: ViewUs } | null, view: ViewUs, extent: [number, number] | null): boolean {
  if (!drawn) return true;
  if (view === null) return drawn.view !== null;
  const [a, b] = drawn.windowUs;
  if (view[0] < a || view[1] > b) return true;
  const drawnSpan = drawn.view ? drawn.view[1] - drawn.view[0] : extent ? extent[1] - extent[0] : b - a;
  const ratio = drawnSpan / (view[1] - view[0]);
  return ratio > 2 || ratio < 0.5;
}
