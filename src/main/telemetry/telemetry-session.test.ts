import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { SessionRecord } from '../../shared/session/records.js';
import type { AdbkitDeviceClient } from '../devices/android/adbkit.js';
import type { TelemetrySources } from '../devices/android/device-facts.js';
import { TelemetrySession } from './telemetry-session.js';

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

/** A phone whose sampler stream the test writes to; every other command answers at once. */
function fakePhone(): { device: AdbkitDeviceClient; sampler: () => PassThrough; commands: string[] } {
  let sampler: PassThrough | null = null;
  const commands: string[] = [];
  const shell = (command: string): Promise<PassThrough> => {
    commands.push(command);
    const stream = new PassThrough();
    if (command.includes('$EPOCHREALTIME')) sampler = stream;
    else setImmediate(() => stream.end(`${command.includes('dumpsys battery') ? DISCHARGING : ''}__TETHERSCOPE_EXIT__0\n`));
    return Promise.resolve(stream);
  };
  return { device: { shell } as unknown as AdbkitDeviceClient, sampler: () => sampler!, commands };
}

/** Sample `seq` at 50 Hz: current −300 mA in µA, 4 V, 30 °C, zone 41.5 °C (NA every 10th). */
function sampleLine(seq: number): string {
  const us = seq * 20_000;
  const realtime = `${EPOCH_S + Math.floor(us / 1e6)}.${String(us % 1e6).padStart(6, '0')}`;
  const uptime = (UPTIME_S + Math.floor(us / 10_000) / 100).toFixed(2);
  return `S ${seq} ${realtime} ${uptime} -300000 4000000 300 ${seq % 10 === 0 ? 'NA' : '41500'}\n`;
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('TelemetrySession', () => {
  it('records every source, calibrates the current, derives power and emits each chunk as it is read', async () => {
    const phone = fakePhone();
    const records: SessionRecord[] = [];
    const throttling: number[] = [];
    const session = new TelemetrySession({
      device: phone.device,
      serial: 'x',
      sources: SOURCES,
      rateHz: 50,
      workDir: '/data/local/tmp/t',
      originBootUs: UPTIME_S * 1e6,
      emit: (r) => records.push(r),
      onThrottling: (status) => throttling.push(status),
      log: () => {},
    });
    await session.start();
    phone.sampler().write(`H 4 ${[SOURCES.batteryCurrent, SOURCES.batteryVoltage, SOURCES.batteryTemperature, ...SOURCES.thermalZones].join(' ')}\nT+\n`);
    // 3 s in chunks of 12 samples, the last line of one chunk cut in two; a gap of two samples.
    let text = '';
    for (let seq = 1; seq <= 150; seq++) if (seq !== 40 && seq !== 41) text += sampleLine(seq);
    for (let at = 0; at < text.length; at += 700) {
      phone.sampler().write(text.slice(at, at + 700));
      await tick();
    }
    expect(session.nowUs).toBe(3_000_000);
    phone.sampler().write('IsStatusOverride: false\nThermal Status: 3\n');
    phone.sampler().write('T-\nT+\n');
    await tick();

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
    expect(samples('thermal.status')).toEqual([3]);
    expect(throttling).toEqual([3]);
    expect(session.thermalStatus).toBe(3);

    const declared = records.filter((r) => r.r === 'series').map((r) => r.id);
    expect(declared).toEqual(['battery.voltage', 'battery.temperature', 'thermal.zone0', 'battery.current', 'battery.power', 'thermal.status']);
    records.length = 0;
    await session.stop();
    // Declared again with each source's update rate; the loop is killed by its pidfiles.
    expect(records.map((r) => r.r)).toEqual(['series', 'series', 'series', 'series']);
    expect(records.every((r) => r.r === 'series' && r.updateHz === null)).toBe(true);
    expect(phone.commands.at(-1)).toContain('sampler.pid');
  });
});
