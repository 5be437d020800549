// The timeline as one plotly figure: lanes stacked on y axes that share one x axis
// (seconds since the session started), so zoom and pan move every lane together.
// Pure: the same session, view and width always give the same figure.
import type { PathId } from '../../../shared/api-constants.js';
import { PATH_IDS } from '../../../shared/api-constants.js';
import type { PathPoints, SessionData } from '../../../shared/session/session-data.js';
import { PATH_COLOUR, pathLabels } from '../paths.js';
import type { ChartTheme } from './chart-theme.js';
import { decimateMinMax, pick } from './decimate.js';
import { telemetryLanes, thermalLevelNames, thermalStatusName, type Lane, type SeriesDisplay } from './lanes.js';
import type { Annotation, Axis, Layout, Shape, Trace } from './plotly.js';
import { plotlyText } from './plotly-text.js';
import { eventMarks, LABEL_ROW_PX, LabelRows } from './timeline-events.js';
import { laneRange, latencyTop, LEGEND_ROW_PX, legendRows, statusLevels } from './timeline-scales.js';

export interface TimelineOptions {
  /** The visible span in µs; null shows everything. */
  viewUs: [number, number] | null;
  /** Plot width in pixels: min–max decimation keeps two points per column. */
  columns: number;
  /**
   * With SVG every marker is a DOM element, so latency points are decimated over columns
   * this many pixels wide (markers are 3.5 px across, so little visible is lost). Lines
   * are one element each and keep one-pixel columns.
   */
  markerColumnPx?: number;
  /** Likewise for telemetry lines (1 by default). */
  lineColumnPx?: number;
  gl: boolean;
  theme: ChartTheme;
  budget: { modelBudgetMs: number; label: string } | null;
  uirevision: string;
}

export interface TimelineFigure {
  data: Trace[];
  layout: Layout;
  extentUs: [number, number] | null;
  empty: boolean;
  /** What the figure could not show, in words ("NPU warm-up up to 61.2 ms is off the scale"). */
  notes: string[];
  /** The time span the data was decimated over, µs (a little wider than the view). */
  windowUs: [number, number];
}

const US_TO_S = 1e-6;
const US_TO_MS = 1e-3;
const LATENCY_PX = 250;
const LANE_PX = 92;
const STEP_LANE_PX = 58;
const GAP_PX = 26;
// Fixed margins, room for the legend included: letting plotly grow them to fit the legend
// costs a second full drawing of the figure every time it is first drawn.
const MARGIN = { l: 64, r: 64, t: 26, b: 120, autoexpand: false } as const;

/** Pixel columns of the plot area in a chart this wide. */
export const plotColumns = (chartWidthPx: number): number => Math.max(50, chartWidthPx - MARGIN.l - MARGIN.r);

const axisId = (i: number): string => (i === 0 ? 'y' : `y${i + 1}`);
const axisKey = (i: number): 'yaxis' | `yaxis${number}` => (i === 0 ? 'yaxis' : `yaxis${i + 1}`);

function extentOf(session: SessionData): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  const take = (t: ArrayLike<number>): void => {
    if (t.length === 0) return;
    lo = Math.min(lo, t[0]!);
    hi = Math.max(hi, t[t.length - 1]!);
  };
  for (const p of PATH_IDS) {
    take(session.points[p]?.tUs ?? []);
    take(session.warmupPoints[p]?.tUs ?? []);
  }
  for (const s of session.series) take(s.tUs);
  for (const e of session.events) if (e.tUs !== null) take([e.tUs]);
  return lo <= hi ? [lo, hi] : null;
}

interface Window {
  from: number;
  to: number;
  columns: number;
}

function pointsTrace(points: PathPoints, path: PathId, name: string, warmup: boolean, w: Window, gl: boolean): Trace {
  const idx = decimateMinMax(points.tUs, points.latUs, w.from, w.to, w.columns);
  const label = `${name}${warmup ? ' warm-up' : ''}`;
  return {
    type: gl ? 'scattergl' : 'scatter',
    mode: 'markers',
    name: label,
    x: pick(points.tUs, idx, US_TO_S),
    y: pick(points.latUs, idx, US_TO_MS),
    yaxis: 'y',
    marker: warmup
      ? { color: PATH_COLOUR[path], size: 5, symbol: 'circle-open', line: { width: 1, color: PATH_COLOUR[path] } }
      : { color: PATH_COLOUR[path], size: 3.5 },
    legendgroup: path,
    showlegend: !warmup,
    hovertemplate: `<b>${label}</b> %{y:.3f} ms<br>%{x:.3f} s<extra></extra>`,
  };
}

function seriesTrace(d: SeriesDisplay, axis: string, colour: string, dash: boolean, step: boolean, w: Window, gl: boolean): Trace {
  const s = d.series;
  const idx = decimateMinMax(s.tUs, s.v, w.from, w.to, w.columns);
  const y = pick(s.v, idx, d.scale);
  const name = plotlyText(s.meta.name);
  const trace: Trace = {
    type: gl ? 'scattergl' : 'scatter',
    mode: 'lines',
    name: d.unit ? `${name} (${d.unit})` : name,
    x: pick(s.tUs, idx, US_TO_S),
    y,
    yaxis: axis,
    line: { color: colour, width: 1.5, dash: dash ? 'dash' : 'solid', shape: step ? 'hv' : 'linear' },
    connectgaps: false,
    hovertemplate: `<b>${name}</b> %{y:.${d.decimals}f} ${d.unit}<br>%{x:.3f} s<extra></extra>`,
  };
  if (step) {
    const names = thermalLevelNames(s);
    trace.customdata = Array.from(y, (level) => thermalStatusName(level, names));
    trace.hovertemplate = `<b>${name}</b> %{customdata} (level %{y})<br>%{x:.3f} s<extra></extra>`;
  }
  return trace;
}

/** Share of the view decimated on each side of it, so a pan shows data at once. */
const PAN_MARGIN = 0.25;

export function buildTimelineFigure(session: SessionData, options: TimelineOptions): TimelineFigure {
  const { theme, gl } = options;
  const extent = extentOf(session);
  const lanes: (Lane | 'latency')[] = ['latency', ...telemetryLanes(session.series)];
  const hasPoints = PATH_IDS.some((p) => (session.points[p]?.tUs.length ?? 0) + (session.warmupPoints[p]?.tUs.length ?? 0) > 0);
  const empty = !extent || (!hasPoints && lanes.length === 1);

  const w: Window = { from: extent?.[0] ?? 0, to: extent?.[1] ?? 1, columns: Math.max(50, Math.round(options.columns)) };
  if (options.viewUs) {
    // Decimate a little beyond the view so a pan shows data before the next redraw.
    const span = options.viewUs[1] - options.viewUs[0];
    w.from = options.viewUs[0] - span * PAN_MARGIN;
    w.to = options.viewUs[1] + span * PAN_MARGIN;
    w.columns = Math.round(w.columns * (1 + 2 * PAN_MARGIN));
  }
  const markers: Window = { ...w, columns: Math.max(20, Math.round(w.columns / Math.max(1, options.markerColumnPx ?? 1))) };
  const lines: Window = { ...w, columns: Math.max(20, Math.round(w.columns / Math.max(1, options.lineColumnPx ?? 1))) };

  const data: Trace[] = [];
  const labels = pathLabels(session.header.device.platform);
  for (const p of PATH_IDS) {
    const warm = session.warmupPoints[p];
    if (warm?.tUs.length) data.push(pointsTrace(warm, p, labels[p], true, markers, gl));
    const pts = session.points[p];
    if (pts?.tUs.length) data.push(pointsTrace(pts, p, labels[p], false, markers, gl));
  }

  const heights = lanes.map((l) => (l === 'latency' ? LATENCY_PX : l.step ? STEP_LANE_PX : LANE_PX));
  const plotPx = heights.reduce((a, b) => a + b, 0) + GAP_PX * (lanes.length - 1);
  // Tick labels are not checked for overflow (plotly measures each one on every redraw to do that).
  const axisCommon: Axis = { fixedrange: true, gridcolor: theme.border, zeroline: false, linecolor: theme.border, tickfont: { size: 10, color: theme.muted }, anchor: 'x', ticklabeloverflow: 'allow' };
  const layout: Layout = {
    uirevision: options.uirevision,
    height: plotPx + MARGIN.t + MARGIN.b,
    margin: { ...MARGIN },
    paper_bgcolor: theme.panel,
    plot_bgcolor: theme.panel,
    font: { color: theme.text, size: 12 },
    hovermode: 'closest',
    hoverdistance: 16,
    hoverlabel: { bgcolor: theme.panel, bordercolor: theme.border, font: { color: theme.text }, namelength: -1 },
    dragmode: 'pan',
    showlegend: true,
    legend: { orientation: 'h', x: 0, y: -52 / plotPx, xanchor: 'left', yanchor: 'top', font: { size: 11, color: theme.text }, bgcolor: theme.panel },
    xaxis: {
      autorange: true,
      gridcolor: theme.border,
      linecolor: theme.border,
      zeroline: false,
      tickfont: { size: 10, color: theme.muted },
      ticksuffix: ' s',
      ticklabeloverflow: 'allow',
      anchor: axisId(lanes.length - 1),
      title: { text: 'Time since the session started', font: { size: 11, color: theme.muted }, standoff: 6 },
      hoverformat: '.3f',
    },
    shapes: [],
    annotations: [],
  };
  const annotations: Annotation[] = [];
  const laneLabel = (text: string, top: number, right = false): Annotation => ({
    text,
    xref: 'paper',
    yref: 'paper',
    x: right ? 1 : 0,
    y: top,
    xanchor: right ? 'right' : 'left',
    yanchor: 'bottom',
    showarrow: false,
    font: { size: 11, color: theme.muted },
  });

  let topPx = 0;
  let extraAxis = lanes.length;
  let colourIndex = 0;
  lanes.forEach((lane, i) => {
    const domain: [number, number] = [1 - (topPx + heights[i]!) / plotPx, 1 - topPx / plotPx];
    topPx += heights[i]! + GAP_PX;
    const id = axisId(i);
    if (lane === 'latency') {
      layout[axisKey(i)] = { ...axisCommon, domain, rangemode: 'tozero', ticksuffix: ' ms', nticks: 6 };
      annotations.push(laneLabel('Latency per inference, ms', domain[1]));
      return;
    }
    for (const d of lane.series) {
      if (lane.step) {
        // Thermal status is a warning level: it reads in the warning colour.
        data.push(seriesTrace(d, id, theme.warn, false, true, lines, gl));
        continue;
      }
      // Every other series gets a colour of its own, none of them a path colour; dashes once they run out.
      const k = colourIndex++;
      data.push(seriesTrace(d, id, theme.series[k % theme.series.length]!, k >= theme.series.length, false, lines, gl));
    }
    if (lane.step) {
      const levels = statusLevels(lane);
      layout[axisKey(i)] = { ...axisCommon, domain, tickvals: levels, ticktext: levels.map((level) => thermalStatusName(level, lane.series[0] ? thermalLevelNames(lane.series[0].series) : undefined)), range: [-0.4, levels.length - 0.6], autorange: false };
    } else {
      layout[axisKey(i)] = { ...axisCommon, domain, nticks: 4, ...laneRange(data, id) };
    }
    annotations.push(laneLabel(lane.unit ? `${lane.title}, ${lane.unit}` : lane.title, domain[1]));
    if (lane.right) {
      const rightId = axisId(extraAxis);
      lane.right.series.forEach((d, k) => {
        data.push(seriesTrace(d, rightId, theme.muted, k > 0, false, lines, gl));
      });
      layout[axisKey(extraAxis)] = { ...axisCommon, domain, overlaying: id, side: 'right', showgrid: false, nticks: 4, ...laneRange(data, rightId) };
      extraAxis++;
      annotations.push(laneLabel(`${lane.right.title}, ${lane.right.unit} (right, grey)`, domain[1], true));
    }
  });

  const shapes: Shape[] = [];
  if (extent) {
    const view: [number, number] = options.viewUs ? [options.viewUs[0] * US_TO_S, options.viewUs[1] * US_TO_S] : [extent[0] * US_TO_S, extent[1] * US_TO_S];
    const rows = new LabelRows(view, Math.max(50, options.columns), [0, 190]);
    const marks = eventMarks(session, extent, theme, rows);
    shapes.push(...marks.shapes);
    annotations.push(...marks.annotations);
    layout.margin = { ...MARGIN, t: MARGIN.t + (rows.used - 1) * LABEL_ROW_PX };
    layout.height = plotPx + MARGIN.t + (rows.used - 1) * LABEL_ROW_PX + MARGIN.b;
  }
  const notes: string[] = [];
  const latencyRange = latencyTop(data, options.budget?.modelBudgetMs ?? null);
  if (latencyRange) {
    layout.yaxis = { ...layout.yaxis, range: [0, latencyRange.top], autorange: false };
    if (latencyRange.above.length) notes.push(`Above the latency scale: ${latencyRange.above.join(', ')} (the first inferences load the model; the table lists them).`);
    if (options.budget && !latencyRange.budgetShown) {
      notes.push(`The ${options.budget.label} budget, ${options.budget.modelBudgetMs.toFixed(2)} ms, is far above every inference, so its line is off the scale.`);
    }
  }
  if (options.budget && options.budget.modelBudgetMs > 0 && (latencyRange?.budgetShown ?? true)) {
    const y = options.budget.modelBudgetMs;
    shapes.push({ type: 'line', xref: 'paper', yref: 'y', x0: 0, x1: 1, y0: y, y1: y, line: { color: theme.danger, width: 1.5, dash: 'dash' }, layer: 'above' });
    annotations.push({
      text: `${plotlyText(options.budget.label)} budget ${y.toFixed(2)} ms`,
      xref: 'paper',
      yref: 'y',
      x: 1,
      y,
      xanchor: 'right',
      yanchor: 'bottom',
      showarrow: false,
      font: { size: 11, color: theme.danger },
      bgcolor: theme.panel,
    });
  }
  layout.shapes = shapes;
  layout.annotations = annotations;
  // Margins are fixed (see MARGIN), so make room for as many legend rows as the names need.
  const extraRows = Math.max(0, legendRows(data, Math.max(50, options.columns)) - 3);
  if (extraRows > 0) {
    layout.margin = { ...layout.margin, b: MARGIN.b + extraRows * LEGEND_ROW_PX };
    layout.height = (layout.height ?? 0) + extraRows * LEGEND_ROW_PX;
  }
  return { data, layout, extentUs: extent, empty, notes, windowUs: [w.from, w.to] };
}
