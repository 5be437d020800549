/**
 * The window's performance on a large SYNTHETIC session (generated test data, never
 * measured): `npx tsx tests/bench/ui.bench.ts`.
 *
 * Serves 3 paths × 50 000 inferences and 4 telemetry lanes × 36 000 points with the real
 * `tetherscope serve` (private TETHERSCOPE_HOME and adb port), opens it in Debian's
 * Chromium and measures:
 * - first_render_ms: click on Open to the timeline's first plotly_afterplot (the
 *   real openSession call, the window's analysis and the chart);
 * - zoom_pan_p95_ms: the 95th percentile of animation-frame times over a zoom and pan
 *   driven by real mouse wheel and drag input;
 * - stream_long_tasks / stream_longest_task_ms: long tasks (over 50 ms) while a live run
 *   streams 500 inferences/s and 4 series at 50 Hz for 60 s into the live view;
 * - js_heap_mb: the page's JS heap after streaming.
 * The live stream is injected in the page at the bridge socket (see ui-page-script.ts):
 * this benchmark does not drive the capture engine. Set TETHERSCOPE_BENCH_CHARTS=webgl or
 * svg to force how charts draw; by default the window decides.
 * Ends with exactly five name=value lines.
 */
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../playwright.config.js';
import { makeSyntheticSession, SYNTHETIC_SERIES, syntheticHeader, type SyntheticSeriesId } from '../fixtures/sessions/make-session.js';
import { serveWithSessions } from '../fixtures/sessions/serve-with-sessions.js';
import { BENCH_PAGE_SCRIPT } from './ui-page-script.js';

const INFERENCES_PER_PATH = 50_000;
const SAMPLES_PER_LANE = 36_000;
const LANES: SyntheticSeriesId[] = ['battery.power', 'battery.current', 'battery.temperature', 'cpu7.cap'];
const STREAM_SECONDS = Number(process.env['TETHERSCOPE_BENCH_STREAM_S'] ?? 60);
const STREAM_INFERENCES_PER_S = 500;
const STREAM_TELEMETRY_HZ = 50;
const ADB_PORT = 17700 + (process.pid % 50) * 10;

const percentile = (values: number[], p: number): number => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? Number.NaN;
};
const log = (line: string): void => console.log(line);

async function webglRenderer(page: Page): Promise<string> {
  return page.evaluate<string>(`(() => {
    const gl = document.createElement('canvas').getContext('webgl');
    if (!gl) return 'none (no WebGL)';
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return name;
  })()`);
}

async function firstRender(page: Page): Promise<{ ms: number; replyMs: number }> {
  // The window fetches the chart library while the list shows; let it settle as a user's would.
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(1500);
  const drawn = page.evaluate<number>('window.__bench.watchAfterplot(1)');
  await page.locator('[data-testid=session-row][data-session-id="synthetic-bench"]').getByRole('button', { name: 'Open', exact: true }).click();
  const at = await drawn;
  const clicked = await page.evaluate<number>('window.__bench.lastClickAt');
  const reply = await page.evaluate<number>('window.__bench.largeReplyAt');
  return { ms: at - clicked, replyMs: reply - clicked };
}

async function zoomAndPan(page: Page): Promise<{ p95: number; frames: number; redraws: number }> {
  await page.waitForTimeout(1000);
  const area = page.locator('[data-testid=timeline] .draglayer .xy .nsewdrag').first();
  await area.scrollIntoViewIfNeeded();
  const box = await area.boundingBox();
  if (!box) throw new Error('The timeline has no plot area to zoom.');
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  const before = await page.evaluate<number>('window.__bench.afterplots()');
  await page.mouse.move(x, y);
  await page.evaluate('window.__bench.startFrames()');
  for (let i = 0; i < 8; i++) {
    await page.mouse.wheel(0, -200);
    await page.waitForTimeout(60);
  }
  await page.waitForTimeout(500);
  await page.mouse.down();
  for (let i = 1; i <= 30; i++) {
    await page.mouse.move(x - i * 10, y);
    await page.waitForTimeout(16);
  }
  await page.mouse.up();
  await page.waitForTimeout(500);
  await page.mouse.down();
  for (let i = 1; i <= 30; i++) {
    await page.mouse.move(x - 300 + i * 15, y);
    await page.waitForTimeout(16);
  }
  await page.mouse.up();
  await page.waitForTimeout(500);
  for (let i = 0; i < 4; i++) {
    await page.mouse.wheel(0, 200);
    await page.waitForTimeout(60);
  }
  await page.waitForTimeout(1000);
  const deltas = await page.evaluate<number[]>('window.__bench.stopFrames()');
  const redraws = (await page.evaluate<number>('window.__bench.afterplots()')) - before;
  return { p95: percentile(deltas, 95), frames: deltas.length, redraws };
}

async function stream(page: Page): Promise<{ longTasks: number; longest: number; sent: { points: number; samples: number; batches: number } }> {
  const sessionId = 'synthetic-live-bench';
  const header = syntheticHeader({ sessionId, inferencesPerPath: (STREAM_INFERENCES_PER_S * STREAM_SECONDS) / 3, warmupRuns: 0 });
  await page.evaluate(`window.__bench.liveSessionId = ${JSON.stringify(sessionId)}`);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'New run' }).click();
  await page.getByTestId('setup-device').getByText('Synthetic bench phone').waitFor();
  await page.getByLabel('Model file').fill('/synthetic/synthetic-mobilenet-v3.tflite');
  await page.getByRole('button', { name: 'Start run' }).click();
  await page.getByTestId('live-view').waitFor();
  const startedAt = await page.evaluate<number>('performance.now()');
  const series = LANES.map((id) => ({ id, ...SYNTHETIC_SERIES[id] }));
  const sent = await page.evaluate<{ points: number; samples: number; batches: number }>(
    `window.__bench.stream(${JSON.stringify({ sessionId, header, seconds: STREAM_SECONDS, inferencesPerSecond: STREAM_INFERENCES_PER_S, telemetryHz: STREAM_TELEMETRY_HZ, series })})`,
  );
  await page.waitForTimeout(1500);
  const tasks = await page.evaluate<{ start: number; duration: number }[]>('window.__bench.longTasks');
  const during = tasks.filter((t) => t.start >= startedAt);
  return { longTasks: during.length, longest: during.reduce((m, t) => Math.max(m, t.duration), 0), sent };
}

const records = makeSyntheticSession({
  sessionId: 'synthetic-bench',
  inferencesPerPath: INFERENCES_PER_PATH,
  samplesPerSeries: SAMPLES_PER_LANE,
  seriesIds: LANES,
});
const served = await serveWithSessions([records], ADB_PORT);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  const forced = process.env['TETHERSCOPE_BENCH_CHARTS'];
  await page.addInitScript(`
    ${forced === 'webgl' || forced === 'svg' ? `localStorage.setItem('tetherscope.charts', ${JSON.stringify(forced)});` : ''}
    ${BENCH_PAGE_SCRIPT}
    window.__bench.device = ${JSON.stringify({
      id: 'synthetic-bench-phone',
      platform: 'android',
      transport: 'virtual',
      state: 'device',
      virtual: true,
      facts: { manufacturer: 'Tetherscope', model: 'Synthetic bench phone', soc: 'Synthetic SoC (test data)', os: 'Android 15', sdk: 35, abi: 'arm64-v8a', refreshRateHz: 120, accelerators: ['synthetic-npu'] },
      hint: null,
    })};
  `);
  await page.goto(served.url);
  await page.getByTestId('session-row').first().waitFor();

  log('Tetherscope UI benchmark on SYNTHETIC test data (generated, not measured)');
  log(`session: 3 paths × ${INFERENCES_PER_PATH.toLocaleString('en-US')} inferences, ${LANES.length} telemetry lanes × ${SAMPLES_PER_LANE.toLocaleString('en-US')} points`);
  log(`WebGL renderer: ${await webglRenderer(page)}`);
  const first = await firstRender(page);
  log(`first render: openSession answered (${(Buffer.byteLength(JSON.stringify(records)) / 1e6).toFixed(1)} MB of records) after ${Math.round(first.replyMs)} ms; the window drew ${Math.round(first.ms - first.replyMs)} ms later`);
  const hint = await page.locator('.chart-hint').first().textContent();
  log(`charts drawn with: ${hint?.includes('SVG') ? 'SVG' : 'WebGL (scattergl)'}${forced ? ` (forced: ${forced})` : ' (the window’s choice)'}`);
  const zoom = await zoomAndPan(page);
  log(`zoom and pan: ${zoom.frames} frames, ${zoom.redraws} redraws after the view changed`);
  log(`live stream: injected in the page at the bridge socket (the capture engine is not driven by this benchmark); ${STREAM_INFERENCES_PER_S} inferences/s and ${LANES.length} series at ${STREAM_TELEMETRY_HZ} Hz for ${STREAM_SECONDS} s`);
  const live = await stream(page);
  log(`streamed: ${live.sent.points.toLocaleString('en-US')} inferences, ${live.sent.samples.toLocaleString('en-US')} samples in ${live.sent.batches} batches`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
  if (problems.length) log(`page problems: ${problems.join(' | ')}`);
  log(`first_render_ms=${Math.round(first.ms)}`);
  log(`zoom_pan_p95_ms=${zoom.p95.toFixed(1)}`);
  log(`stream_long_tasks=${live.longTasks}`);
  log(`stream_longest_task_ms=${Math.round(live.longest)}`);
  log(`js_heap_mb=${(heap / (1024 * 1024)).toFixed(1)}`);
} finally {
  await browser.close();
  await served.stop();
}
