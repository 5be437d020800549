// Starts `tetherscope serve` as a user would (the real CLI, the real built window) and
// hands the test its printed URL; stops it afterwards, whatever happened.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';

import { repoRoot, spawnServe } from '../serve-process.js';

export { repoRoot };
export const artifactsDir = join(repoRoot, 'test-results', 'artifacts');

export interface ServedApp {
  url: string;
  origin: string;
  dataDir: string;
  adbPort: number;
}

let nextAdbPort = 16100 + (process.pid % 50) * 10;

async function startServe(settings?: Record<string, unknown>): Promise<{ child: ChildProcess; app: ServedApp }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tetherscope-e2e-'));
  // Settings a test wants in place before serve reads them (src/main/core/settings.ts).
  if (settings) writeFileSync(join(dataDir, 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
  // A private adb server per test, never the user's on 5037.
  const adbPort = nextAdbPort++;
  const { child, url } = await spawnServe(dataDir, adbPort);
  return { child, app: { url, origin: new URL(url).origin, dataDir, adbPort } };
}

/** Fails the test on any console error, page error or Content-Security-Policy violation. */
export async function watchForProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  await page.exposeFunction('__reportCspViolation', (text: string) => problems.push(`CSP violation: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCspViolation(t: string): void }).__reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI}`);
    });
  });
  return problems;
}

export const test = base.extend<{ serveSettings: Record<string, unknown> | undefined; served: ServedApp; problems: string[] }>({
  /** A settings.json written into the private TETHERSCOPE_HOME before serve starts; `test.use` sets it. */
  serveSettings: [undefined, { option: true }],
  served: async ({ serveSettings }, use) => {
    const { child, app } = await startServe(serveSettings);
    try {
      await use(app);
    } finally {
      // Its adb server goes once serve is gone: killed earlier, a reconnecting serve would start it anew.
      const exited = child.exitCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      spawnSync('adb', ['-P', String(app.adbPort), 'kill-server'], { stdio: 'ignore' });
    }
  },
  problems: async ({ page }, use) => {
    const problems = await watchForProblems(page);
    await use(problems);
    expect(problems, 'the page reported problems').toEqual([]);
  },
});

export { expect };
