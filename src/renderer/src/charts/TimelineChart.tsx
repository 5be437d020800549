import { useEffect, useRef, useState } from 'react';
import type { SessionSource } from '../session/session-source.js';
import { useChartTheme } from './chart-theme.js';
import { TimelineController, type TimelineState } from './timeline-controller.js';

interface Props {
  source: SessionSource;
  /** Zoom and pan are kept while this stays the same. */
  sessionId: string;
  budget: { modelBudgetMs: number; label: string } | null;
  /** Called once the chart has drawn, or has said why it cannot. */
  onSettled?: () => void;
}

const STATE_WORDS: Partial<Record<TimelineState['kind'], string>> = {
  loading: 'Drawing the timeline…',
  waiting: 'Waiting for the first readings from the phone…',
  empty: 'This session has no latency points or telemetry to draw.',
};

const DRAWING_WORDS = {
  'svg-no-webgl': 'This computer offers no WebGL, so the chart is drawn as SVG.',
  'svg-software-webgl': 'WebGL runs in software here, so the chart is drawn as SVG, which is faster at this size.',
  'svg-chosen': 'The chart is drawn as SVG, as chosen in settings.',
} as const;

export function TimelineChart({ source, sessionId, budget, onSettled }: Props) {
  const root = useRef<HTMLDivElement>(null);
  const controller = useRef<TimelineController | null>(null);
  const [state, setState] = useState<TimelineState>({ kind: 'loading' });
  const [notes, setNotes] = useState<string[]>([]);
  const theme = useChartTheme();

  useEffect(() => {
    const c = new TimelineController(root.current!, source, sessionId, setState, setNotes);
    controller.current = c;
    return () => {
      c.dispose();
      controller.current = null;
    };
  }, [source, sessionId]);

  useEffect(() => {
    controller.current?.update({ theme, budget });
  }, [source, sessionId, theme, budget]);

  const settled = state.kind === 'ready' || state.kind === 'empty' || state.kind === 'failed';
  useEffect(() => {
    if (settled) onSettled?.();
  }, [settled, onSettled]);

  const words = state.kind === 'failed' ? state.message : STATE_WORDS[state.kind];
  const ready = state.kind === 'ready';
  return (
    <section className="chart-block" aria-labelledby="timeline-title">
      <div className="chart-head">
        <h3 id="timeline-title">Timeline</h3>
        <div className="chart-tools" role="group" aria-label="Timeline zoom">
          <button type="button" disabled={!ready} onClick={() => controller.current?.zoom(0.5)}>
            Zoom in
          </button>
          <button type="button" disabled={!ready} onClick={() => controller.current?.zoom(2)}>
            Zoom out
          </button>
          <button type="button" disabled={!ready} aria-label="Move earlier" onClick={() => controller.current?.zoom(1, -0.25)}>
            ← Earlier
          </button>
          <button type="button" disabled={!ready} aria-label="Move later" onClick={() => controller.current?.zoom(1, 0.25)}>
            Later →
          </button>
          <button type="button" disabled={!ready} onClick={() => controller.current?.showAll()}>
            Show all
          </button>
        </div>
      </div>
      <p className="muted chart-hint">
        Scroll to zoom, drag to move along the time axis, double-click to show everything. Hover a point for its exact value.
        {ready && state.drawing !== 'webgl' && ` ${DRAWING_WORDS[state.drawing]}`}
      </p>
      {notes.map((n) => (
        <p key={n} className="muted chart-hint">
          {n}
        </p>
      ))}
      {words && (
        <p className={state.kind === 'failed' ? 'error' : 'muted'} role={state.kind === 'failed' ? 'alert' : 'status'}>
          {words}
        </p>
      )}
      <div ref={root} className="timeline-plot" data-testid="timeline" hidden={state.kind === 'empty' || state.kind === 'failed'} />
    </section>
  );
}
