// A whole run in browser mode through the real `tetherscope serve`: a virtual phone (a model
// of a phone, always labelled virtual) runs the real capture through the private adb server;
// the live view fills while it records; the saved session's in-budget shares equal the
// shared analysis of the same file.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { analyzeSession } from '../../src/shared/analysis/session-analysis.js';
import { PATH_IDS } from '../../src/shared/api-constants.js';
import type { SessionData } from '../../src/shared/session/session-data.js';
import { formatShare } from '../../src/renderer/src/format/units.js';
import { artifactsDir, expect, repoRoot, test } from './serve-fixture.js';

// Short cool-down and idle baseline so the three paths fit the test's time on a loaded machine.
test.use({ serveSettings: { baselineWaitMaxS: 2, idleBaselineS: 1 } });

const RUN_TIMEOUT_MS = 180_000;

interface FigureSize {
  /** Points in the latency traces (the shared y axis). */
  latency: number;
  /** Points in the telemetry lanes (every other y axis). */
  telemetry: number;
  /** The latest time drawn, in the figure's x units. */
  lastX: number;
}

/** What the timeline's plotly div holds now: plotly keeps the figure's traces on the div as `data`. */
async function timelineSize(page: Page): Promise<FigureSize> {
  return page.evaluate(() => {
    type Trace = { x?: ArrayLike<number>; yaxis?: string };
    const div = document.querySelector('[data-testid=timeline]') as (HTMLElement & { data?: Trace[] }) | null;
    const size = { latency: 0, telemetry: 0, lastX: 0 };
    for (const trace of div?.data ?? []) {
      const xs = trace.x ?? [];
      if ((trace.yaxis ?? 'y') === 'y') size.latency += xs.length;
      else size.telemetry += xs.length;
      for (let i = 0; i < xs.length; i++) {
        const x = Number(xs[i]);
        if (Number.isFinite(x) && x > size.lastX) size.lastX = x;
      }
    }
    return size;
  });
}

async function tallScreenshot(page: Page, name: string): Promise<void> {
  const height = await page.evaluate(() => document.querySelector('.main-area')?.scrollHeight ?? 800);
  await page.setViewportSize({ width: 1280, height: Math.min(4000, height + 120) });
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(artifactsDir, name) });
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('virtual phone: a short run records live, is saved, and its shares equal the analysis', async ({ page, served, problems }) => {
  test.setTimeout(240_000);
  await page.goto(served.url);

  // 1. A virtual phone, ready.
  const devices = page.getByRole('complementary', { name: 'Devices' });
  await devices.getByLabel('Virtual phone profile').selectOption('flagship');
  await devices.getByRole('button', { name: 'Add virtual phone' }).click();
  const card = devices.locator('.device-card').filter({ has: page.locator('.badge.virtual') });
  await expect(card).toHaveCount(1, { timeout: 30_000 });
  await expect(card.locator('.device-state')).toHaveText('Ready', { timeout: 30_000 });
  await card.click();
  await expect(card).toHaveAttribute('aria-pressed', 'true');
  await page.screenshot({ path: join(artifactsDir, 'devices-panel.png') });

  // 2. New run: the sample model, all three paths, a short run.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'New run' }).click();
  await expect(page.getByTestId('setup-device')).toContainText('virtual');
  const model = page.getByLabel('Model file');
  if ((await model.inputValue()) === '') await model.fill(join(repoRoot, 'resources/models/mobilenet-mini.tflite'));
  await expect(model).toHaveValue(/mobilenet-mini\.tflite$/);
  const paths = page.getByRole('group', { name: 'Paths to run' }).getByRole('checkbox');
  await expect(paths).toHaveCount(3);
  for (const box of await paths.all()) await expect(box).toBeChecked();
  await page.getByLabel('Runs per path').fill('30');
  await page.getByLabel('Warm-up runs').fill('2');
  // The benchmark tool: nothing saved yet; this run names the virtual phone's own build of the binary,
  // and saves it for later runs.
  const runnerFile = join(repoRoot, 'resources/virtual-phone/benchmark_model');
  await page.locator('details.advanced summary', { hasText: 'Benchmark tool' }).click();
  await expect(page.getByTestId('saved-runners')).toContainText('Benchmark app (.apk)none saved');
  await expect(page.getByTestId('saved-runners')).toContainText('Command-line benchmark_modelnone saved');
  await page.getByLabel('Another benchmark tool for this run (optional)').fill(runnerFile);
  await expect(page.getByLabel('Save it for later runs when the run starts')).toBeChecked();
  // A tall window while recording, so the screenshot holds every telemetry lane.
  await page.setViewportSize({ width: 1280, height: 1500 });
  await page.getByRole('button', { name: 'Start run' }).click();

  // 3. The live view: progress, then the timeline filling while the phone records.
  const live = page.getByTestId('live-view');
  await expect(live).toBeVisible({ timeout: 30_000 });
  const progress = page.getByRole('progressbar', { name: 'Progress of the whole run' });
  await expect(progress).toBeVisible();
  await expect(page.getByTestId('timeline')).toHaveAttribute('data-afterplots', /^[1-9]\d*$/, { timeout: 60_000 });
  await expect.poll(async () => (await timelineSize(page)).telemetry, { timeout: 60_000 }).toBeGreaterThan(0);
  const first = await timelineSize(page);
  // Later: the lanes hold more, or reach further in time, and more latency points have arrived.
  await expect
    .poll(
      async () => {
        const now = await timelineSize(page);
        return now.latency > first.latency && (now.telemetry > first.telemetry || now.lastX > first.lastX);
      },
      { timeout: 90_000, intervals: [500] },
    )
    .toBe(true);
  await expect(page.getByTestId('run-progress')).toContainText(/[1-9][\d,]* inferences/);
  expect(Number(await progress.evaluate((p: HTMLProgressElement) => p.value))).toBeGreaterThan(0);
  await page.screenshot({ path: join(artifactsDir, 'live-run.png') });
  await page.setViewportSize({ width: 1280, height: 800 });

  // 4. The run completes; the saved session opens.
  await expect(live.getByRole('status').filter({ hasText: 'The run finished' })).toBeVisible({ timeout: RUN_TIMEOUT_MS });
  await live.getByRole('button', { name: 'Open the saved session' }).click();
  const view = page.getByTestId('session-view');
  await expect(view).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('timeline')).toHaveAttribute('data-afterplots', /^[1-9]\d*$/, { timeout: 30_000 });
  await expect(page.getByTestId('path-table')).toBeVisible({ timeout: 30_000 });
  const sessionId = await page.evaluate(async () => {
    const api = (window as unknown as { tetherscope: { listSessions(): Promise<{ ok: boolean; result: { sessionId: string }[] }> } }).tetherscope;
    const reply = await api.listSessions();
    return reply.ok ? (reply.result[0]?.sessionId ?? null) : null;
  });
  expect(sessionId).not.toBeNull();

  const details = page.getByTestId('fallback-details');
  await details.locator('summary').click();
  await expect(details).toHaveAttribute('open', '');

  await page.getByLabel('Measure against').selectOption('120');
  await expect(page.getByTestId('verdict')).toContainText('120 Hz');

  const session = await page.evaluate(async (id) => {
    const api = (window as unknown as { tetherscope: { openSession(input: { sessionId: string }): Promise<{ ok: boolean; result: { session: unknown } }> } }).tetherscope;
    const reply = await api.openSession({ sessionId: id });
    if (!reply.ok) throw new Error('openSession failed');
    return reply.result.session;
  }, sessionId!);
  const analysis = analyzeSession(session as SessionData, { budget: { kind: 'hz', hz: 120 }, appOverheadMs: 0 });
  expect(analysis.virtual).toBe(true);
  for (const path of PATH_IDS) {
    const figures = analysis.paths.find((p) => p.path === path)!;
    expect(figures.status, `${path} ran`).toBe('ok');
    expect(figures.latency.count, `${path} has latency points`).toBeGreaterThan(0);
    const expected = figures.chosenBudget!.shareInside!;
    const cell = page.getByTestId(`share-${path}-120 Hz`);
    await expect(cell).toHaveText(formatShare(expected));
    const shown = Number(/([\d.]+) %/.exec((await cell.textContent()) ?? '')?.[1]);
    expect(shown, `${path}: ${String(await cell.textContent())} vs ${expected}`).toBeCloseTo(expected * 100, 1);
  }
  // Every share above is 100 % for this small model; a budget in ms near the GPU's median
  // splits the inferences, and the table still shows the analysis figures.
  const gpuMedianUs = analysis.paths.find((p) => p.path === 'gpu')!.latency.p50Us!;
  const ms = Math.round(gpuMedianUs / 10) / 100;
  const tight = analyzeSession(session as SessionData, { budget: { kind: 'ms', ms }, appOverheadMs: 0 });
  await page.getByLabel('Measure against').selectOption('ms');
  await page.getByLabel('Budget in milliseconds').fill(String(ms));
  for (const path of PATH_IDS) {
    const share = tight.paths.find((p) => p.path === path)!.chosenBudget!;
    await expect(page.getByTestId(`share-${path}-${share.label}`)).toHaveText(formatShare(share.shareInside));
  }
  await page.getByLabel('Measure against').selectOption('120');
  await expect(page.getByTestId('share-npu-120 Hz')).toBeVisible();
  await tallScreenshot(page, 'session-view-live.png');
  await details.scrollIntoViewIfNeeded();
  await details.screenshot({ path: join(artifactsDir, 'fallback-table-live.png') });

  // 5. From the sessions list, the same session reopens.
  await page.getByRole('button', { name: '← Sessions' }).click();
  const row = page.locator(`[data-testid=session-row][data-session-id="${sessionId}"]`);
  await expect(row).toContainText('mobilenet-mini.tflite');
  await expect(row).toContainText('Complete');
  await row.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(view).toBeVisible();
  await expect(page.getByTestId('timeline')).toHaveAttribute('data-afterplots', /^[1-9]\d*$/, { timeout: 30_000 });
  await expect(page.getByTestId('path-table')).toBeVisible();

  // 6. The next run's setup shows the saved benchmark tool; "Forget" removes it from the settings.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'New run' }).click();
  await page.locator('details.advanced summary', { hasText: 'Benchmark tool' }).click();
  const saved = page.getByTestId('saved-runners');
  await expect(saved).toContainText(`Command-line benchmark_model${runnerFile}`);
  await page.screenshot({ path: join(artifactsDir, 'run-setup-benchmark-tool.png'), fullPage: true });
  await saved.getByRole('button', { name: 'Forget' }).click();
  await expect(saved).toContainText('Command-line benchmark_modelnone saved');
  const settings = await page.evaluate(async () => {
    const api = (window as unknown as { tetherscope: { getSettings(): Promise<{ ok: boolean; result: { runnerCliPath: string | null } }> } }).tetherscope;
    return (await api.getSettings()).result;
  });
  expect(settings.runnerCliPath).toBeNull();
  expect(problems).toEqual([]);
});
