// The virtual iPhone's transport driven by appium-ios-device 3.1.23, TLS included.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PROBE_APP_BUNDLE_ID,
  startVirtualIphoneTransport,
  type RunningVirtualIphoneTransport,
} from '../../src/main/devices/virtual-ios/virtual-iphone-transport.js';
import {
  APPIUM_AFC_MODE,
  appiumIosDevice,
  AppiumPlistServiceClass,
  fakeBody,
  TEST_BATTERY,
  TEST_FACTS,
  TEST_UDID,
  type AppiumAfc,
} from './helpers/virtual-iphone.js';
import { encodeXmlPlist } from '../../src/main/devices/ios/wire/plist-codec.js';

const { utilities, services } = appiumIosDevice;

describe('virtual iPhone through appium-ios-device', () => {
  let phone: RunningVirtualIphoneTransport;
  let savedAddress: string | undefined;

  beforeAll(async () => {
    phone = await startVirtualIphoneTransport({
      udid: TEST_UDID,
      facts: TEST_FACTS,
      body: fakeBody(),
      installedApps: [
        { bundleId: PROBE_APP_BUNDLE_ID, name: 'Probe', version: '1.2', development: true },
        { bundleId: 'com.example.store', development: false },
      ],
    });
    savedAddress = process.env['USBMUXD_SOCKET_ADDRESS'];
    process.env['USBMUXD_SOCKET_ADDRESS'] = phone.unixAddress;
  });

  afterAll(async () => {
    if (savedAddress === undefined) delete process.env['USBMUXD_SOCKET_ADDRESS'];
    else process.env['USBMUXD_SOCKET_ADDRESS'] = savedAddress;
    await phone?.stop();
  });

  it('discovers the phone and reads its facts without a session', async () => {
    expect(await utilities.getConnectedDevices()).toEqual([TEST_UDID]);
    expect(await utilities.getOSVersion(TEST_UDID)).toBe(TEST_FACTS.ProductVersion);
    const info = await utilities.getDeviceInfo(TEST_UDID);
    expect(info).toMatchObject({ ProductType: 'iPhone16,1', UniqueDeviceID: TEST_UDID, DeviceClass: 'iPhone', ChipID: 0x8130 });
  });

  it('takes an explicit usbmuxd socket instead of the environment', async () => {
    expect(await utilities.getConnectedDevices(connect(phone.socketPath))).toEqual([TEST_UDID]);
  });

  it('also works over the TCP address', async () => {
    process.env['USBMUXD_SOCKET_ADDRESS'] = phone.tcpAddress;
    try {
      expect(await utilities.getConnectedDevices()).toEqual([TEST_UDID]);
    } finally {
      process.env['USBMUXD_SOCKET_ADDRESS'] = phone.unixAddress;
    }
  });

  it('starts a TLS lockdown session and reads a domain the host uses to label the phone virtual', async () => {
    const lockdown = await utilities.startLockdownSession(TEST_UDID);
    try {
      expect(await lockdown.getValue({ Domain: 'dev.tetherscope', Key: 'TetherscopeVirtual' })).toBe(true);
    } finally {
      lockdown.close();
    }
  });

  it('answers diagnostics_relay battery requests through PlistService (the ios.md recipe)', async () => {
    const lockdown = await utilities.startLockdownSession(TEST_UDID);
    const started = await lockdown.startService('com.apple.mobile.diagnostics_relay');
    lockdown.close();
    expect(started.EnableServiceSSL).toBe(true);
    const socket = await utilities.connectPortSSL(TEST_UDID, started.Port);
    const relay = new AppiumPlistServiceClass(socket);
    try {
      const reply = await relay.sendPlistAndReceive({ Request: 'IORegistry', EntryClass: 'IOPMPowerSource' });
      expect(reply['Status']).toBe('Success');
      expect((reply['Diagnostics'] as { IORegistry: Record<string, unknown> }).IORegistry).toMatchObject({
        InstantAmperage: TEST_BATTERY.instantAmperageMa,
        Voltage: TEST_BATTERY.voltageMv,
        Temperature: TEST_BATTERY.temperatureCentiC,
        DesignCapacity: TEST_BATTERY.designCapacityMah,
        IsCharging: false,
      });
      expect(await relay.sendPlistAndReceive({ Request: 'NoSuchThing' })).toEqual({ Status: 'UnknownRequest' });
      expect(await relay.sendPlistAndReceive({ Request: 'Goodbye' })).toEqual({ Status: 'Success' });
    } finally {
      relay.close();
    }
  });

  it('refuses developer services as iOS 17 does', async () => {
    await expect(services.startInstrumentService(TEST_UDID)).rejects.toThrow(/InvalidService/);
  });

  it('vends the probe app container and round-trips a file through AFC', async () => {
    const houseArrest = await services.startHouseArrestService(TEST_UDID);
    const afc = await houseArrest.vendContainer(PROBE_APP_BUNDLE_ID);
    try {
      const model = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7) & 0xff));
      await afc.createDirectory('/Documents/models/m1');
      await writeWhole(afc, '/Documents/models/m1/model.mlmodel', model);
      expect(await afc.listDirectory('/Documents/models/m1')).toEqual(['.', '..', 'model.mlmodel']);
      const info = await afc.getFileInfo('/Documents/models/m1/model.mlmodel');
      expect(info.size).toBe(model.length);
      expect(info.isFile()).toBe(true);
      expect((await afc.getFileInfo('/Documents/models')).isDirectory()).toBe(true);
      expect((await readWhole(afc, '/Documents/models/m1/model.mlmodel', model.length)).equals(model)).toBe(true);
      const seen = phone.container(PROBE_APP_BUNDLE_ID).readFile('/Documents/models/m1/model.mlmodel');
      expect(seen === null ? null : Buffer.from(seen).equals(model)).toBe(true);
      await expect(afc.getFileInfo('/Documents/missing.bin')).rejects.toThrow(/OBJECT_NOT_FOUND/);
      await expect(afc.openFile('/Documents/missing.bin', APPIUM_AFC_MODE.read)).rejects.toThrow(/OBJECT_NOT_FOUND/);
      await expect(afc.listDirectory('/../../etc')).rejects.toThrow(/PERMISSION_DENIED/);
      await afc.deleteDirectory('/Documents/models');
      expect(phone.container(PROBE_APP_BUNDLE_ID).readFile('/Documents/models/m1/model.mlmodel')).toBeNull();
    } finally {
      afc.close();
    }
  });

  it('VendDocuments roots AFC at the container Documents folder', async () => {
    const houseArrest = await services.startHouseArrestService(TEST_UDID);
    const afc = await houseArrest.vendDocuments(PROBE_APP_BUNDLE_ID);
    try {
      await writeWhole(afc, '/note.txt', Buffer.from('in documents'));
      expect(Buffer.from(phone.container(PROBE_APP_BUNDLE_ID).readFile('/Documents/note.txt') ?? []).toString()).toBe('in documents');
      await expect(afc.listDirectory('/../Library')).rejects.toThrow(/PERMISSION_DENIED/);
    } finally {
      afc.close();
    }
  });

  it('refuses VendContainer for unknown and non-development apps', async () => {
    for (const bundleId of ['com.example.absent', 'com.example.store']) {
      const houseArrest = await services.startHouseArrestService(TEST_UDID);
      try {
        await expect(houseArrest.vendContainer(bundleId)).rejects.toThrow(/InstallationLookupFailed/);
      } finally {
        houseArrest.close();
      }
    }
  });

  it('serves the media partition through com.apple.afc, separate from app containers', async () => {
    const afc = await services.startAfcService(TEST_UDID);
    try {
      expect(await afc.listDirectory('/')).toEqual(expect.arrayContaining(['PublicStaging', 'DCIM']));
      await writeWhole(afc, '/PublicStaging/hello.txt', Buffer.from('media bytes'));
      expect(phone.media.readFile('/PublicStaging/hello.txt')).toEqual(new Uint8Array(Buffer.from('media bytes')));
      expect(phone.container(PROBE_APP_BUNDLE_ID).readFile('/PublicStaging/hello.txt')).toBeNull();
    } finally {
      afc.close();
    }
  });

  it('lists and looks up installed apps through installation_proxy', async () => {
    const proxy = await services.startInstallationProxyService(TEST_UDID);
    try {
      const apps = await proxy.listApplications({ applicationType: 'User' });
      expect(Object.keys(apps).sort()).toEqual(['com.example.store', PROBE_APP_BUNDLE_ID]);
      const found = await proxy.lookupApplications({ bundleIds: [PROBE_APP_BUNDLE_ID, 'com.example.absent'] });
      expect(Object.keys(found)).toEqual([PROBE_APP_BUNDLE_ID]);
      expect(found[PROBE_APP_BUNDLE_ID]).toMatchObject({ CFBundleShortVersionString: '1.2', Entitlements: { 'get-task-allow': true } });
    } finally {
      proxy.close();
    }
  });
});

describe('installing through installation_proxy', () => {
  let phone: RunningVirtualIphoneTransport;
  let savedAddress: string | undefined;

  beforeAll(async () => {
    phone = await startVirtualIphoneTransport({ udid: TEST_UDID, facts: TEST_FACTS, body: fakeBody() });
    savedAddress = process.env['USBMUXD_SOCKET_ADDRESS'];
    process.env['USBMUXD_SOCKET_ADDRESS'] = phone.tcpAddress;
  });

  afterAll(async () => {
    if (savedAddress === undefined) delete process.env['USBMUXD_SOCKET_ADDRESS'];
    else process.env['USBMUXD_SOCKET_ADDRESS'] = savedAddress;
    await phone?.stop();
  });

  it('installs an unpacked .app uploaded to PublicStaging as a development build, then uninstalls it', async () => {
    const media = await services.startAfcService(TEST_UDID);
    try {
      await media.createDirectory('/PublicStaging/Probe.app');
      const info = encodeXmlPlist({ CFBundleIdentifier: PROBE_APP_BUNDLE_ID, CFBundleName: 'Probe', CFBundleShortVersionString: '2.0' });
      await writeWhole(media, '/PublicStaging/Probe.app/Info.plist', info);
    } finally {
      media.close();
    }
    const proxy = await services.startInstallationProxyService(TEST_UDID);
    try {
      const progress = await proxy.installApplication('PublicStaging/Probe.app', { PackageType: 'Developer' });
      expect(progress.at(-1)).toEqual({ Status: 'Complete' });
      const found = await proxy.lookupApplications({ bundleIds: PROBE_APP_BUNDLE_ID });
      expect(found[PROBE_APP_BUNDLE_ID]).toMatchObject({ CFBundleShortVersionString: '2.0', Entitlements: { 'get-task-allow': true } });
      await expect(proxy.installApplication('PublicStaging/Missing.app')).rejects.toThrow(/PackageInspectionFailed/);
      await proxy.uninstallApplication(PROBE_APP_BUNDLE_ID);
      expect(await proxy.lookupApplications({ bundleIds: PROBE_APP_BUNDLE_ID })).toEqual({});
    } finally {
      proxy.close();
    }
  });
});

async function writeWhole(afc: AppiumAfc, path: string, bytes: Buffer): Promise<void> {
  const handle = await afc.openFile(path, APPIUM_AFC_MODE.write);
  const chunk = 64 * 1024;
  for (let at = 0; at < bytes.length; at += chunk) await afc.writeFile(handle, bytes.subarray(at, at + chunk));
  await afc.closeFileHandle(handle);
}

async function readWhole(afc: AppiumAfc, path: string, size: number): Promise<Buffer> {
  const handle = await afc.openFile(path, APPIUM_AFC_MODE.read);
  const parts: Buffer[] = [];
  let total = 0;
  for (;;) {
    const part = await afc.readFile(handle, 100_000);
    if (part.length === 0) break;
    parts.push(part);
    total += part.length;
    if (total > size) break;
  }
  await afc.closeFileHandle(handle);
  return Buffer.concat(parts);
}
