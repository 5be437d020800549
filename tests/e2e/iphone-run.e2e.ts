// An iPhone in the window: a virtual iPhone (a Core ML device model behind a simulated
// usbmuxd and lockdownd, always labelled virtual) is added, a Core ML sample runs on all three
// paths through Tetherscope Probe, and the saved session says it is an iPhone session whose
// Core ML path has not been verified on a real iPhone; its shares equal the shared analysis.
import { join } from 'node:path';
import { analyzeSession } from '../../src/shared/analysis/session-analysis.js';
import { PATH_IDS } from '../../src/shared/api-constants.js';
import type { SessionData } from '../../src/shared/session/session-data.js';
import { formatShare } from '../../src/renderer/src/format/units.js';
import { artifactsDir, expect, test } from './serve-fixture.js';

test.use({ serveSettings: { baselineWaitMaxS: 2, idleBaselineS: 1 } });

test('virtual iPhone: a Core ML run on the Neural Engine, GPU and CPU is saved and reopens', async ({ page, served, problems }) => {
  test.setTimeout(180_000);
  await page.goto(served.url);

  const devices = page.getByRole('complementary', { name: 'Devices' });
  await devices.getByLabel('Virtual phone profile').selectOption('iphone-16-pro');
  await devices.getByRole('button', { name: 'Add virtual phone' }).click();
  const card = devices.locator('.device-card').filter({ hasText: 'iPhone 16 Pro' });
  await expect(card).toHaveCount(1, { timeout: 30_000 });
  await expect(card.locator('.badge.virtual')).toBeVisible();
  await expect(card.locator('.device-state')).toHaveText('Ready', { timeout: 30_000 });
  await expect(card.locator('.device-facts')).toContainText('iPhone · A18 Pro');
  await card.click();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'New run' }).click();
  await expect(page.getByTestId('ios-notice')).toContainText('not yet verified on a real iPhone');
  // The preselected sample is the Core ML one for an iPhone.
  await expect(page.getByLabel('Model file')).toHaveValue(/mobilenet-mini\.mlmodel$/);
  await expect(page.getByLabel('CPU threads')).toHaveCount(0);
  // On an iPhone the NPU path is called the Neural Engine everywhere.
  await expect(page.getByRole('group', { name: 'Paths to run' })).toContainText('Neural Engine (cpuAndNeuralEngine)');
  await expect(page.getByRole('group', { name: 'Paths to run' })).not.toContainText('NPU');
  await page.screenshot({ path: join(artifactsDir, 'iphone-run-setup.png') });
  await page.getByLabel('Runs per path').fill('40');
  await page.getByLabel('Warm-up runs').fill('2');
  await page.getByRole('button', { name: 'Start run' }).click();

  const live = page.getByTestId('live-view');
  await expect(live).toBeVisible({ timeout: 30_000 });
  await expect(live.getByRole('status').filter({ hasText: 'The run finished' })).toBeVisible({ timeout: 120_000 });
  await live.getByRole('button', { name: 'Open the saved session' }).click();
  await expect(page.getByTestId('session-view')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('ios-unverified')).toContainText('the Neural Engine path is Tetherscope’s NPU path');
  await expect(page.getByTestId('timeline')).toHaveAttribute('data-afterplots', /^[1-9]\d*$/, { timeout: 30_000 });
  await expect(page.getByTestId('path-table')).toBeVisible();
  await expect(page.getByTestId('path-table').locator('thead')).toContainText('Neural Engine');
  await expect(page.getByTestId('path-table').locator('thead')).not.toContainText('NPU');
  await expect(page.getByTestId('path-table')).not.toContainText('Tracing overhead');

  const session = await page.evaluate(async () => {
    type Api = { listSessions(): Promise<{ ok: boolean; result: { sessionId: string }[] }>; openSession(i: { sessionId: string }): Promise<{ ok: boolean; result: { session: unknown } }> };
    const api = (window as unknown as { tetherscope: Api }).tetherscope;
    const list = await api.listSessions();
    const id = list.ok ? list.result[0]?.sessionId : undefined;
    if (!id) throw new Error('no session');
    const reply = await api.openSession({ sessionId: id });
    if (!reply.ok) throw new Error('openSession failed');
    return reply.result.session;
  });
  const data = session as SessionData;
  expect(data.header.device.platform).toBe('ios');
  await page.getByLabel('Measure against').selectOption('120');
  const analysis = analyzeSession(data, { budget: { kind: 'hz', hz: 120 }, appOverheadMs: 0 });
  for (const path of PATH_IDS) {
    const figures = analysis.paths.find((p) => p.path === path)!;
    expect(figures.latency.count, path).toBe(40);
    await expect(page.getByTestId(`share-${path}-120 Hz`)).toHaveText(formatShare(figures.chosenBudget!.shareInside));
  }
  // The session scrolls inside the main area: a window as tall as its content shows all of it.
  const height = await page.evaluate(() => document.querySelector('.main-area')?.scrollHeight ?? 800);
  await page.setViewportSize({ width: 1280, height: Math.min(4000, height + 120) });
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(artifactsDir, 'iphone-session.png') });
  expect(problems).toEqual([]);
});
