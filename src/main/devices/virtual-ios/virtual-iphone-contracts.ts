// What the two halves of the virtual iPhone promise each other.
//
// The transport half (usbmuxd, lockdownd, TLS, diagnostics_relay, AFC/house_arrest,
// installation_proxy) serves the wire protocols. The physics half (the Core ML device
// model: per-op costs on Neural Engine, GPU and CPU, power, battery, thermal state, and
// the virtual probe app) decides what the phone does and measures. Neither reaches into
// the other's files; they meet only here.
import type { Duplex } from 'node:stream';

/** Nanoseconds of the phone's monotonic clock (mach_continuous_time in ns). */
export type IosDeviceNs = bigint & { readonly __brand: 'IosDeviceNs' };

/** One reading of the AppleSmartBattery IORegistry entry, as the gauge last published it. */
export interface IosBatteryReading {
  /** mA, signed: negative while the battery discharges. */
  readonly instantAmperageMa: number;
  /** mA averaged over the gauge's longer window. */
  readonly amperageMa: number;
  readonly voltageMv: number;
  /** Battery temperature in 0.01 °C. */
  readonly temperatureCentiC: number;
  readonly currentCapacityPercent: number;
  readonly rawCurrentCapacityMah: number;
  readonly rawMaxCapacityMah: number;
  readonly designCapacityMah: number;
  readonly cycleCount: number;
  readonly isCharging: boolean;
  readonly externalConnected: boolean;
  readonly fullyCharged: boolean;
  /** Unix seconds of the gauge's last update (changes about once every few seconds on a real phone). */
  readonly updateTime: number;
}

/** The phone's body: the physics half implements it, the transport half reads it. */
export interface IosPhoneBody {
  /** Battery as the gauge last published it. */
  battery(): IosBatteryReading;
  /** The phone's monotonic clock now. */
  nowNs(): IosDeviceNs;
}

/** A file store the transport half keeps for one app's container (house_arrest VendContainer). */
export interface IosAppContainer {
  readonly bundleId: string;
  /** Bytes of a file inside the container ("/Documents/models/x.mlmodel"), or null if absent. */
  readFile(path: string): Uint8Array | null;
}

/** Something listening on a device TCP port, reached through usbmuxd Connect. */
export type IosDevicePortHandler = (socket: Duplex) => void;
