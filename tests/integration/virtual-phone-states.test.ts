import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deviceState, startPrivateAdbServer, waitFor } from './helpers/adb-server.js';
import type { PrivateAdbServer } from './helpers/adb-server.js';
import { startSimProcess } from './helpers/sim-process.js';
import type { SimProcess } from './helpers/sim-process.js';

const ADB_PORT = 15044;

describe('device states the adb server reports', () => {
  let server: PrivateAdbServer;
  const sims: SimProcess[] = [];

  beforeAll(async () => {
    server = await startPrivateAdbServer(ADB_PORT);
  });

  afterEach(async () => {
    for (const sim of sims.splice(0)) {
      sim.kill();
      await server.adb(['disconnect', sim.serial]);
    }
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('lists an --unauthorized phone as unauthorized, and refuses its shell', async () => {
    const sim = await startSimProcess(['--adb-port', String(ADB_PORT), '--unauthorized']);
    sims.push(sim);
    expect(await waitFor(() => deviceState(server, sim.serial), (s) => s === 'unauthorized', 5000)).toBe('unauthorized');
    const shell = await server.adb(['-s', sim.serial, 'shell', 'echo hi']);
    expect(shell.code).not.toBe(0);
    expect(shell.output).toMatch(/device unauthorized/);
  });

  it('adb 29 keeps a killed phone listed as offline until disconnected', async () => {
    const sim = await startSimProcess(['--adb-port', String(ADB_PORT)]);
    sims.push(sim);
    expect(await deviceState(server, sim.serial)).toBe('device');
    sim.child.kill('SIGKILL');
    await sim.exited;
    expect(await waitFor(() => deviceState(server, sim.serial), (s) => s === 'offline', 5000)).toBe('offline');
    await server.adb(['disconnect', sim.serial]);
    expect(await deviceState(server, sim.serial)).toBeUndefined();
  });

  it('`tetherscope sim` stops cleanly on SIGTERM: disconnected, exit code 0', async () => {
    const sim = await startSimProcess(['--adb-port', String(ADB_PORT)]);
    sims.push(sim);
    expect(await deviceState(server, sim.serial)).toBe('device');
    sim.child.kill('SIGTERM');
    expect(await sim.exited).toBe(0);
    expect(await deviceState(server, sim.serial)).toBeUndefined();
  });
});
