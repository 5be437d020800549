// `tetherscope profile` as a pipeline runs it: a child process, the real adb server on a
// private port, virtual phones; exit codes, JUnit, the JSON report, Ctrl-C and SIGKILL.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileReportSchema } from '../../src/main/cli/profile/profile-report.js';
import { createCore } from '../../src/main/core/core.js';
import { resolveAdbServerConfig } from '../../src/main/devices/android/adb-server.js';
import { startVirtualPhone, type RunningVirtualPhone } from '../../src/main/devices/virtual/index.js';
import { readSessionText } from '../../src/shared/session/read-session.js';
import { sampleModel } from './capture-helpers.js';
import { startPrivateAdbServer, type PrivateAdbServer } from './helpers/adb-server.js';

const ADB_PORT = 15084;
const BIN = new URL('../../bin/tetherscope.mjs', import.meta.url).pathname;

interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], options: { home: string; onStart?: (child: ReturnType<typeof spawn>) => void } ): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, ANDROID_ADB_SERVER_PORT: String(ADB_PORT), TETHERSCOPE_HOME: options.home },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    options.onStart?.(child);
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Processes of Tetherscope's still alive on the phone (sampler loop, tool, trace, logcat). */
function leftovers(phone: RunningVirtualPhone): string[] {
  return phone.phone
    .liveProcesses()
    .map((p) => p.argv.join(' '))
    .filter((a) => /sampler|benchmark_model|perfetto|logcat|tetherscope/.test(a));
}

async function waitForFile(dir: string, predicate: (text: string) => boolean, timeoutMs: number): Promise<string | null> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const f of existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.tsession')) : []) {
      const path = join(dir, f);
      if (predicate(readFileSync(path, 'utf8'))) return path;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return null;
}

describe('tetherscope profile', () => {
  let server: PrivateAdbServer;
  let phoneA: RunningVirtualPhone;
  let phoneB: RunningVirtualPhone;
  const home = mkdtempSync(join(tmpdir(), 'tetherscope-cli-home-'));

  beforeAll(async () => {
    server = await startPrivateAdbServer(ADB_PORT);
    phoneA = await startVirtualPhone({ profile: 'midrange', adbPort: ADB_PORT });
    phoneB = await startVirtualPhone({ profile: 'flagship', adbPort: ADB_PORT });
  }, 60_000);
  afterAll(async () => {
    await phoneA?.stop();
    await phoneB?.stop();
    await server?.stop();
  }, 60_000);

  const base = (out: string): string[] => [sampleModel('mobilenet-mini'), '--paths', 'cpu', '--runs', '5', '--warmup', '1', '--out', out];

  it('exits 0 when every budget holds, with a JUnit report and a JSON report that follows its schema', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tetherscope-out-'));
    const junit = join(out, 'junit.xml');
    const run = await cli(['profile', ...base(out), '--device', phoneA.serial, '--budget', '1000ms', '--junit', junit, '--json'], { home });
    expect(run.code, run.stderr).toBe(0);
    const report = ProfileReportSchema.parse(JSON.parse(run.stdout));
    expect(report.exit_code).toBe(0);
    expect(report.phones[0]).toMatchObject({ serial: phoneA.serial, virtual: true, status: 'complete' });
    expect(report.phones[0]!.paths[0]!.budgets[0]).toMatchObject({ budget: 'latency', outcome: 'pass' });
    expect(report.phones[0]!.exports.some((f) => f.endsWith('.pftrace'))).toBe(true);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(xml.match(/<testcase /g)).toHaveLength(1);
    expect(xml).not.toMatch(/<failure/);
    expect(xml).toContain(report.phones[0]!.session!);
  }, 120_000);

  it('exits 1 and names the failing path when a budget fails; two phones at once report each', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tetherscope-out-'));
    const junit = join(out, 'junit.xml');
    const run = await cli(['profile', ...base(out), '--device', phoneA.serial, '--device', phoneB.serial, '--budget', '0.001ms', '--junit', junit], { home });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/CPU path exceeds the 0\.00 ms budget/);
    expect(run.stdout).toContain(phoneA.serial);
    expect(run.stdout).toContain(phoneB.serial);
    const xml = readFileSync(junit, 'utf8');
    expect(xml.match(/<testcase /g)).toHaveLength(2);
    expect(xml.match(/<failure /g)).toHaveLength(2);
  }, 180_000);

  it('exits 2 with the reason for no phone and for a corrupt model', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tetherscope-out-'));
    const none = await cli(['profile', ...base(out), '--device', '127.0.0.1:1'], { home });
    expect(none.code).toBe(2);
    expect(none.stdout).toMatch(/127\.0\.0\.1:1 was not found/);
    const bad = join(out, 'broken.tflite');
    writeFileSync(bad, 'PK\u0003\u0004 not a model');
    const corrupt = await cli(['profile', bad, '--device', phoneA.serial, '--out', out], { home });
    expect(corrupt.code).toBe(2);
    expect(corrupt.stdout).toMatch(/not a TensorFlow Lite model/);
    const energy = await cli(['profile', ...base(out), '--device', phoneA.serial, '--energy-budget', '5mJ'], { home });
    // Charging over USB without power rails: the energy budget cannot be judged.
    expect(energy.code).toBe(2);
    expect(energy.stdout).toMatch(/energy cannot be judged/);
  }, 180_000);

  it('stops cleanly on Ctrl-C: nothing of it keeps running on the phone, and the partial session reopens', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tetherscope-out-'));
    const run = await cli(['profile', sampleModel('mobilenet-mini'), '--device', phoneA.serial, '--paths', 'cpu,npu', '--duration', '20s', '--out', out], {
      home,
      onStart: (child) => {
        void waitForFile(out, (t) => t.includes('"r":"samples"'), 60_000).then(() => child.kill('SIGINT'));
      },
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/Stopped by Ctrl-C/);
    await new Promise((r) => setTimeout(r, 500));
    expect(leftovers(phoneA)).toEqual([]);
    expect((await server.adb(['-s', phoneA.serial, 'shell', 'getprop debug.tflite.trace'])).output.trim()).not.toBe('1');
    const file = readdirSync(out).find((f) => f.endsWith('.tsession'))!;
    const read = readSessionText(readFileSync(join(out, file), 'utf8'));
    expect(read.ok).toBe(true);
    if (read.ok) {
      expect(read.session.end?.status).toBe('cancelled');
      expect(read.session.series.length).toBeGreaterThan(0);
    }
  }, 180_000);

  it('survives its own SIGKILL: the session keeps all but the last second, and the next connection cleans the phone', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tetherscope-out-'));
    let killedAtBootUs = 0;
    await cli(['profile', sampleModel('mobilenet-mini'), '--device', phoneB.serial, '--paths', 'cpu', '--duration', '30s', '--out', out], {
      home,
      onStart: (child) => {
        // Killed at a moment unrelated to the session's writes: the worst case is just before the next batch.
        void waitForFile(out, (t) => (t.match(/"r":"samples"/g) ?? []).length > 20, 60_000)
          .then(() => new Promise((r) => setTimeout(r, 200 + Math.random() * 700)))
          .then(() => {
            killedAtBootUs = phoneB.phone.clock.uptimeMs() * 1000;
            child.kill('SIGKILL');
          });
      },
    });
    const file = readdirSync(out).find((f) => f.endsWith('.tsession'))!;
    const read = readSessionText(readFileSync(join(out, file), 'utf8'));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.session.end).toBeNull();
    const originUs = Number(BigInt(read.session.header.deviceClockOriginNs) / 1000n);
    // Each series on its own: one the capture forgot to write would hide behind the others' newest point. The
    // sampled sources are read in every batch; the thermal dumps come once a second and go with the next batch.
    const ages = read.session.series.map((s) => ({ id: s.meta.id, ageUs: killedAtBootUs - originUs - (s.tUs.at(-1) ?? -Infinity) }));
    expect(ages.filter((a) => a.id.startsWith('thermal.zone')).length).toBeGreaterThan(0);
    expect(ages.some((a) => a.id === 'thermal.status')).toBe(true);
    for (const { id, ageUs } of ages) {
      const onceASecond = id === 'thermal.status' || id.startsWith('thermal.hal.') || id.startsWith('rails.');
      expect({ id, ageUs: ageUs < (onceASecond ? 2_500_000 : 1_000_000) }).toEqual({ id, ageUs: true });
    }
    // The killed run left its loop and the tool running, as a real phone would.
    expect(leftovers(phoneB).length).toBeGreaterThan(0);
    const core = await createCore({ dataDir: mkdtempSync(join(tmpdir(), 'tetherscope-next-')), version: 'test', adb: resolveAdbServerConfig({ port: ADB_PORT }) });
    try {
      await core.android.ready();
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline && leftovers(phoneB).length > 0) await new Promise((r) => setTimeout(r, 200));
      expect(leftovers(phoneB)).toEqual([]);
      expect((await server.adb(['-s', phoneB.serial, 'shell', 'getprop debug.tflite.trace'])).output.trim()).not.toBe('1');
      // What stays until "Clean phone": the benchmark app it installed, and nothing else on the list.
      const ledger = (await server.adb(['-s', phoneB.serial, 'shell', 'cat /data/local/tmp/tetherscope/ledger'])).output.trim().split('\n');
      expect(ledger.map((l) => (JSON.parse(l) as { kind: string }).kind)).toEqual(['package']);
    } finally {
      await core.dispose();
    }
  }, 180_000);
});
