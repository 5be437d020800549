// appium-ios-device is CommonJS and ships no root type declarations (see README, "Notes");
// this file requires the parts we use and gives them the types we rely on.
import { createRequire } from 'node:module';
import type { Duplex } from 'node:stream';
import type { Socket } from 'node:net';

const require = createRequire(import.meta.url);

export interface UsbmuxDeviceEntry {
  DeviceID: number;
  MessageType?: string;
  Properties: { SerialNumber: string; ConnectionType?: string; DeviceID?: number; ProductID?: number; LocationID?: number };
}

export interface IosPairRecord {
  HostID: string;
  SystemBUID: string;
  HostCertificate: Buffer;
  HostPrivateKey: Buffer;
  DeviceCertificate?: Buffer;
  RootCertificate?: Buffer;
}

export interface AppiumUsbmux {
  listDevices(timeoutMs?: number): Promise<UsbmuxDeviceEntry[]>;
  readPairRecord(udid: string, timeoutMs?: number): Promise<IosPairRecord | null>;
  connect(deviceId: number, port: number, timeoutMs?: number): Promise<Socket>;
  close(): void;
}

export interface AppiumPlistService {
  sendPlistAndReceive(message: object, timeoutMs?: number): Promise<unknown>;
  sendPlist(message: object): void;
  receivePlist(timeoutMs?: number): Promise<unknown>;
  close(): void;
}

export interface AppiumAfcFileInfo {
  size: number;
  isDirectory(): boolean;
  isFile(): boolean;
}

export interface AppiumAfc {
  createDirectory(path: string): Promise<void>;
  deleteDirectory(path: string): Promise<void>;
  listDirectory(path: string): Promise<string[]>;
  getFileInfo(path: string): Promise<AppiumAfcFileInfo>;
  openFile(path: string, mode: number): Promise<number>;
  writeFile(handle: number, bytes: Buffer): Promise<void>;
  readFile(handle: number, length: number): Promise<Buffer>;
  closeFileHandle(handle: number): Promise<void>;
  close(): void;
}

export interface AppiumHouseArrest {
  vendContainer(bundleId: string): Promise<AppiumAfc>;
  vendDocuments(bundleId: string): Promise<AppiumAfc>;
  close(): void;
}

interface AppiumIosModules {
  Usbmux: new (socket: Socket) => AppiumUsbmux;
  upgradeToSSL(socket: Socket, key: Buffer, cert: Buffer): Socket;
  PlistService: new (socket: Duplex) => AppiumPlistService;
  AfcService: new (socket: Duplex) => AppiumAfc;
  HouseArrestService: new (socket: Duplex) => AppiumHouseArrest;
}

let loaded: AppiumIosModules | null = null;

/** The package's parts, required on first use: loading it takes about a second, which no Android-only run should pay. */
export function appiumIos(): AppiumIosModules {
  if (loaded) return loaded;
  const lib = 'appium-ios-device/build/lib';
  loaded = {
    Usbmux: (require(`${lib}/usbmux`) as { Usbmux: AppiumIosModules['Usbmux'] }).Usbmux,
    upgradeToSSL: (require(`${lib}/ssl-helper`) as { upgradeToSSL: AppiumIosModules['upgradeToSSL'] }).upgradeToSSL,
    PlistService: (require(`${lib}/plist-service`) as { PlistService: AppiumIosModules['PlistService'] }).PlistService,
    AfcService: (require(`${lib}/afc`) as { AfcService: AppiumIosModules['AfcService'] }).AfcService,
    HouseArrestService: (require(`${lib}/house-arrest`) as { HouseArrestService: AppiumIosModules['HouseArrestService'] }).HouseArrestService,
  };
  return loaded;
}

/** AFC open modes (lib/afc/protocol.js): read-only and write (create or truncate). */
export const AfcFileMode = { read: 1, write: 3 } as const;
