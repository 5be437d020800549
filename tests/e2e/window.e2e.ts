import { join } from 'node:path';
import { artifactsDir, expect, test } from './serve-fixture.js';

test('the served window shows the frame and the device panel empty state', async ({ page, served, problems }) => {
  await page.goto(served.url);
  // The token is traded for a cookie and dropped from the address bar.
  await expect(page).toHaveURL(`${served.origin}/`);
  await expect(page.getByRole('heading', { name: 'Tetherscope', level: 1 })).toBeVisible();
  const panel = page.getByRole('complementary', { name: 'Devices' });
  await expect(panel.getByTestId('devices-empty')).toBeVisible();
  await expect(panel.getByText('No phone connected')).toBeVisible();
  await expect(panel.getByText('Allow USB debugging?')).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Add virtual phone' })).toBeEnabled();
  await expect(page.getByRole('status')).toContainText('Connected');
  await expect(page.getByRole('status')).toContainText('0 phones');
  await page.screenshot({ path: join(artifactsDir, 'window-empty-light.png') });

  await page.getByLabel('Theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe('rgb(21, 23, 26)');
  await page.screenshot({ path: join(artifactsDir, 'window-empty-dark.png') });
  expect(problems).toEqual([]);
});

test('the window gets no API without the cookie', async ({ browser, served }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const response = await page.goto(served.origin + '/');
  expect(response?.status()).toBe(401);
  await expect(page.locator('body')).toContainText('open the address with the token');
  await context.close();
});

test('a second visit with the spent token is refused', async ({ browser, served }) => {
  const first = await browser.newContext();
  await (await first.newPage()).goto(served.url);
  const second = await browser.newContext();
  const response = await (await second.newPage()).goto(served.url);
  expect(response?.status()).toBe(403);
  await first.close();
  await second.close();
});

test('adding a virtual phone lists it, labelled virtual, through the real adb server', async ({ page, served, problems }) => {
  await page.goto(served.url);
  const panel = page.getByRole('complementary', { name: 'Devices' });
  await expect(panel.getByTestId('devices-empty')).toBeVisible();
  await panel.getByRole('button', { name: 'Add virtual phone' }).click();
  const card = panel.locator('.device-card').first();
  await expect(card).toBeVisible({ timeout: 20_000 });
  await expect(card.locator('.badge.virtual')).toHaveText('virtual');
  await expect(card).toContainText('Ready');
  await page.screenshot({ path: join(artifactsDir, 'devices-virtual-phone.png') });
  // A fresh phone: "Clean phone" finds nothing of Tetherscope on it, and says so.
  await card.click();
  await panel.getByRole('button', { name: 'Clean phone' }).click();
  await expect(panel.getByTestId('clean-result')).toHaveText('Nothing of Tetherscope was left on this phone.', { timeout: 20_000 });
  expect(problems).toEqual([]);
});

test('settings: shown as the host holds them, refused in plain words, saved and still there after a reload', async ({ page, served, problems }) => {
  await page.goto(served.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  const rate = page.getByLabel('Telemetry rate');
  await expect(rate).toHaveValue('20');
  await expect(page.getByLabel('adb server port')).toHaveValue('');

  await rate.fill('500');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByTestId('settings-errors')).toBeVisible();
  await expect(page.locator('#settings-telemetryRateHz-error')).toHaveText('The telemetry rate is from 1 to 100 readings a second.');

  await rate.fill('50');
  await page.getByLabel('Idle baseline before each path').fill('4.5');
  await page.getByLabel('usbmuxd address').fill('UNIX:/tmp/tetherscope-test-usbmuxd');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByTestId('settings-status')).toHaveText(/^Saved\. The adb server port and the usbmuxd address are used after Tetherscope restarts/);
  await page.screenshot({ path: join(artifactsDir, 'settings.png'), fullPage: true });
  const held = await page.evaluate(async () => {
    const api = (window as unknown as { tetherscope: { getSettings(): Promise<{ ok: boolean; result: Record<string, unknown> }> } }).tetherscope;
    return (await api.getSettings()).result;
  });
  expect(held).toMatchObject({ telemetryRateHz: 50, idleBaselineS: 4.5, usbmuxdAddress: 'UNIX:/tmp/tetherscope-test-usbmuxd', adbServerPort: null });

  await page.reload();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByLabel('Telemetry rate')).toHaveValue('50');
  await expect(page.getByLabel('Idle baseline before each path')).toHaveValue('4.5');
  expect(problems).toEqual([]);
});
