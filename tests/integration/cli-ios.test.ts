// The command line with iPhones: `tetherscope sim --ios` reached by Debian's real
// libimobiledevice tools and by `tetherscope devices`, and `tetherscope profile --virtual-ios`
// with its exit codes, as a pipeline runs them.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ProfileReportSchema } from '../../src/main/cli/profile/profile-report.js';

const BIN = fileURLToPath(new URL('../../bin/tetherscope.mjs', import.meta.url));
const model = (name: string): string => fileURLToPath(new URL(`../../resources/models/${name}`, import.meta.url));
const run = promisify(execFile);

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const home = mkdtempSync(join(tmpdir(), 'tetherscope-cli-ios-'));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, TETHERSCOPE_HOME: home, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('tetherscope sim --ios', () => {
  it('prints the USBMUXD_SOCKET_ADDRESS that libimobiledevice tools and tetherscope devices use to reach it', async () => {
    const home = mkdtempSync(join(tmpdir(), 'tetherscope-sim-ios-'));
    const child = spawn(process.execPath, [BIN, 'sim', '--ios', '--profile', 'iphone-14'], { env: { ...process.env, TETHERSCOPE_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline && !/^USBMUXD_SOCKET_ADDRESS=UNIX:\S+$/m.test(out)) await new Promise((r) => setTimeout(r, 100));
      const address = /^USBMUXD_SOCKET_ADDRESS=(UNIX:\S+)$/m.exec(out)?.[1];
      const udid = /attached as (\S+)\./.exec(out)?.[1];
      expect(address).toBeDefined();
      expect(udid).toMatch(/^[0-9A-F]{8}-[0-9A-F]{16}$/);
      const env = { ...process.env, USBMUXD_SOCKET_ADDRESS: address! };
      expect((await run('idevice_id', ['-l'], { env })).stdout.trim()).toBe(udid);
      expect((await run('ideviceinfo', ['-k', 'ProductType'], { env })).stdout.trim()).toBe('iPhone14,7');
      const devices = await cli(['devices', '--json'], { USBMUXD_SOCKET_ADDRESS: address!, ANDROID_ADB_SERVER_PORT: '15119' });
      const listed = (JSON.parse(devices.stdout) as { id: string; platform: string; virtual: boolean; facts: { model: string } | null }[]).find((d) => d.id === udid);
      expect(listed).toMatchObject({ platform: 'ios', virtual: true });
      expect(listed?.facts?.model).toContain('iPhone 14');
    } finally {
      child.kill('SIGINT');
      // `devices` started an adb server on that port, as adb itself does; it is not left running.
      await run('adb', ['-P', '15119', 'kill-server']).catch(() => {});
    }
    expect(await exited).toBe(0);
    expect(out).toMatch(/The virtual iPhone stopped/);
  });

  it('refuses an unknown profile with the list of profiles', async () => {
    const result = await cli(['sim', '--ios', '--profile', 'iphone-3g']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/iphone-16-pro, iphone-14, iphone-12/);
  });
});

describe('tetherscope profile --virtual-ios', () => {
  it('profiles a Core ML model on all three paths and exits 0 when the budget holds', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tetherscope-profile-ios-'));
    const result = await cli(['profile', model('mobilenet-mini.mlmodel'), '--virtual-ios', 'iphone-16-pro', '--runs', '25', '--warmup', '2', '--budget', '120hz', '--out', out, '--junit', join(out, 'junit.xml'), '--json']);
    expect(result.code, result.stderr).toBe(0);
    const report = ProfileReportSchema.parse(JSON.parse(result.stdout));
    expect(report.phones).toHaveLength(1);
    const phone = report.phones[0]!;
    expect(phone.virtual).toBe(true);
    expect(phone.message).toMatch(/not yet verified on a real iPhone/);
    expect(phone.paths.map((p) => p.path).sort()).toEqual(['cpu', 'gpu', 'npu']);
    for (const p of phone.paths) expect(p.inferences).toBe(25);
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toMatch(/<testsuite[^>]+failures="0"/);
  });

  it('exits 1 when a path misses the budget', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tetherscope-profile-ios-'));
    const result = await cli(['profile', model('fallback-mix.mlmodel'), '--virtual-ios', 'iphone-12', '--paths', 'cpu', '--runs', '10', '--budget', '0.001ms', '--out', out]);
    expect(result.code).toBe(1);
  });

  it('exits 2 with a clear message for a .tflite model on an iPhone', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tetherscope-profile-ios-'));
    const result = await cli(['profile', model('mobilenet-mini.tflite'), '--virtual-ios', 'iphone-14', '--runs', '10', '--out', out, '--json']);
    expect(result.code).toBe(2);
    expect(result.stdout + result.stderr).toMatch(/iPhones run Core ML models/);
  });
});
