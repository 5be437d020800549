// The virtual iPhone's transport driven by Debian's real libimobiledevice 1.3.0 tools.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startVirtualIphoneTransport,
  type RunningVirtualIphoneTransport,
  type VirtualIphoneEvent,
} from '../../src/main/devices/virtual-ios/virtual-iphone-transport.js';
import { fakeBody, runIdeviceTool, TEST_BATTERY, TEST_FACTS, TEST_UDID } from './helpers/virtual-iphone.js';

describe('virtual iPhone through libimobiledevice', () => {
  let phone: RunningVirtualIphoneTransport;
  const events: VirtualIphoneEvent[] = [];

  beforeAll(async () => {
    phone = await startVirtualIphoneTransport({ udid: TEST_UDID, facts: TEST_FACTS, body: fakeBody(), log: (e) => events.push(e) });
  });

  afterAll(async () => {
    await phone?.stop();
  });

  it('idevice_id -l lists the UDID over the Unix socket and over TCP', async () => {
    expect(phone.unixAddress).toMatch(/^UNIX:\//);
    const viaUnix = await runIdeviceTool('idevice_id', ['-l'], phone.unixAddress);
    expect(viaUnix.stdout.trim().split('\n')).toEqual([TEST_UDID]);
    const viaTcp = await runIdeviceTool('idevice_id', ['-l'], phone.tcpAddress);
    expect(viaTcp.stdout.trim().split('\n')).toEqual([TEST_UDID]);
  });

  it('ideviceinfo -k ProductVersion answers from the facts table', async () => {
    const result = await runIdeviceTool('ideviceinfo', ['-k', 'ProductVersion'], phone.unixAddress);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(TEST_FACTS.ProductVersion);
  });

  it('full ideviceinfo goes through StartSession and TLS and prints the facts', async () => {
    events.length = 0;
    const result = await runIdeviceTool('ideviceinfo', [], phone.tcpAddress);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`ProductType: ${TEST_FACTS.ProductType}`);
    expect(result.stdout).toContain(`UniqueDeviceID: ${TEST_UDID}`);
    expect(result.stdout).toContain(`HardwareModel: ${TEST_FACTS.HardwareModel}`);
    expect(result.stdout).toContain('DeviceClass: iPhone');
    const requests = events.flatMap((e) => (e.kind === 'request' && e.protocol === 'lockdown' ? [e.request['Request']] : []));
    expect(requests).toEqual(['QueryType', 'GetValue', 'StartSession', 'GetValue', 'StopSession']);
    const tls = events.find((e) => e.kind === 'tls');
    // libimobiledevice 1.3.0 on Debian links OpenSSL 3; for iOS ≥ 10 it negotiates TLS 1.3.
    expect(tls).toMatchObject({ kind: 'tls', where: 'lockdown', protocol: 'TLSv1.3' });
  });

  it('ideviceinfo -q reads a domain through the session', async () => {
    const amfi = await runIdeviceTool('ideviceinfo', ['-q', 'com.apple.security.mac.amfi', '-k', 'DeveloperModeStatus'], phone.unixAddress);
    expect(amfi.stdout.trim()).toBe('true');
    const virtual = await runIdeviceTool('ideviceinfo', ['-q', 'dev.tetherscope', '-k', 'TetherscopeVirtual'], phone.unixAddress);
    expect(virtual.stdout.trim()).toBe('true');
    const battery = await runIdeviceTool('ideviceinfo', ['-q', 'com.apple.mobile.battery'], phone.unixAddress);
    expect(battery.stdout).toContain(`BatteryCurrentCapacity: ${TEST_BATTERY.currentCapacityPercent}`);
  });

  it('idevicediagnostics ioregentry AppleSmartBattery prints the body battery over a TLS service', async () => {
    events.length = 0;
    const result = await runIdeviceTool('idevicediagnostics', ['ioregentry', 'AppleSmartBattery'], phone.unixAddress);
    expect(result.code).toBe(0);
    const value = (key: string): string | undefined => new RegExp(`<key>${key}</key>\\s*<(integer|true|false)/?>(-?\\d*)`).exec(result.stdout)?.slice(1).join(':');
    expect(value('InstantAmperage')).toBe(`integer:${TEST_BATTERY.instantAmperageMa}`);
    expect(value('Voltage')).toBe(`integer:${TEST_BATTERY.voltageMv}`);
    expect(value('Temperature')).toBe(`integer:${TEST_BATTERY.temperatureCentiC}`);
    expect(value('CurrentCapacity')).toBe(`integer:${TEST_BATTERY.currentCapacityPercent}`);
    expect(value('AppleRawMaxCapacity')).toBe(`integer:${TEST_BATTERY.rawMaxCapacityMah}`);
    expect(value('CycleCount')).toBe(`integer:${TEST_BATTERY.cycleCount}`);
    expect(value('UpdateTime')).toBe(`integer:${TEST_BATTERY.updateTime}`);
    expect(value('ExternalConnected')).toBe('true:');
    expect(value('IsCharging')).toBe('false:');
    // What Debian's 1.3.0 really sends: EntryName plus an empty EntryClass.
    const request = events.find((e) => e.kind === 'request' && e.protocol === 'diagnostics_relay');
    expect(request).toMatchObject({ request: { Request: 'IORegistry', EntryName: 'AppleSmartBattery', EntryClass: '' } });
    expect(events.filter((e) => e.kind === 'tls').map((e) => (e.kind === 'tls' ? e.where : ''))).toEqual(['lockdown', 'service']);
  });

  it('detach() makes idevice_id stop listing the phone; attach() brings it back', async () => {
    phone.detach();
    const gone = await runIdeviceTool('idevice_id', ['-l'], phone.unixAddress);
    expect(gone.stdout).not.toContain(TEST_UDID);
    const refused = await runIdeviceTool('ideviceinfo', ['-k', 'ProductVersion'], phone.unixAddress);
    expect(refused.code).not.toBe(0);
    phone.attach();
    const back = await runIdeviceTool('idevice_id', ['-l'], phone.unixAddress);
    expect(back.stdout.trim()).toBe(TEST_UDID);
  });
});

describe('virtual iPhone pairing with idevicepair', () => {
  let phone: RunningVirtualIphoneTransport;
  const lockdownRequests: unknown[] = [];

  beforeAll(async () => {
    phone = await startVirtualIphoneTransport({
      udid: '00008130-0000000000000ABC',
      facts: TEST_FACTS,
      body: fakeBody(),
      log: (e) => {
        if (e.kind === 'request' && e.protocol === 'lockdown') lockdownRequests.push(e.request['Request']);
      },
    });
  });

  afterAll(async () => {
    await phone?.stop();
  });

  it('pairs anew (its own certificates from DevicePublicKey, saved through usbmuxd) and then validates', async () => {
    const before = await runIdeviceTool('idevicepair', ['validate'], phone.unixAddress);
    expect(before.stdout).toContain('SUCCESS: Validated pairing');
    const paired = await runIdeviceTool('idevicepair', ['pair'], phone.unixAddress);
    expect(paired.stdout).toContain('SUCCESS: Paired with device 00008130-0000000000000ABC');
    expect(lockdownRequests).toContain('Pair');
    // The session now runs on the host-made record: TLS with the device certificate idevicepair signed.
    const info = await runIdeviceTool('ideviceinfo', ['-k', 'DeviceName'], phone.unixAddress);
    expect(info.stdout.trim()).toBe(TEST_FACTS.DeviceName);
  });
});
