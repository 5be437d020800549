// The few parts of plotly.js the window uses, typed by hand. The strict bundle draws
// WebGL traces without 'unsafe-eval', so it works under the window's CSP. It is large
// (about 5 MB), so it is loaded on first use and fetched early, while the user is still
// choosing a session.

export type Numbers = ArrayLike<number>;

export interface Font {
  family?: string;
  size?: number;
  color?: string;
}

export interface Trace {
  type: 'scatter' | 'scattergl';
  mode?: 'lines' | 'markers' | 'lines+markers';
  name?: string;
  x: Numbers;
  y: Numbers;
  xaxis?: string;
  yaxis?: string;
  line?: { color?: string; width?: number; dash?: 'solid' | 'dot' | 'dash' | 'dashdot'; shape?: 'linear' | 'hv' };
  marker?: { color?: string; size?: number; opacity?: number; symbol?: string; line?: { width?: number; color?: string } };
  opacity?: number;
  hovertemplate?: string;
  customdata?: readonly (string | number)[];
  showlegend?: boolean;
  legendgroup?: string;
  legendrank?: number;
  visible?: boolean | 'legendonly';
  connectgaps?: boolean;
}

export interface Axis {
  domain?: [number, number];
  range?: [number, number];
  autorange?: boolean;
  fixedrange?: boolean;
  title?: { text: string; font?: Font; standoff?: number };
  anchor?: string;
  overlaying?: string;
  side?: 'left' | 'right';
  showgrid?: boolean;
  gridcolor?: string;
  zeroline?: boolean;
  linecolor?: string;
  showline?: boolean;
  tickfont?: Font;
  tickvals?: number[];
  ticktext?: string[];
  ticksuffix?: string;
  showticklabels?: boolean;
  rangemode?: 'normal' | 'tozero' | 'nonnegative';
  hoverformat?: string;
  automargin?: boolean;
  ticklabeloverflow?: 'allow' | 'hide past div' | 'hide past domain';
  nticks?: number;
  showspikes?: boolean;
  spikemode?: string;
  spikecolor?: string;
  spikethickness?: number;
}

export interface Shape {
  type: 'line' | 'rect';
  xref: string;
  yref: string;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  line?: { color?: string; width?: number; dash?: 'solid' | 'dot' | 'dash' | 'dashdot' };
  fillcolor?: string;
  opacity?: number;
  layer?: 'above' | 'below';
}

export interface Annotation {
  text: string;
  xref: string;
  yref: string;
  x: number;
  y: number;
  xanchor?: 'left' | 'center' | 'right';
  yanchor?: 'top' | 'middle' | 'bottom';
  showarrow?: boolean;
  font?: Font;
  bgcolor?: string;
  textangle?: number;
  hovertext?: string;
  yshift?: number;
}

export interface Layout {
  uirevision?: string | number;
  datarevision?: number;
  height?: number;
  margin?: { l?: number; r?: number; t?: number; b?: number; pad?: number; autoexpand?: boolean };
  paper_bgcolor?: string;
  plot_bgcolor?: string;
  font?: Font;
  hovermode?: 'closest' | 'x' | 'x unified' | false;
  hoverlabel?: { bgcolor?: string; bordercolor?: string; font?: Font; namelength?: number };
  hoverdistance?: number;
  dragmode?: 'zoom' | 'pan' | false;
  showlegend?: boolean;
  legend?: { orientation?: 'h' | 'v'; x?: number; y?: number; xanchor?: 'left' | 'center' | 'right'; yanchor?: 'top' | 'bottom'; font?: Font; bgcolor?: string };
  shapes?: Shape[];
  annotations?: Annotation[];
  xaxis?: Axis;
  yaxis?: Axis;
  [axis: `yaxis${number}`]: Axis | undefined;
}

export interface Config {
  responsive?: boolean;
  displaylogo?: boolean;
  scrollZoom?: boolean;
  doubleClick?: 'reset' | 'autosize' | 'reset+autosize' | false;
  displayModeBar?: boolean | 'hover';
  modeBarButtonsToRemove?: string[];
  toImageButtonOptions?: { format?: 'png' | 'svg'; filename?: string };
}

/** What plotly_relayout hands its listeners: the changed keys, e.g. "xaxis.range[0]". */
export type RelayoutEvent = Readonly<Record<string, unknown>>;

interface PlotlyEvents {
  plotly_afterplot: () => void;
  plotly_relayout: (event: RelayoutEvent) => void;
  plotly_doubleclick: () => void;
}

/** The chart's div once plotly has drawn into it. */
interface PlotlyElement extends HTMLElement {
  on?<K extends keyof PlotlyEvents>(event: K, handler: PlotlyEvents[K]): void;
  removeListener?<K extends keyof PlotlyEvents>(event: K, handler: PlotlyEvents[K]): void;
}

export interface PlotlyApi {
  react(root: HTMLElement, data: Trace[], layout: Layout, config?: Config): Promise<unknown>;
  purge(root: HTMLElement): void;
  relayout(root: HTMLElement, update: Readonly<Record<string, unknown>>): Promise<unknown>;
  Plots: { resize(root: HTMLElement): Promise<unknown> | void };
}

import { warmUpPlotly } from './plotly-warmup.js';

let loading: Promise<PlotlyApi> | null = null;

export function loadPlotly(): Promise<PlotlyApi> {
  loading ??= import('plotly.js-strict-dist-min').then((module) => {
    const plotly = module.default as Partial<PlotlyApi> | undefined;
    if (!plotly || typeof plotly.react !== 'function' || typeof plotly.purge !== 'function') {
      throw new Error('The chart library did not load.');
    }
    return plotly as PlotlyApi;
  });
  return loading;
}

/** Starts loading plotly without waiting, and warms it up when the window is idle, so a chart opened soon after draws sooner. */
export function prefetchPlotly(): void {
  loadPlotly().then(
    (plotly) => {
      const warm = (): void => void warmUpPlotly(plotly).catch(() => {});
      if (typeof requestIdleCallback === 'function') requestIdleCallback(warm, { timeout: 2000 });
      else setTimeout(warm, 200);
    },
    () => {
      // A chart that needs it reports the failure; nothing to show yet.
      loading = null;
    },
  );
}

/** Listens to a plotly event on a drawn chart; the disposer stops listening. */
export function onPlotlyEvent<K extends keyof PlotlyEvents>(root: HTMLElement, event: K, handler: PlotlyEvents[K]): () => void {
  const element = root as PlotlyElement;
  element.on?.(event, handler);
  return () => element.removeListener?.(event, handler);
}
