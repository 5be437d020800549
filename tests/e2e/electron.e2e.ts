// The same flow in the real Electron window, where the Electron binary exists.
// On machines without it (such as our build machines) it is skipped, saying why.
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { findElectronBinary } from '../../src/main/cli/electron-binary.js';
import { watchForProblems } from './serve-fixture.js';
import { artifactsDir, repoRoot } from './serve-fixture.js';

const binary = findElectronBinary(repoRoot);

test('the Electron window shows the frame and the device panel empty state', async () => {
  if (!binary.ok) console.log(`Skipping the Electron e2e test: ${binary.reason}.`);
  test.skip(!binary.ok, binary.ok ? '' : `Electron binary unavailable: ${binary.reason}`);
  if (!binary.ok) return;
  const app = await electron.launch({ executablePath: binary.path, args: [repoRoot], env: { ...process.env, TETHERSCOPE_HOME: join(artifactsDir, 'electron-home'), ANDROID_ADB_SERVER_PORT: '16099' } });
  try {
    const page = await app.firstWindow();
    const problems = await watchForProblems(page);
    await page.reload();
    await expect(page.getByTestId('devices-empty')).toBeVisible();
    await expect(page.getByRole('status')).toContainText('Connected');
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const wc = BrowserWindow.getAllWindows()[0]!.webContents;
      return { url: wc.getURL() };
    });
    expect(prefs.url.startsWith('app://tetherscope/')).toBe(true);
    // Navigation away from our origin is denied.
    await page.evaluate(() => (location.href = 'https://example.com/'));
    await page.waitForTimeout(500);
    expect(page.url().startsWith('app://tetherscope/')).toBe(true);
    await page.screenshot({ path: join(artifactsDir, 'electron-window-empty.png') });
    expect(problems).toEqual([]);
  } finally {
    await app.close();
  }
});
