// A small chart that is redrawn only when its figure changes (the distribution): the
// component owns the div and calls Plotly.react at most once per animation frame.
import { useEffect, useRef, useState } from 'react';
import { createFrameScheduler, type FrameScheduler } from './frame-scheduler.js';
import { loadPlotly, type Config, type Layout, type PlotlyApi, type Trace } from './plotly.js';

const CONFIG: Config = { displaylogo: false, responsive: true, modeBarButtonsToRemove: ['select2d', 'lasso2d', 'toggleSpikelines'] };

export function PlotlyFigure({ data, layout, label, testId }: { data: Trace[]; layout: Layout; label: string; testId: string }) {
  const root = useRef<HTMLDivElement>(null);
  const plotly = useRef<PlotlyApi | null>(null);
  const scheduler = useRef<FrameScheduler | null>(null);
  const figure = useRef({ data, layout });
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const div = root.current!;
    let disposed = false;
    const s = createFrameScheduler(() => {
      if (plotly.current) void plotly.current.react(div, figure.current.data, figure.current.layout, CONFIG);
    });
    scheduler.current = s;
    loadPlotly().then(
      (p) => {
        if (disposed) return;
        plotly.current = p;
        s.schedule();
      },
      (e: unknown) => setError(`The chart could not be drawn: ${e instanceof Error ? e.message : String(e)}`),
    );
    return () => {
      disposed = true;
      s.dispose();
      plotly.current?.purge(div);
    };
  }, []);

  useEffect(() => {
    figure.current = { data, layout };
    scheduler.current?.schedule();
  }, [data, layout]);

  return (
    <>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div ref={root} role="img" aria-label={label} data-testid={testId} />
    </>
  );
}
