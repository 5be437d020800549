// Shared by the virtual iPhone transport tests: a fake phone body, a facts table, the real
// libimobiledevice tools, and the slice of appium-ios-device (CommonJS, untyped root) they use.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import type { IosBatteryReading, IosDeviceNs, IosPhoneBody } from '../../../src/main/devices/virtual-ios/virtual-iphone-contracts.js';
import type { IosDeviceFacts } from '../../../src/main/devices/virtual-ios/virtual-iphone-transport.js';

export const TEST_UDID = '00008130-0001A2B3C4D5E6F7';

export const TEST_FACTS: IosDeviceFacts = {
  DeviceName: 'Tetherscope Virtual iPhone',
  ProductType: 'iPhone16,1',
  ProductVersion: '17.5.1',
  BuildVersion: '21F90',
  HardwareModel: 'D83AP',
  CPUArchitecture: 'arm64e',
  ChipID: 0x8130,
  SerialNumber: 'TSVIRT00001',
  DeviceClass: 'iPhone',
};

/** Distinctive numbers, so a test can tell them from defaults. */
export const TEST_BATTERY: IosBatteryReading = {
  instantAmperageMa: -437,
  amperageMa: -402,
  voltageMv: 3987,
  temperatureCentiC: 3112,
  currentCapacityPercent: 77,
  rawCurrentCapacityMah: 2461,
  rawMaxCapacityMah: 3196,
  designCapacityMah: 3349,
  cycleCount: 123,
  isCharging: false,
  externalConnected: true,
  fullyCharged: false,
  updateTime: 1_764_300_000,
};

export function fakeBody(battery: () => IosBatteryReading = () => TEST_BATTERY): IosPhoneBody {
  return { battery, nowNs: () => 1_000_000n as IosDeviceNs };
}

export interface ToolResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a libimobiledevice tool against `usbmuxAddress` (USBMUXD_SOCKET_ADDRESS form). */
export function runIdeviceTool(tool: string, args: readonly string[], usbmuxAddress: string, timeoutMs = 10_000): Promise<ToolResult> {
  return new Promise((resolve) => {
    execFile(tool, [...args], { env: { ...process.env, USBMUXD_SOCKET_ADDRESS: usbmuxAddress }, timeout: timeoutMs }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

export interface AppiumAfc {
  createDirectory(path: string): Promise<void>;
  deleteDirectory(path: string): Promise<void>;
  listDirectory(path: string): Promise<string[]>;
  openFile(path: string, mode: number): Promise<number>;
  writeFile(handle: number, bytes: Buffer): Promise<void>;
  readFile(handle: number, length: number): Promise<Buffer>;
  closeFileHandle(handle: number): Promise<void>;
  getFileInfo(path: string): Promise<{ size: number; isFile(): boolean; isDirectory(): boolean }>;
  close(): void;
}

export interface AppiumLockdown {
  getValue(query?: { Key?: string; Domain?: string }): Promise<unknown>;
  startService(name: string): Promise<{ Port: number; EnableServiceSSL?: boolean }>;
  close(): void;
}

export interface AppiumPlistService {
  sendPlistAndReceive(request: Record<string, unknown>, timeoutMs?: number): Promise<Record<string, unknown>>;
  close(): void;
}

interface AppiumIosDevice {
  utilities: {
    getConnectedDevices(socket?: unknown): Promise<string[]>;
    getOSVersion(udid: string): Promise<string>;
    getDeviceInfo(udid: string): Promise<Record<string, unknown>>;
    startLockdownSession(udid: string): Promise<AppiumLockdown>;
    connectPort(udid: string, port: number): Promise<Socket>;
    connectPortSSL(udid: string, port: number): Promise<Socket>;
  };
  services: {
    startHouseArrestService(udid: string): Promise<{ vendContainer(bundleId: string): Promise<AppiumAfc>; vendDocuments(bundleId: string): Promise<AppiumAfc>; close(): void }>;
    startAfcService(udid: string): Promise<AppiumAfc>;
    startInstallationProxyService(udid: string): Promise<{
      listApplications(opts?: { applicationType?: string; returnAttributes?: string[] }): Promise<Record<string, Record<string, unknown>>>;
      lookupApplications(opts?: { bundleIds?: string | string[] }): Promise<Record<string, Record<string, unknown>>>;
      installApplication(pathOnPhone: string, clientOptions?: Record<string, unknown>): Promise<Record<string, unknown>[]>;
      uninstallApplication(bundleId: string): Promise<Record<string, unknown>[]>;
      close(): void;
    }>;
    startInstrumentService(udid: string): Promise<unknown>;
  };
}

const require = createRequire(import.meta.url);
export const appiumIosDevice = require('appium-ios-device') as AppiumIosDevice;
export const AppiumPlistServiceClass = (require('appium-ios-device/build/lib/plist-service') as { PlistService: new (socket: Socket) => AppiumPlistService })
  .PlistService;
/** appium's AFC open modes (lib/afc/protocol.js FileModes). */
export const APPIUM_AFC_MODE = { read: 1, write: 3 } as const;
