// The session views against the real `tetherscope serve`, reading SYNTHETIC session files
// (tests/fixtures/sessions/make-session.ts: generated test data, never measured) placed in
// its TETHERSCOPE_HOME before it starts. listSessions and openSession are the real calls.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { standardBudgetShares } from '../../src/shared/analysis/frame-budget.js';
import { PATH_IDS, type PathId } from '../../src/shared/api-constants.js';
import { buildMobilenetMini } from '../../src/shared/formats/tflite/samples.js';
import type { SessionRecord } from '../../src/shared/session/records.js';
import { formatShare } from '../../src/renderer/src/format/units.js';
import { makeSyntheticSession } from '../fixtures/sessions/make-session.js';
import { serveWithSessions, type ServedWithSessions } from '../fixtures/sessions/serve-with-sessions.js';
import { artifactsDir, watchForProblems } from './serve-fixture.js';

const MAIN = makeSyntheticSession({ sessionId: 'synthetic-e2e-main', createdAt: Date.UTC(2026, 10, 27, 14, 5) });
const OLDER = makeSyntheticSession({
  sessionId: 'synthetic-e2e-older',
  createdAt: Date.UTC(2026, 10, 20, 9, 30),
  modelName: 'synthetic-yolo-nano.tflite',
  paths: ['gpu', 'cpu'],
  inferencesPerPath: 600,
  interrupted: true,
  seed: 11,
});

let nextAdbPort = 17100 + (process.pid % 50) * 10;

const test = base.extend<{ served: ServedWithSessions; problems: string[] }>({
  // eslint-disable-next-line no-empty-pattern
  served: async ({}, use) => {
    const served = await serveWithSessions([MAIN, OLDER], nextAdbPort++);
    try {
      await use(served);
    } finally {
      await served.stop();
    }
  },
  problems: async ({ page }, use) => {
    const problems = await watchForProblems(page);
    await use(problems);
    expect(problems, 'the page reported problems').toEqual([]);
  },
});

/** Timed latencies of a path, straight from the generated records. */
function latencies(records: readonly SessionRecord[], path: PathId): number[] {
  return records.flatMap((r) => (r.r === 'points' && r.path === path && !r.warmup ? r.latUs : []));
}

async function timelineDrawn(page: Page): Promise<void> {
  await expect(page.getByTestId('timeline')).toHaveAttribute('data-afterplots', /^[1-9]\d*$/, { timeout: 30_000 });
}

async function openFromList(page: Page, sessionId: string): Promise<void> {
  await page.locator(`[data-testid=session-row][data-session-id="${sessionId}"]`).getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByTestId('session-view')).toBeVisible();
  await timelineDrawn(page);
}

async function tallScreenshot(page: Page, name: string): Promise<void> {
  const height = await page.evaluate(() => document.querySelector('.main-area')?.scrollHeight ?? 800);
  await page.setViewportSize({ width: 1280, height: Math.min(4000, height + 120) });
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(artifactsDir, name) });
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('synthetic session: the list shows it, it opens with a timeline, and the in-budget shares equal the analysis', async ({ page, served, problems }) => {
  await page.goto(served.url);
  const rows = page.getByTestId('session-row');
  await expect(rows).toHaveCount(2);
  const main = page.locator('[data-testid=session-row][data-session-id="synthetic-e2e-main"]');
  await expect(main).toContainText('synthetic-mobilenet-v3.tflite');
  await expect(main).toContainText('Synthetic test phone');
  await expect(main.getByText('virtual', { exact: true })).toBeVisible();
  await expect(main).toContainText('Complete');
  await expect(page.locator('[data-testid=session-row][data-session-id="synthetic-e2e-older"]')).toContainText('Cut short');
  // Newest first.
  await expect(rows.first()).toHaveAttribute('data-session-id', 'synthetic-e2e-main');
  await main.getByRole('button', { name: 'Show file' }).click();
  await expect(main).toContainText(join(served.home, 'sessions', 'synthetic-e2e-main.tsession'));
  await page.screenshot({ path: join(artifactsDir, 'sessions-list.png') });

  await openFromList(page, 'synthetic-e2e-main');
  await expect(page.getByTestId('session-view')).toContainText(join(served.home, 'sessions', 'synthetic-e2e-main.tsession'));
  await expect(page.getByTestId('verdict')).toContainText(/fits a 120 Hz frame/);
  await expect(page.getByTestId('session-warnings')).toHaveCount(0);

  // Every in-budget share the table shows is the analysis figure for the same data.
  for (const path of PATH_IDS) {
    const shares = standardBudgetShares(latencies(MAIN, path), 120, 0);
    for (const label of ['120 Hz', 'phone (120 Hz)', '60 Hz', '90 Hz']) {
      const expected = shares.find((s) => s.label === label)!.shareInside!;
      const cell = page.getByTestId(`share-${path}-${label}`);
      await expect(cell).toHaveAttribute('data-share', String(expected));
      await expect(cell).toHaveText(formatShare(expected));
    }
  }
  await expect(page.getByTestId('path-table')).toContainText('50 of 64 ops on the NPU');
  await tallScreenshot(page, 'session-view.png');

  // Exports land beside the session file, and the window says where.
  await page.getByRole('group', { name: 'Export this session' }).getByRole('button', { name: 'CSV of points' }).click();
  const csv = join(served.home, 'sessions', 'synthetic-e2e-main.csv');
  await expect(page.getByTestId('export-outcome')).toContainText(`CSV of points saved: ${csv}`);
  expect(existsSync(csv)).toBe(true);

  // Back to the list, and the same session reopens.
  await page.getByRole('button', { name: '← Sessions' }).click();
  await expect(rows).toHaveCount(2);
  await openFromList(page, 'synthetic-e2e-main');
  await expect(page.getByTestId('path-table')).toBeVisible();
  expect(problems).toEqual([]);
});

test('synthetic session: the fallback table opens and sorts by each column, and the budget and theme follow the user', async ({ page, served, problems }) => {
  await page.goto(served.url);
  await openFromList(page, 'synthetic-e2e-main');

  const details = page.getByTestId('fallback-details');
  await details.locator('summary').click();
  const table = page.getByTestId('fallback-table');
  await expect(table).toBeVisible();
  const firstOp = table.getByTestId('fallback-row').first().locator('td').nth(1);
  await expect(table.getByTestId('fallback-row')).toHaveCount(6);
  await expect(firstOp).toHaveText('HARD_SWISH');
  await table.getByRole('button', { name: /^Op type/ }).click();
  await expect(firstOp).toHaveText('ARG_MAX');
  await expect(table.locator('th').nth(1)).toHaveAttribute('aria-sort', 'ascending');
  // The keyboard works as well as the mouse.
  await table.getByRole('button', { name: /^Op type/ }).press('Enter');
  await expect(firstOp).toHaveText('SQUEEZE');
  await expect(table.locator('th').nth(1)).toHaveAttribute('aria-sort', 'descending');
  await table.getByRole('button', { name: /^Share of op time/ }).focus();
  await page.keyboard.press('Space');
  await expect(firstOp).toHaveText('RESIZE_BILINEAR');
  await details.screenshot({ path: join(artifactsDir, 'fallback-table.png') });

  // A budget the user picks, less the app's own work, still equals the analysis.
  await page.getByLabel('Measure against').selectOption('90');
  await page.getByLabel('App work per frame').fill('2');
  await expect(page.getByTestId('verdict')).toContainText('a 90 Hz frame (with 2 ms for the app');
  for (const path of PATH_IDS) {
    const expected = standardBudgetShares(latencies(MAIN, path), 120, 2).find((s) => s.label === '90 Hz')!.shareInside!;
    await expect(page.getByTestId(`share-${path}-90 Hz`)).toHaveAttribute('data-share', String(expected));
  }
  await page.getByLabel('Measure against').selectOption('device');
  await page.getByLabel('App work per frame').fill('0');

  await page.getByLabel('Theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // The chart's own background follows the theme.
  await expect
    .poll(() => page.evaluate(() => getComputedStyle(document.querySelector('[data-testid=timeline] .main-svg')!).backgroundColor))
    .toBe('rgb(30, 33, 37)');
  await tallScreenshot(page, 'session-view-dark.png');
  await page.getByRole('button', { name: '← Sessions' }).click();
  await page.screenshot({ path: join(artifactsDir, 'sessions-list-dark.png') });
  expect(problems).toEqual([]);
});

test('synthetic cut-off session: warnings in plain words, delete asks first; run setup shows the host’s answer', async ({ page, served, problems }) => {
  await page.goto(served.url);
  await openFromList(page, 'synthetic-e2e-older');
  await expect(page.getByTestId('session-warnings')).toContainText('The session has no end record');
  await page.getByRole('button', { name: '← Sessions' }).click();

  const older = page.locator('[data-testid=session-row][data-session-id="synthetic-e2e-older"]');
  await older.getByRole('button', { name: 'Delete…' }).click();
  const confirm = older.getByRole('alertdialog');
  await expect(confirm).toContainText('cannot be brought back');
  await confirm.getByRole('button', { name: 'Keep it' }).click();
  await expect(page.getByTestId('session-row')).toHaveCount(2);
  await older.getByRole('button', { name: 'Delete…' }).click();
  await older.getByRole('button', { name: 'Delete session' }).click();
  await expect(page.getByTestId('session-row')).toHaveCount(1);
  expect(existsSync(served.files[1]!)).toBe(false);
  expect(existsSync(served.files[0]!)).toBe(true);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'New run' }).click();
  await expect(page.getByTestId('setup-device')).toContainText('Choose a phone on the left first.');
  await page.getByLabel('Model file').fill(join(served.home, 'no-such-model.tflite'));
  await page.getByRole('button', { name: 'Read model' }).click();
  await expect(page.getByTestId('model-error')).toContainText('no-such-model.tflite');
  // A real model file: the host reads it and the form shows what it found.
  const bytes = buildMobilenetMini();
  const modelFile = join(served.home, 'models', 'mobilenet-mini.tflite');
  mkdirSync(join(served.home, 'models'), { recursive: true });
  writeFileSync(modelFile, bytes);
  await page.getByLabel('Model file').fill(modelFile);
  await page.getByRole('button', { name: 'Read model' }).click();
  const info = page.getByTestId('model-info');
  await expect(info).toContainText('mobilenet-mini.tflite');
  await expect(info).toContainText(createHash('sha256').update(bytes).digest('hex').slice(0, 12));
  await expect(info).toContainText(/\d+ ops of \d+ types/);
  await page.getByLabel('Runs per path').fill('0');
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByTestId('setup-errors')).toBeVisible();
  await expect(page.getByText('Runs must be a whole number from 1 to 1,000,000.')).toBeVisible();
  await expect(page.getByLabel('Runs per path')).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: join(artifactsDir, 'run-setup.png') });
  expect(problems).toEqual([]);
});
