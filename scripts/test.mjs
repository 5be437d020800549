#!/usr/bin/env node
// `npm test`: build, lint, typecheck, unit and integration tests (vitest), end-to-end
// tests (Playwright in Debian's Chromium). Ends with one plain line of totals that CI reads:
//   N passed, N failed, N skipped
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const results = join(root, 'test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const bin = (name) => join(root, 'node_modules', '.bin', name);
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(label, command, args) {
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = result.status === 0;
  console.log(`--- ${label}: ${ok ? 'ok' : `failed (exit ${result.status ?? result.signal})`} in ${seconds} s`);
  return ok;
}

function countStep(label, ok) {
  if (ok) totals.passed++;
  else {
    totals.failed++;
    failures.push(label);
  }
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const built = run('build', 'npm', ['run', '--silent', 'build']);
countStep('build', built);
countStep('lint', run('lint', bin('eslint'), ['--max-warnings', '0', '.']));
countStep('typecheck (Node side)', run('typecheck (Node side)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.node.json']));
countStep('typecheck (window)', run('typecheck (window)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.web.json']));
countStep('typecheck (end-to-end tests)', run('typecheck (end-to-end tests)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.e2e.json']));

if (built) {
  const vitestJson = join(results, 'vitest.json');
  const vitestOk = run('unit and integration tests (vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
  const v = readJson(vitestJson);
  if (v) {
    totals.passed += v.numPassedTests;
    totals.failed += v.numFailedTests;
    totals.skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
    if (v.numFailedTests > 0) failures.push(`${v.numFailedTests} vitest test(s)`);
    if (!vitestOk && v.numFailedTests === 0) countStep('vitest (a suite failed to load or run)', false);
  } else countStep('vitest (no report)', false);

  const pwJson = join(results, 'playwright.json');
  const pwOk = run('end-to-end tests (Playwright, Chromium)', bin('playwright'), ['test']);
  const p = existsSync(pwJson) ? readJson(pwJson) : null;
  if (p?.stats) {
    totals.passed += p.stats.expected + p.stats.flaky;
    totals.failed += p.stats.unexpected;
    totals.skipped += p.stats.skipped;
    if (p.stats.unexpected > 0) failures.push(`${p.stats.unexpected} Playwright test(s)`);
    if (!pwOk && p.stats.unexpected === 0) countStep('Playwright (run failed)', false);
  } else countStep('Playwright (no report)', false);
} else {
  countStep('tests not run: the build failed', false);
}

const line = `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`;
writeFileSync(join(results, 'totals.txt'), `${line}\n`);
if (failures.length > 0) console.log(`\nFailed: ${failures.join('; ')}`);
console.log(`\nScreenshots and reports: test-results/`);
console.log(line);
process.exit(totals.failed > 0 ? 1 : 0);
