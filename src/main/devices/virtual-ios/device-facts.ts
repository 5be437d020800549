// What lockdownd's GetValue answers: the caller's facts table, plus the domains a host reads.
import type { IosPhoneBody } from './virtual-iphone-contracts.js';
import type { PlistObject, PlistValue } from '../ios/wire/plist-codec.js';

/** The phone's identity as lockdownd reports it (GetValue, no domain). */
export interface IosDeviceFacts {
  readonly DeviceName: string;
  /** e.g. `iPhone16,1`. */
  readonly ProductType: string;
  /** e.g. `17.5.1`. */
  readonly ProductVersion: string;
  readonly BuildVersion: string;
  /** e.g. `D83AP`. */
  readonly HardwareModel: string;
  readonly CPUArchitecture: string;
  readonly ChipID: number;
  readonly SerialNumber: string;
  readonly DeviceClass: 'iPhone';
  /** Any further keys, merged last (they may override the defaults we fill in). */
  readonly extra?: PlistObject;
}

/** The domain and key by which the phone says it is Tetherscope's virtual iPhone. */
export const TETHERSCOPE_VIRTUAL_DOMAIN = 'dev.tetherscope';
export const TETHERSCOPE_VIRTUAL_KEY = 'TetherscopeVirtual';

export interface IosLockdownValueSources {
  readonly udid: string;
  readonly facts: IosDeviceFacts;
  readonly body: IosPhoneBody;
  readonly devicePublicKeyPem: string;
  readonly wifiMacAddress: string;
  /** Bytes stored in the phone's file stores, for com.apple.disk_usage. */
  usedBytes(): number;
}

const DISK_BYTES = 128 * 1000 * 1000 * 1000;
const SYSTEM_BYTES = 12 * 1000 * 1000 * 1000;

/** Every domain's dictionary, computed now (battery values change). */
export function iosLockdownDomains(sources: IosLockdownValueSources): Map<string | null, PlistObject> {
  const { facts } = sources;
  const battery = sources.body.battery();
  const { extra, ...plain } = facts;
  const root: Record<string, PlistValue> = {
    ActivationState: 'Activated',
    BasebandVersion: '',
    BluetoothAddress: sources.wifiMacAddress,
    DevicePublicKey: Buffer.from(sources.devicePublicKeyPem, 'utf8'),
    HardwarePlatform: 't8130',
    PasswordProtected: false,
    ProductName: 'iPhone OS',
    ProtocolVersion: '2',
    TimeZone: 'UTC',
    TrustedHostAttached: true,
    UniqueDeviceID: sources.udid,
    WiFiAddress: sources.wifiMacAddress,
    ...plain,
    ...(extra ?? {}),
  };
  const used = Math.min(sources.usedBytes(), DISK_BYTES - SYSTEM_BYTES);
  return new Map<string | null, PlistObject>([
    [null, root],
    [
      'com.apple.mobile.battery',
      {
        BatteryCurrentCapacity: battery.currentCapacityPercent,
        BatteryIsCharging: battery.isCharging,
        ExternalChargeCapable: battery.externalConnected,
        ExternalConnected: battery.externalConnected,
        FullyCharged: battery.fullyCharged,
        GasGaugeCapability: true,
        HasBattery: true,
      },
    ],
    ['com.apple.security.mac.amfi', { DeveloperModeStatus: true }],
    [
      'com.apple.disk_usage',
      {
        AmountDataAvailable: DISK_BYTES - SYSTEM_BYTES - used,
        AmountDataReserved: 200 * 1000 * 1000,
        TotalDataAvailable: DISK_BYTES - SYSTEM_BYTES - used,
        TotalDataCapacity: DISK_BYTES - SYSTEM_BYTES,
        TotalDiskCapacity: DISK_BYTES,
        TotalSystemAvailable: 0,
        TotalSystemCapacity: SYSTEM_BYTES,
      },
    ],
    ['com.apple.international', { Language: 'en', Locale: 'en_US' }],
    [TETHERSCOPE_VIRTUAL_DOMAIN, { [TETHERSCOPE_VIRTUAL_KEY]: true }],
  ]);
}
