// The first chart plotly draws in a window is several times slower than later ones: its
// code runs cold, and so does the timeline's own. While the user reads the sessions list,
// draw a small timeline with every kind of part the real one has (stacked lanes, markers,
// lines, a step lane, shapes, labels, legend) off screen, twice, and throw it away, so the
// session the user opens draws warm.
import { newSessionData } from '../../../shared/session/read-session.js';
import type { SessionHeader, TelemetryKind } from '../../../shared/session/records.js';
import type { SessionData } from '../../../shared/session/session-data.js';
import type { HostTimeMs } from '../../../shared/units.js';
import { PATH_IDS } from '../paths.js';
import { LIGHT_CHART_THEME } from './chart-theme.js';
import type { PlotlyApi } from './plotly.js';
import { buildTimelineFigure } from './timeline-figure.js';

let warmed = false;

function warmupSession(): SessionData {
  const header = {
    r: 'header',
    device: { facts: { refreshRateHz: 120 } },
    plan: { paths: PATH_IDS.map((path) => ({ path })) },
  } as unknown as SessionHeader;
  const s = newSessionData(header);
  const n = 3000;
  PATH_IDS.forEach((path, p) => {
    const tUs = Array.from({ length: n }, (_, i) => (p * n + i) * 5000);
    s.points[path] = { tUs, latUs: tUs.map((t) => 4000 + p * 2000 + ((t * 7919) % 3000)), repeat: tUs.map(() => 0) };
    s.warmupPoints[path] = { tUs: [tUs[0]! - 10_000], latUs: [50_000], repeat: [0] };
    s.events.push({ r: 'event', kind: 'path-start', at: 0 as HostTimeMs, tUs: tUs[0]!, path, message: '' });
    s.events.push({ r: 'event', kind: 'path-end', at: 0 as HostTimeMs, tUs: tUs.at(-1)!, path, message: '' });
  });
  s.events.push({ r: 'event', kind: 'throttling', at: 0 as HostTimeMs, tUs: 20e6, path: null, message: '' });
  const kinds: [TelemetryKind, string][] = [['power', 'mW'], ['current', 'mA'], ['voltage', 'mV'], ['temperature', '°C'], ['thermal-status', 'level'], ['frequency', 'MHz']];
  for (const [kind, unit] of kinds) {
    const tUs = Array.from({ length: 3000 }, (_, i) => i * 15_000);
    s.series.push({ meta: { r: 'series', id: kind, name: kind, kind, unit, updateHz: null, source: '' }, tUs, v: tUs.map((t) => (kind === 'thermal-status' ? (t > 2e7 ? 1 : 0) : 100 + (t % 977))) });
  }
  return s;
}

export async function warmUpPlotly(plotly: PlotlyApi): Promise<void> {
  if (warmed) return;
  warmed = true;
  const div = document.createElement('div');
  div.setAttribute('aria-hidden', 'true');
  div.style.cssText = 'position:fixed;left:-10000px;top:0;width:1000px;visibility:hidden;pointer-events:none';
  document.body.append(div);
  const session = warmupSession();
  try {
    for (const columns of [900, 901]) {
      const figure = buildTimelineFigure(session, { viewUs: null, columns, markerColumnPx: 4, lineColumnPx: 2, gl: false, theme: LIGHT_CHART_THEME, budget: { modelBudgetMs: 8.33, label: '120 Hz' }, uirevision: 'warm-up' });
      await plotly.react(div, figure.data, figure.layout);
      plotly.purge(div);
    }
  } finally {
    div.remove();
  }
}
