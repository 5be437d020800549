import { useMemo } from 'react';
import type { SessionData } from '../../../../shared/session/session-data.js';
import { useChartTheme } from '../../charts/chart-theme.js';
import { buildDistributionFigure } from '../../charts/distribution-figure.js';
import { PlotlyFigure } from '../../charts/PlotlyFigure.js';
import type { PathId, PathLabels } from '../../paths.js';

interface Props {
  session: SessionData;
  /** Changes whenever the session's points do (a live run). */
  revision: number;
  paths: readonly PathId[];
  budget: { modelBudgetMs: number; label: string } | null;
  labels: PathLabels;
}

export function DistributionChart({ session, revision, paths, budget, labels }: Props) {
  const theme = useChartTheme();
  const figure = useMemo(
    () => buildDistributionFigure(paths.map((path) => ({ path, latUs: session.points[path]?.latUs ?? [] })), theme, budget, labels),
    // revision stands for the points growing inside the same session object.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [session, revision, paths, theme, budget, labels],
  );
  return (
    <section className="chart-block" aria-labelledby="distribution-title">
      <h3 id="distribution-title">Latency distribution</h3>
      <p className="muted chart-hint">For each latency, the share of inferences that took at most that long. Where a curve crosses the dashed budget line is the share that fits.</p>
      {figure.data.length === 0 ? (
        <p className="muted">No per-inference latencies to draw.</p>
      ) : (
        <PlotlyFigure data={figure.data} layout={figure.layout} label="Cumulative latency distribution per path" testId="distribution" />
      )}
    </section>
  );
}
