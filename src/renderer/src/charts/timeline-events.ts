// What happened during a session, on the timeline: each path's stretch of time shaded in
// its colour, and events (throttling, a disconnection, errors) as labelled vertical marks
// whose labels never overlap.
import type { SessionEventKind } from '../../../shared/session/records.js';
import type { SessionData } from '../../../shared/session/session-data.js';
import { PATH_COLOUR, pathLabels } from '../paths.js';
import type { ChartTheme } from './chart-theme.js';
import type { Annotation, Shape } from './plotly.js';
import { plotlyText } from './plotly-text.js';

const US_TO_S = 1e-6;

const EVENT_STYLE: Partial<Record<SessionEventKind, { label: string; colour: (t: ChartTheme) => string; dash: 'solid' | 'dash' | 'dot' }>> = {
  throttling: { label: 'Throttling', colour: (t) => t.warn, dash: 'dash' },
  disconnect: { label: 'Disconnected', colour: (t) => t.danger, dash: 'solid' },
  reconnect: { label: 'Reconnected', colour: (t) => t.muted, dash: 'dot' },
  error: { label: 'Error', colour: (t) => t.danger, dash: 'solid' },
  cancelled: { label: 'Cancelled', colour: (t) => t.danger, dash: 'dash' },
  note: { label: 'Note', colour: (t) => t.muted, dash: 'dot' },
};

export const LABEL_ROW_PX = 14;
const MAX_LABEL_ROWS = 3;

/** Places labels along the top in up to three rows so that none overlaps another. */
export class LabelRows {
  readonly #rows: [number, number][][] = [[]];
  readonly #pxPerS: number;
  readonly #originS: number;
  used = 1;

  constructor(view: [number, number], widthPx: number, reserved: [number, number]) {
    this.#originS = view[0];
    this.#pxPerS = widthPx / Math.max(1e-9, view[1] - view[0]);
    this.#rows[0]!.push(reserved);
  }

  /** The row for a label starting at x seconds, as a pixel shift upwards. */
  place(xS: number, text: string): number {
    const x0 = (xS - this.#originS) * this.#pxPerS;
    const span: [number, number] = [x0 - 4, x0 + text.length * 6.6 + 8];
    for (let row = 0; row < MAX_LABEL_ROWS; row++) {
      const taken = (this.#rows[row] ??= []);
      if (taken.every(([a, b]) => span[1] < a || span[0] > b)) {
        taken.push(span);
        this.used = Math.max(this.used, row + 1);
        return row * LABEL_ROW_PX;
      }
    }
    return (MAX_LABEL_ROWS - 1) * LABEL_ROW_PX;
  }
}

export function eventMarks(session: SessionData, extent: [number, number], theme: ChartTheme, rows: LabelRows): { shapes: Shape[]; annotations: Annotation[] } {
  const shapes: Shape[] = [];
  const annotations: Annotation[] = [];
  const opacity = theme.dark ? 0.08 : 0.06;
  // Each path's stretch of time, shaded in its colour across every lane.
  for (const start of session.events) {
    if (start.kind !== 'path-start' || start.tUs === null || start.path === null) continue;
    const end = session.events.find((e) => e.kind === 'path-end' && e.path === start.path && e.tUs !== null && e.tUs >= start.tUs!);
    const x0 = start.tUs * US_TO_S;
    const x1 = (end?.tUs ?? extent[1]) * US_TO_S;
    shapes.push({ type: 'rect', xref: 'x', yref: 'paper', x0, x1, y0: 0, y1: 1, fillcolor: PATH_COLOUR[start.path], opacity, line: { width: 0 }, layer: 'below' });
    annotations.push({ text: `<b>${pathLabels(session.header.device.platform)[start.path]}</b>`, xref: 'x', yref: 'paper', x: x0, y: 1, xanchor: 'left', yanchor: 'top', showarrow: false, font: { size: 11, color: PATH_COLOUR[start.path] } });
  }
  const label = (x: number, text: string, hover: string, colour: string): void => {
    annotations.push({ text, hovertext: plotlyText(hover), xref: 'x', yref: 'paper', x, y: 1, xanchor: 'left', yanchor: 'bottom', yshift: rows.place(x, text), showarrow: false, font: { size: 11, color: colour } });
  };
  const events = session.events.filter((e) => e.tUs !== null).sort((a, b) => a.tUs! - b.tUs!);
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const style = EVENT_STYLE[e.kind];
    if (!style) continue;
    const x = e.tUs! * US_TO_S;
    const colour = style.colour(theme);
    if (e.kind === 'disconnect') {
      // A drop and its reconnection read as one stretch of time with no data.
      const back = events.slice(i + 1).find((r) => r.kind === 'reconnect' || r.kind === 'disconnect');
      if (back?.kind === 'reconnect') {
        const x1 = back.tUs! * US_TO_S;
        shapes.push({ type: 'rect', xref: 'x', yref: 'paper', x0: x, x1, y0: 0, y1: 1, fillcolor: colour, opacity: 0.18, line: { width: 0 }, layer: 'below' });
        label(x, `Disconnected ${(x1 - x).toFixed(1)} s`, `${e.message} ${back.message}`, colour);
        continue;
      }
    }
    if (e.kind === 'reconnect' && events.slice(0, i).some((d) => d.kind === 'disconnect')) continue;
    shapes.push({ type: 'line', xref: 'x', yref: 'paper', x0: x, x1: x, y0: 0, y1: 1, line: { color: colour, width: 1.5, dash: style.dash }, layer: 'above' });
    label(x, style.label, e.message, colour);
  }
  return { shapes, annotations };
}
