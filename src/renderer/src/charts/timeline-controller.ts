// Drives the timeline's plotly figure outside React: it owns the div, listens to the
// session source and to zoom and pan, re-decimates to the visible span and calls
// Plotly.react at most once per animation frame, always with fresh arrays and a steady
// uirevision, so zoom and pan survive every update.
import type { SessionSource } from '../session/session-source.js';
import type { ChartTheme } from './chart-theme.js';
import { createFrameScheduler } from './frame-scheduler.js';
import { loadPlotly, onPlotlyEvent, type Config, type PlotlyApi } from './plotly.js';
import { buildTimelineFigure, plotColumns } from './timeline-figure.js';
import { needsNewDecimation, sameView, viewFromRelayout, zoomView, type ViewUs } from './timeline-view.js';
import { chartsUseWebGL, webglInfo } from './webgl.js';

export interface TimelineSettings {
  theme: ChartTheme;
  budget: { modelBudgetMs: number; label: string } | null;
}

export type TimelineState =
  | { kind: 'loading' }
  | { kind: 'waiting' }
  | { kind: 'empty' }
  | { kind: 'ready'; drawing: 'webgl' | 'svg-no-webgl' | 'svg-software-webgl' | 'svg-chosen' }
  | { kind: 'failed'; message: string };

const CONFIG: Config = {
  displaylogo: false,
  scrollZoom: true,
  doubleClick: 'reset',
  responsive: true,
  modeBarButtonsToRemove: ['select2d', 'lasso2d', 'autoScale2d', 'toggleSpikelines', 'hoverClosestCartesian', 'hoverCompareCartesian'],
  toImageButtonOptions: { format: 'png', filename: 'tetherscope-timeline' },
};

const RELAYOUT_PAUSE_MS = 120;

export class TimelineController {
  readonly #root: HTMLDivElement;
  readonly #source: SessionSource;
  readonly #uirevision: string;
  readonly #onState: (state: TimelineState) => void;
  readonly #onNotes: (notes: string[]) => void;
  #notes = '';
  readonly #gl = chartsUseWebGL();
  readonly #scheduler = createFrameScheduler(() => this.#render());
  /** When the last redraw finished and how long it took: a growing session waits a few redraws' time between them. */
  #lastRenderEnd = 0;
  #lastRenderMs = 0;
  #paceTimer: ReturnType<typeof setTimeout> | null = null;
  readonly #stops: (() => void)[] = [];
  #settings: TimelineSettings | null = null;
  #plotly: PlotlyApi | null = null;
  #view: ViewUs = null;
  #extent: [number, number] | null = null;
  /** The span the drawn data was decimated over and the view it was decimated for. */
  #drawnFor: { windowUs: [number, number]; view: ViewUs } | null = null;
  #relayoutTimer: ReturnType<typeof setTimeout> | null = null;
  #drawn = false;
  #afterplots = 0;
  #width = 0;
  #disposed = false;

  constructor(root: HTMLDivElement, source: SessionSource, uirevision: string, onState: (state: TimelineState) => void, onNotes: (notes: string[]) => void) {
    this.#root = root;
    this.#source = source;
    this.#uirevision = uirevision;
    this.#onState = onState;
    this.#onNotes = onNotes;
    onState({ kind: 'loading' });
    this.#stops.push(source.subscribe(() => this.#paced()));
    const resize = new ResizeObserver(() => {
      const width = this.#root.clientWidth;
      if (width === this.#width) return;
      this.#width = width;
      if (this.#drawn && this.#plotly) void this.#plotly.Plots.resize(this.#root);
      this.#scheduler.schedule();
    });
    resize.observe(root);
    this.#stops.push(() => resize.disconnect());
    loadPlotly().then(
      (plotly) => {
        if (this.#disposed) return;
        this.#plotly = plotly;
        this.#scheduler.schedule();
      },
      (error: unknown) => onState({ kind: 'failed', message: `The chart could not be drawn: ${error instanceof Error ? error.message : String(error)}` }),
    );
  }

  update(settings: TimelineSettings): void {
    this.#settings = settings;
    this.#scheduler.schedule();
  }

  /** Keyboard zoom and pan: factor < 1 zooms in; shift moves by a share of the span. */
  zoom(factor: number, shift = 0): void {
    const view = this.#view ?? this.#extentS();
    if (!view || !this.#plotly || !this.#drawn) return;
    const [a, b] = zoomView(view, factor, shift);
    void this.#plotly.relayout(this.#root, { 'xaxis.range': [a / 1e6, b / 1e6] });
  }

  showAll(): void {
    if (this.#plotly && this.#drawn) void this.#plotly.relayout(this.#root, { 'xaxis.autorange': true });
  }

  dispose(): void {
    this.#disposed = true;
    this.#scheduler.dispose();
    if (this.#paceTimer !== null) clearTimeout(this.#paceTimer);
    if (this.#relayoutTimer !== null) clearTimeout(this.#relayoutTimer);
    for (const stop of this.#stops.splice(0)) stop();
    if (this.#plotly && this.#drawn) this.#plotly.purge(this.#root);
  }

  #extentS(): [number, number] | null {
    return this.#extent;
  }

  /**
   * New data from a live run: redraw on the next frame, unless the last redraw was recent
   * and slow; then wait until three times its duration has passed, so drawing never takes
   * more than about a quarter of the main thread. Zoom, pan and settings redraw at once.
   */
  #paced(): void {
    if (this.#paceTimer !== null) return;
    const wait = this.#lastRenderEnd + Math.min(1000, 3 * this.#lastRenderMs) - performance.now();
    if (wait <= 0) {
      this.#scheduler.schedule();
      return;
    }
    this.#paceTimer = setTimeout(() => {
      this.#paceTimer = null;
      this.#scheduler.schedule();
    }, wait);
  }

  #render(): void {
    const plotly = this.#plotly;
    const settings = this.#settings;
    if (!plotly || !settings || this.#disposed) return;
    const session = this.#source.current();
    if (!session) {
      this.#onState({ kind: 'waiting' });
      return;
    }
    const started = performance.now();
    const figure = buildTimelineFigure(session, {
      viewUs: this.#view,
      columns: plotColumns(this.#root.clientWidth || 800),
      // SVG redraws cost per element: a run still recording redraws often, so it draws coarser.
      markerColumnPx: this.#gl ? 1 : this.#source.growing() ? 6 : 4,
      lineColumnPx: this.#gl ? 1 : this.#source.growing() ? 3 : 2,
      gl: this.#gl,
      theme: settings.theme,
      budget: settings.budget,
      uirevision: this.#uirevision,
    });
    this.#extent = figure.extentUs;
    this.#drawnFor = { windowUs: figure.windowUs, view: this.#view };
    const notes = figure.notes.join('\n');
    if (notes !== this.#notes) {
      this.#notes = notes;
      this.#onNotes(figure.notes);
    }
    if (figure.empty) {
      this.#onState({ kind: 'empty' });
      return;
    }
    const done = plotly.react(this.#root, figure.data, figure.layout, CONFIG);
    if (!this.#drawn) {
      this.#drawn = true;
      // plotly sets up the div's events synchronously inside its first call and fires
      // plotly_afterplot later, so listening here hears the first one.
      this.#stops.push(onPlotlyEvent(this.#root, 'plotly_afterplot', () => this.#afterplot()));
      this.#stops.push(onPlotlyEvent(this.#root, 'plotly_relayout', (event) => this.#viewChanged(event)));
    }
    done.then(
      () => {
        this.#lastRenderEnd = performance.now();
        this.#lastRenderMs = this.#lastRenderEnd - started;
      },
      (error: unknown) => this.#onState({ kind: 'failed', message: `The chart could not be drawn: ${error instanceof Error ? error.message : String(error)}` }),
    );
  }

  /**
   * After a zoom or pan, plotly has already redrawn the data it holds at the new range.
   * Decimate again only when that data no longer serves: the view left the decimated span,
   * or the zoom changed by more than twice (points would thin out or crowd). While the
   * user keeps scrolling, wait for a pause.
   */
  #viewChanged(event: Parameters<typeof viewFromRelayout>[0]): void {
    const next = viewFromRelayout(event, this.#view);
    if (next === undefined || sameView(next, this.#view)) return;
    this.#view = next;
    if (!needsNewDecimation(this.#drawnFor, next, this.#extent)) return;
    if (this.#relayoutTimer !== null) clearTimeout(this.#relayoutTimer);
    this.#relayoutTimer = setTimeout(() => {
      this.#relayoutTimer = null;
      this.#scheduler.schedule();
    }, RELAYOUT_PAUSE_MS);
  }

  #afterplot(): void {
    this.#afterplots++;
    // Tests and the UI benchmark wait on this count; it costs one attribute write.
    this.#root.dataset['afterplots'] = String(this.#afterplots);
    if (this.#afterplots === 1) {
      const info = webglInfo();
      this.#onState({ kind: 'ready', drawing: this.#gl ? 'webgl' : !info.available ? 'svg-no-webgl' : info.software ? 'svg-software-webgl' : 'svg-chosen' });
    }
  }
}
