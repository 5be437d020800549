import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { SessionRecord } from '../../shared/session/records.js';
import { fakeAdbServer } from '../../../tests/fake-adb-server.js';
import { adbkit, type AdbkitDeviceClient } from '../devices/android/adbkit.js';
import type { TelemetrySources } from '../devices/android/device-facts.js';
import { TelemetrySession, type TelemetrySessionOptions } from './telemetry-session.js';

const SOURCES: TelemetrySources = {
  batteryCurrent: '/sys/class/power_supply/battery/current_now',
  batteryVoltage: '/sys/class/power_supply/battery/voltage_now',
  batteryTemperature: '/sys/class/power_supply/battery/temp',
  thermalZones: ['/sys/class/thermal/thermal_zone0/temp'],
  cpuFreq: [],
  gpuFreq: null,
  powerRails: false,
};
const DISCHARGING = 'Current Battery Service state:\n  AC powered: false\n  USB powered: false\n  status: 3\n  level: 80\n  voltage: 4000\n  temperature: 300\n';
const EPOCH_S = 1_700_000_000;
const UPTIME_S = 5000;

/**
 * An adb server on a local port, speaking the smart-socket protocol as adbkit and the sampler's own stream do:
 * the sampler's stream is held for the test to write to; every other command answers at once.
 */
async function fakePhone(): Promise<{ device: AdbkitDeviceClient; sampler: () => Socket; commands: string[]; close: () => void }> {
  let sampler: Socket | null = null;
  const commands: string[] = [];
  const server = await fakeAdbServer((request, socket) => {
    socket.write('OKAY');
    if (!request.startsWith('shell:')) return true;
    const command = request.slice('shell:'.length);
    commands.push(command);
    if (command.includes('$EPOCHREALTIME')) sampler = socket;
    else socket.end(`${command.includes('dumpsys battery') ? DISCHARGING : ''}__TETHERSCOPE_EXIT__0\n`);
    return false;
  });
  const device = new adbkit.Client({ host: '127.0.0.1', port: server.port }).getDevice('x');
  return { device, sampler: () => sampler!, commands, close: server.close };
}

/** A session on the fake phone at 50 Hz; `options` replaces the defaults. */
function telemetryOn(phone: { device: AdbkitDeviceClient }, options: Partial<TelemetrySessionOptions>): TelemetrySession {
  return new TelemetrySession({
    device: phone.device,
    serial: 'x',
    sources: SOURCES,
    rateHz: 50,
    workDir: '/data/local/tmp/t',
    originBootUs: UPTIME_S * 1e6,
    emit: () => {},
    onThrottling: () => {},
    log: () => {},
    ...options,
  });
}

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 5000) throw new Error('timed out waiting for the telemetry to read what was written');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const epoch = (s: number): string => `${EPOCH_S + Math.floor(s)}.${String(Math.round((s % 1) * 1e6)).padStart(6, '0')}`;

/** Sample `seq` at 50 Hz: current −300 mA in µA, 4 V, 30 °C, zone 41.5 °C (NA every 10th). */
function sampleLine(seq: number): string {
  const us = seq * 20_000;
  const realtime = `${EPOCH_S + Math.floor(us / 1e6)}.${String(us % 1e6).padStart(6, '0')}`;
  const uptime = (UPTIME_S + Math.floor(us / 10_000) / 100).toFixed(2);
  return `S ${seq} ${realtime} ${uptime} -300000 4000000 300 ${seq % 10 === 0 ? 'NA' : '41500'}\n`;
}

describe('TelemetrySession', () => {
  it('records every source, calibrates the current, derives power and emits each chunk as it is read', async () => {
    const phone = await fakePhone();
    const records: SessionRecord[] = [];
    const throttling: number[] = [];
    const logs: string[] = [];
    const session = telemetryOn(phone, { emit: (r) => records.push(r), onThrottling: (status) => throttling.push(status), log: (line) => logs.push(line) });
    await session.start();
    await until(() => phone.commands.some((c) => c.includes('$EPOCHREALTIME')));
    phone.sampler().write(`H 4 ${[SOURCES.batteryCurrent, SOURCES.batteryVoltage, SOURCES.batteryTemperature, ...SOURCES.thermalZones].join(' ')}\nT+\n@thermal-at ${epoch(2.5)}\n`);
    // 3 s in chunks of 12 samples, the last line of one chunk cut in two; a gap of two samples.
    let text = '';
    for (let seq = 1; seq <= 150; seq++) if (seq !== 40 && seq !== 41) text += sampleLine(seq);
    for (let at = 0; at < text.length; at += 700) {
      phone.sampler().write(text.slice(at, at + 700));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await until(() => session.nowUs === 3_000_000);
    // A first dump from a HAL still starting, with no readings yet, decides nothing about which sensors to record.
    phone.sampler().write(`Thermal Status: 0\nCurrent temperatures from HAL:\nT-\nT+\n@thermal-at ${epoch(2.5)}\n`);
    // The dump as the phone's filter leaves it: the status and the live HAL readings (a BCL voltage is no temperature).
    phone.sampler().write('IsStatusOverride: false\nThermal Status: 3\nCurrent temperatures from HAL:\n\tTemperature{mValue=41.5, mType=3, mName=skin, mStatus=3}\n\tTemperature{mValue=4.2, mType=6, mName=vbat, mStatus=0}\n\tTemperature{mValue=-0.8, mType=-1, mName=USB2-MINUS-QI, mStatus=0}\n\tTemperature{mValue=38.5, mType=0, mName=cpu0, mStatus=0}\n');
    phone.sampler().write('T-\nT+\n');
    await until(() => session.thermalStatus !== null);

    // Emitted without a timer: everything read so far is out.
    const samples = (id: string): number[] => records.flatMap((r) => (r.r === 'samples' && r.id === id ? r.v : []));
    const times = (id: string): number[] => records.flatMap((r) => (r.r === 'samples' && r.id === id ? r.tUs : []));
    expect(session.stats).toMatchObject({ received: 148, dropped: 2 });
    expect(samples('battery.voltage')).toHaveLength(148);
    expect(new Set(samples('battery.voltage'))).toEqual(new Set([4000]));
    expect(samples('thermal.zone0')).toHaveLength(148 - 14);
    expect(new Set(samples('battery.temperature'))).toEqual(new Set([30]));
    // Calibrated after 2 s (µA, kernel sign: 300 mA drawn), the readings before it replayed.
    expect(session.calibration).toMatchObject({ unit: 'uA', inverted: false, unusable: null });
    expect(samples('battery.current')).toHaveLength(148);
    expect(new Set(samples('battery.current'))).toEqual(new Set([300]));
    expect(new Set(samples('battery.power'))).toEqual(new Set([1200]));
    // On the BOOTTIME axis after the origin: sample n at n × 20 ms.
    expect(times('battery.voltage').slice(0, 3)).toEqual([20_000, 40_000, 60_000]);
    expect(session.latest('battery.voltage')).toEqual({ tUs: 3_000_000, v: 4000 });
    expect(session.meanOver('battery.power', 0, 10_000_000)).toBe(1200);
    expect(samples('thermal.status')).toEqual([0, 3]);
    expect(samples('thermal.hal.skin')).toEqual([41.5]);
    expect(samples('thermal.hal.cpu0')).toEqual([38.5]);
    // An untyped reading (here a difference of two sensors) is not taken for a temperature, and the log says so.
    expect(records.some((r) => r.r === 'series' && r.id === 'thermal.hal.USB2-MINUS-QI')).toBe(false);
    expect(logs.join('\n')).toMatch(/Thermal HAL: recording 2 sensors; not recorded \(untyped, USB port or beyond 16\): USB2-MINUS-QI \(UNKNOWN\)\./);
    // Placed when the phone read it (its stamp, on the BOOTTIME axis), not when it arrived.
    expect(Math.abs(times('thermal.status')[1]! - 2_500_000)).toBeLessThanOrEqual(10_000);
    expect(times('thermal.hal.skin')).toEqual(times('thermal.status').slice(1));
    expect(throttling).toEqual([3]);
    expect(session.thermalStatus).toBe(3);

    const declared = records.filter((r) => r.r === 'series').map((r) => r.id);
    expect(declared).toEqual(['battery.voltage', 'battery.temperature', 'thermal.zone0', 'battery.current', 'battery.power', 'thermal.status', 'thermal.hal.skin', 'thermal.hal.cpu0']);
    const hal = records.find((r) => r.r === 'series' && r.id === 'thermal.hal.skin');
    expect(hal).toMatchObject({ kind: 'temperature', unit: '°C', name: 'skin (thermal HAL, SKIN)' });
    records.length = 0;
    await session.stop();
    // Declared again with each source's update rate; the loop is killed by its pidfiles.
    expect(records.map((r) => r.r)).toEqual(['series', 'series', 'series', 'series']);
    expect(records.every((r) => r.r === 'series' && r.updateHz === null)).toBe(true);
    expect(phone.commands.at(-1)).toContain('sampler.pid');
    phone.close();
  });

  it('turns the rails dumps of a phone with power rails into mean power between readings, charging or not', async () => {
    const phone = await fakePhone();
    const records: SessionRecord[] = [];
    const logs: string[] = [];
    const session = telemetryOn(phone, { sources: { ...SOURCES, powerRails: true }, emit: (r) => records.push(r), log: (line) => logs.push(line) });
    await session.start();
    await until(() => phone.commands.some((c) => c.includes('$EPOCHREALTIME')));
    expect(phone.commands.find((c) => c.includes('$EPOCHREALTIME'))).toContain('IPowerStats/default');
    const meter = (cpuMws: number, gpuMws: number): string =>
      [
        '============= PowerStats HAL 2.0 energy meter ==============',
        '  [S4M_VDD_CPUCL0]:CPU(LITTLE)   ' + cpuMws.toFixed(2) + ' mWs',
        '  [S2S_VDD_G3D]:GPU   ' + gpuMws.toFixed(2) + ' mWs',
        '========== End of PowerStats HAL 2.0 energy meter ==========',
      ].join('\n');
    // Samples for the clock map, then rails read at 1, 2, 3 and 4 s (each dump takes 20 ms): 500 mW, 500, then
    // 2000 mW. A cut-off dump (no end line) in between is skipped.
    let text = '';
    for (let seq = 1; seq <= 250; seq++) text += sampleLine(seq);
    phone.sampler().write(text);
    const dump = (s: number, mWs: number, whole = true): string =>
      `T+\nThermal Status: 0\n@rails-begin ${epoch(s - 0.01)}\n${whole ? meter(mWs * 0.75, mWs * 0.25) : meter(0, 0).split('\n').slice(0, 2).join('\n')}\n@rails-end ${epoch(s + 0.01)}\nT-\n`;
    phone.sampler().write(dump(1, 10_000) + dump(2, 10_500) + dump(2.5, 0, false) + dump(3, 11_000) + dump(4, 13_000));
    await until(() => session.railsNowUs === 4_000_000);
    const points = records.filter((r) => r.r === 'samples' && r.id === 'rails.power').flatMap((r) => (r.r === 'samples' ? r.tUs.map((t, i) => [t, r.v[i]!]) : []));
    expect(points.map(([, v]) => Math.round(v!))).toEqual([500, 500, 500, 500, 2000, 2000]);
    expect(points.map(([t]) => t)).toEqual([1_000_001, 2_000_000, 2_000_001, 3_000_000, 3_000_001, 4_000_000]);
    expect(session.hasPowerRails).toBe(true);
    // Between the first and last readings inside the window; nothing from one reading alone.
    expect(session.railsPowerOver(900_000, 3_100_000)).toBeCloseTo(500, 6);
    expect(session.railsPowerOver(1_900_000, 4_100_000)).toBeCloseTo(1250, 6);
    expect(session.railsPowerOver(2_500_000, 3_500_000)).toBeNull();
    expect(session.railsPowerOver(4_100_000, 9_000_000)).toBeNull();
    expect(session.railsNowUs).toBe(4_000_000);
    expect(logs.join('\n')).toMatch(/Power rails: 2 \(S4M_VDD_CPUCL0, S2S_VDD_G3D\)/);
    records.length = 0;
    await session.stop();
    const declared = records.find((r) => r.r === 'series' && r.id === 'rails.power');
    expect(declared?.r === 'series' ? declared.updateHz : null).toBeCloseTo(1, 6);
    phone.close();
  });

  it('drops a sample line cut off when the stream ends (an unplugged phone) instead of misreading it', async () => {
    const phone = await fakePhone();
    const records: SessionRecord[] = [];
    const session = telemetryOn(phone, { emit: (r) => records.push(r) });
    await session.start();
    await until(() => phone.commands.some((c) => c.includes('$EPOCHREALTIME')));
    const sampler = phone.sampler();
    const closed = new Promise((resolve) => sampler.once('close', resolve));
    // The third line is cut inside its last reading: 41500 millidegrees would read as 415.
    sampler.end(sampleLine(1) + sampleLine(2) + sampleLine(3).slice(0, -3));
    await closed;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(session.stats.received).toBe(2);
    const zone = records.flatMap((r) => (r.r === 'samples' && r.id === 'thermal.zone0' ? r.v : []));
    expect(zone).toEqual([41.5, 41.5]);
    await session.stop();
    phone.close();
  });
});
