// The latency distribution per path as cumulative curves: for each latency, the share of
// inferences that took at most that long, with the frame budget as a vertical line. Where
// a curve crosses the line is the share inside the budget.
import type { PathId } from '../../../shared/api-constants.js';
import { quantileSorted, sortedFinite } from '../../../shared/analysis/quantiles.js';
import { PATH_COLOUR, PATH_LABEL, type PathLabels } from '../paths.js';
import type { ChartTheme } from './chart-theme.js';
import type { Annotation, Layout, Shape, Trace } from './plotly.js';
import { plotlyText } from './plotly-text.js';
import { BUDGET_OFF_SCALE } from './timeline-scales.js';

/** Points per curve: enough for a smooth line at any width the window has. */
const STEPS = 400;

export function cdfPoints(latenciesUs: ArrayLike<number>, steps = STEPS): { ms: Float64Array; percent: Float64Array } {
  const sorted = sortedFinite(latenciesUs);
  if (sorted.length === 0) return { ms: new Float64Array(0), percent: new Float64Array(0) };
  const n = Math.min(steps, sorted.length);
  const ms = new Float64Array(n + 1);
  const percent = new Float64Array(n + 1);
  for (let k = 0; k <= n; k++) {
    const q = k / n;
    ms[k] = quantileSorted(sorted, q)! / 1000;
    percent[k] = q * 100;
  }
  return { ms, percent };
}

export function buildDistributionFigure(
  paths: readonly { path: PathId; latUs: ArrayLike<number> }[],
  theme: ChartTheme,
  budget: { modelBudgetMs: number; label: string } | null,
  labels: PathLabels = PATH_LABEL,
): { data: Trace[]; layout: Layout } {
  const data: Trace[] = paths
    .filter((p) => p.latUs.length > 0)
    .map(({ path, latUs }) => {
      const { ms, percent } = cdfPoints(latUs);
      return {
        type: 'scatter',
        mode: 'lines',
        name: labels[path],
        x: ms,
        y: percent,
        line: { color: PATH_COLOUR[path], width: 2.5 },
        hovertemplate: `<b>${labels[path]}</b>: %{y:.1f} % of inferences took at most %{x:.3f} ms<extra></extra>`,
      };
    });
  const shapes: Shape[] = [];
  const annotations: Annotation[] = [];
  let slowest = 0;
  for (const t of data) for (let i = 0; i < t.x.length; i++) slowest = Math.max(slowest, t.x[i]!);
  if (budget && budget.modelBudgetMs > slowest * BUDGET_OFF_SCALE && slowest > 0) {
    annotations.push({
      text: `${plotlyText(budget.label)} budget ${budget.modelBudgetMs.toFixed(2)} ms: far to the right, every inference is inside it`,
      xref: 'paper',
      yref: 'paper',
      x: 1,
      y: 1,
      xanchor: 'right',
      yanchor: 'bottom',
      showarrow: false,
      font: { size: 11, color: theme.danger },
    });
  } else if (budget && budget.modelBudgetMs > 0) {
    shapes.push({ type: 'line', xref: 'x', yref: 'paper', x0: budget.modelBudgetMs, x1: budget.modelBudgetMs, y0: 0, y1: 1, line: { color: theme.danger, width: 1.5, dash: 'dash' } });
    annotations.push({
      text: `${plotlyText(budget.label)} budget ${budget.modelBudgetMs.toFixed(2)} ms`,
      xref: 'x',
      yref: 'paper',
      x: budget.modelBudgetMs,
      y: 1,
      xanchor: 'left',
      yanchor: 'bottom',
      showarrow: false,
      font: { size: 11, color: theme.danger },
    });
  }
  const axis = { gridcolor: theme.border, linecolor: theme.border, zeroline: false, tickfont: { size: 10, color: theme.muted } };
  return {
    data,
    layout: {
      uirevision: 'distribution',
      height: 320,
      margin: { l: 64, r: 24, t: 28, b: 56 },
      paper_bgcolor: theme.panel,
      plot_bgcolor: theme.panel,
      font: { color: theme.text, size: 12 },
      hovermode: 'closest',
      hoverlabel: { bgcolor: theme.panel, bordercolor: theme.border, font: { color: theme.text } },
      dragmode: 'zoom',
      showlegend: true,
      legend: { orientation: 'h', x: 1, y: 0.02, xanchor: 'right', yanchor: 'bottom', font: { size: 11, color: theme.text }, bgcolor: theme.panel },
      xaxis: { ...axis, ticksuffix: ' ms', rangemode: 'tozero', title: { text: 'Latency per inference', font: { size: 11, color: theme.muted }, standoff: 6 } },
      yaxis: { ...axis, range: [0, 100.5], ticksuffix: ' %', fixedrange: true, title: { text: 'Inferences at or below', font: { size: 11, color: theme.muted }, standoff: 6 } },
      shapes,
      annotations,
    },
  };
}
