import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fallbackOpsFromPlan, placementSummary } from '../../capture/ios/ios-fallback.js';
import type { ProbeOp } from '../../../shared/ios-probe/probe-protocol.js';
import { parseBatteryReply, signedAmperage, temperatureC } from './ios-battery.js';
import { parseDevicePlist } from './lockdown-frame.js';
import { iosFactsFromValues } from './ios-facts.js';
import { defaultUsbmuxAddress, formatUsbmuxAddress, parseUsbmuxAddress } from './usbmux-address.js';
import { decodeUsbmuxMessages, encodeUsbmuxMessage } from './usbmux-listener.js';

describe('USBMUXD_SOCKET_ADDRESS', () => {
  it('reads the forms libusbmuxd and appium-ios-device accept', () => {
    expect(parseUsbmuxAddress('UNIX:/tmp/x.sock')).toEqual({ kind: 'unix', path: '/tmp/x.sock' });
    expect(parseUsbmuxAddress('unix:/tmp/x.sock')).toEqual({ kind: 'unix', path: '/tmp/x.sock' });
    expect(parseUsbmuxAddress('/var/run/usbmuxd')).toEqual({ kind: 'unix', path: '/var/run/usbmuxd' });
    expect(parseUsbmuxAddress('127.0.0.1:27015')).toEqual({ kind: 'tcp', host: '127.0.0.1', port: 27015 });
    expect(parseUsbmuxAddress('[::1]:2000')).toEqual({ kind: 'tcp', host: '::1', port: 2000 });
    expect(parseUsbmuxAddress('')).toBeNull();
    expect(parseUsbmuxAddress('localhost:99999')).toBeNull();
    expect(parseUsbmuxAddress('nonsense')).toBeNull();
  });

  it('prints the form libusbmuxd needs (uppercase UNIX:) and falls back to the system socket', () => {
    expect(formatUsbmuxAddress({ kind: 'unix', path: '/a' })).toBe('UNIX:/a');
    expect(formatUsbmuxAddress({ kind: 'tcp', host: '127.0.0.1', port: 5 })).toBe('127.0.0.1:5');
    expect(defaultUsbmuxAddress({ USBMUXD_SOCKET_ADDRESS: '10.0.0.2:27015' })).toEqual({ kind: 'tcp', host: '10.0.0.2', port: 27015 });
  });
});

describe('usbmuxd messages', () => {
  it('round-trips a plist message and keeps a cut-off tail for later', () => {
    const bytes = Buffer.concat([encodeUsbmuxMessage({ MessageType: 'Attached', DeviceID: 3, Properties: { SerialNumber: 'X' } }, 0), encodeUsbmuxMessage({ MessageType: 'Detached', DeviceID: 3 }, 0)]);
    const cut = decodeUsbmuxMessages(bytes.subarray(0, bytes.length - 5));
    expect(cut.messages).toHaveLength(1);
    expect(cut.messages[0]).toMatchObject({ MessageType: 'Attached', DeviceID: 3 });
    const rest = decodeUsbmuxMessages(Buffer.concat([cut.rest, bytes.subarray(bytes.length - 5)]));
    expect(rest.messages).toEqual([{ MessageType: 'Detached', DeviceID: 3 }]);
    expect(rest.problem).toBeNull();
  });

  it('names garbage instead of throwing', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const out = decodeUsbmuxMessages(Buffer.from(bytes));
        expect(Array.isArray(out.messages)).toBe(true);
      }),
      { numRuns: 2000 },
    );
    const huge = Buffer.alloc(16);
    huge.writeUInt32LE(50 << 20, 0);
    expect(decodeUsbmuxMessages(huge).problem).toMatch(/bytes/);
  });
});

describe('diagnostics_relay battery replies', () => {
  const reply = (io: Record<string, unknown>, status = 'Success'): unknown => ({ Status: status, Diagnostics: { IORegistry: io } });

  it('reads current, voltage, temperature and charging, with a negative current while discharging', () => {
    const parsed = parseBatteryReply(reply({ InstantAmperage: -412, Voltage: 3871, Temperature: 3012, CurrentCapacity: 77, IsCharging: false, ExternalConnected: false, UpdateTime: 1795900000 }));
    expect(parsed).toEqual({ sample: { instantAmperageMa: -412, voltageMv: 3871, temperatureC: 30.12, capacityPercent: 77, isCharging: false, externalConnected: false, updateTime: 1795900000 } });
  });

  it('reads a 64-bit amperage sent as a huge unsigned integer in XML as the negative current it encodes', () => {
    const xml = Buffer.from(
      '<?xml version="1.0" encoding="UTF-8"?><plist version="1.0"><dict><key>Status</key><string>Success</string><key>Diagnostics</key><dict><key>IORegistry</key><dict>' +
        '<key>InstantAmperage</key><integer>18446744073709551466</integer><key>Voltage</key><integer>3912</integer><key>Temperature</key><integer>2875</integer>' +
        '</dict></dict></dict></plist>',
    );
    expect(parseBatteryReply(parseDevicePlist(xml))).toMatchObject({ sample: { instantAmperageMa: -150, voltageMv: 3912, temperatureC: 28.75 } });
  });

  it('tells 0.01 °C from 0.1 °C by what a working battery can be', () => {
    expect(temperatureC(2875)).toBe(28.75);
    expect(temperatureC(900)).toBe(9);
    expect(temperatureC(312)).toBe(31.2);
  });

  it('corrects an amperage read as a huge unsigned number', () => {
    expect(signedAmperage(2n ** 64n - 412n)).toBe(-412);
    expect(signedAmperage(2 ** 32 - 5)).toBe(-5);
    expect(signedAmperage(300)).toBe(300);
  });

  it('says what is wrong with a reply instead of throwing', () => {
    expect(parseBatteryReply(null)).toEqual({ problem: 'the reply was not a dictionary' });
    expect(parseBatteryReply({ Status: 'UnknownRequest' })).toEqual({ problem: 'the phone answered UnknownRequest' });
    expect(parseBatteryReply(reply({ Temperature: 3000 }))).toEqual({ problem: 'the battery entry had no current or voltage' });
    fc.assert(
      fc.property(fc.anything(), (x) => {
        expect(typeof parseBatteryReply(x)).toBe('object');
      }),
      { numRuns: 2000 },
    );
    expect(parseBatteryReply(reply({ InstantAmperage: 2n ** 64n - 30n, Voltage: 3900 }))).toMatchObject({ sample: { instantAmperageMa: -30 } });
  });
});

describe('iPhone facts', () => {
  it('names a known iPhone, its chip and its display rate', () => {
    const facts = iosFactsFromValues({ ProductType: 'iPhone16,1', ProductVersion: '17.5.1', BuildVersion: '21F90', CPUArchitecture: 'arm64e', DeviceName: 'Desk' }, true, false);
    expect(facts.facts).toEqual({ manufacturer: 'Apple', model: 'iPhone 15 Pro (iPhone16,1)', soc: 'A17 Pro', os: 'iOS 17.5.1 (21F90)', sdk: null, abi: 'arm64e', refreshRateHz: 120, accelerators: ['Neural Engine', 'GPU'] });
  });

  it('keeps an unknown one by its ProductType and claims no chip', () => {
    const facts = iosFactsFromValues({ ProductType: 'iPhone99,9', ProductVersion: 7 }, null, false);
    expect(facts.facts.model).toBe('iPhone99,9');
    expect(facts.facts.soc).toBeNull();
    expect(facts.facts.os).toBeNull();
  });
});

describe('fallback from MLComputePlan', () => {
  const ops: ProbeOp[] = [
    { name: 'a', opType: 'convolution', preferred: 'neuralEngine', supported: ['neuralEngine', 'gpu', 'cpu'], weight: 0.5 },
    { name: 'b', opType: 'custom', preferred: 'cpu', supported: ['cpu'], weight: 0.1 },
    { name: 'c', opType: 'custom', preferred: 'cpu', supported: ['cpu'], weight: 0.05 },
    { name: 'd', opType: 'concatND', preferred: 'gpu', supported: ['neuralEngine', 'gpu', 'cpu'], weight: null },
  ];

  it('counts ops placed off the Neural Engine by type, telling unsupported from merely placed elsewhere', () => {
    const fallbacks = fallbackOpsFromPlan(ops, 'neuralEngine');
    expect(fallbacks).toHaveLength(2);
    expect(fallbacks[0]).toMatchObject({ opType: 'custom', count: 2, ranOn: 'CPU', timeShare: 0.15 });
    expect(fallbacks[0]!.reason).toMatch(/does not support it/);
    expect(fallbacks[1]).toMatchObject({ opType: 'concatND', count: 1, ranOn: 'GPU', timeShare: null });
    expect(fallbacks[1]!.reason).toMatch(/although the Neural Engine supports it/);
    expect(placementSummary(ops, 'neuralEngine')).toEqual({ onTarget: 1, total: 4 });
    expect(fallbackOpsFromPlan(ops, 'cpu')).toEqual([]);
  });
});

describe('watching a usbmuxd that keeps dropping the connection', () => {
  it('tries again once every few seconds, not twice as often each time', async () => {
    const { createServer } = await import('node:net');
    const { IosDeviceTracker } = await import('./ios-device-tracker.js');
    let connections = 0;
    const server = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const tracker = new IosDeviceTracker({ log: () => {} });
    tracker.addEndpoint({ kind: 'tcp', host: '127.0.0.1', port });
    await new Promise((r) => setTimeout(r, 7500));
    tracker.stop();
    server.close();
    // Immediately, then after 3 s and 6 s.
    expect(connections).toBeGreaterThanOrEqual(2);
    expect(connections).toBeLessThanOrEqual(3);
  }, 15_000);
});
