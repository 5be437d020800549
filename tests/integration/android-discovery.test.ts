// Discovery through the real adb server: the tracker sees a virtual phone come and go, reads
// its facts once (labelled virtual from what the phone reports), and notices a dead network
// phone within 3 s through its heartbeat.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Device } from '../../src/shared/api.js';
import { createAdbClient, resolveAdbServerConfig } from '../../src/main/devices/android/adb-server.js';
import { AndroidDeviceTracker } from '../../src/main/devices/android/device-tracker.js';
import { startPrivateAdbServer, type PrivateAdbServer } from './helpers/adb-server.js';
import { startSimProcess, type SimProcess } from './helpers/sim-process.js';

const ADB_PORT = 15071;

async function until(tracker: AndroidDeviceTracker, predicate: (d: Device[]) => boolean, timeoutMs: number): Promise<Device[]> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const devices = tracker.devices();
    if (predicate(devices)) return devices;
    await new Promise((r) => setTimeout(r, 100));
  }
  return tracker.devices();
}

describe('Android discovery through the real adb server', () => {
  let server: PrivateAdbServer;
  let tracker: AndroidDeviceTracker;
  const sims: SimProcess[] = [];

  beforeAll(async () => {
    server = await startPrivateAdbServer(ADB_PORT);
    tracker = new AndroidDeviceTracker(createAdbClient(resolveAdbServerConfig({ port: ADB_PORT })), {});
    await tracker.start();
  });

  afterAll(async () => {
    tracker.stop();
    for (const sim of sims) sim.kill();
    await server.stop();
  });

  it('lists a phone plugged in after start, with its facts, labelled virtual by what it reports', async () => {
    const changes: Device[][] = [];
    const stop = tracker.onChange((d) => changes.push(d));
    const sim = await startSimProcess(['--adb-port', String(ADB_PORT), '--profile', 'flagship']);
    sims.push(sim);
    const devices = await until(tracker, (d) => d.some((x) => x.id === sim.serial && x.facts !== null), 15_000);
    stop();
    const phone = devices.find((d) => d.id === sim.serial)!;
    expect(phone).toMatchObject({ platform: 'android', state: 'device', virtual: true, transport: 'virtual', hint: null });
    expect(phone.facts?.model).toBeTruthy();
    expect(phone.facts?.sdk).toBeGreaterThan(20);
    expect(changes.length).toBeGreaterThan(0);
    expect(tracker.facts(sim.serial)?.properties['ro.tetherscope.virtual']).toBe('1');
  });

  it('shows an unauthorized phone with what to do', async () => {
    const sim = await startSimProcess(['--adb-port', String(ADB_PORT), '--unauthorized']);
    sims.push(sim);
    const devices = await until(tracker, (d) => d.some((x) => x.id === sim.serial && x.state === 'unauthorized'), 10_000);
    expect(devices.find((d) => d.id === sim.serial)).toMatchObject({ state: 'unauthorized', hint: 'Unlock the phone and accept the USB debugging prompt.' });
  });

  it('shows a network phone that died as offline within 3 s', async () => {
    const sim = await startSimProcess(['--adb-port', String(ADB_PORT)]);
    sims.push(sim);
    await until(tracker, (d) => d.some((x) => x.id === sim.serial && x.state === 'device'), 10_000);
    const killedAt = Date.now();
    sim.kill();
    const devices = await until(tracker, (d) => d.find((x) => x.id === sim.serial)?.state !== 'device', 6000);
    const elapsed = Date.now() - killedAt;
    expect(devices.find((d) => d.id === sim.serial)?.state).toBe('offline');
    expect(elapsed).toBeLessThan(3000);
  });
});
