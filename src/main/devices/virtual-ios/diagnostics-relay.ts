// com.apple.mobile.diagnostics_relay: the battery gauge's IORegistry entry, read from the body.
import type { Duplex } from 'node:stream';
import type { IosBatteryReading, IosPhoneBody } from './virtual-iphone-contracts.js';
import type { PlistObject } from '../ios/wire/plist-codec.js';
import { servePlistService, type PlistServiceStep } from './plist-service.js';
import type { VirtualIphoneLog } from './virtual-iphone-log.js';

export const DIAGNOSTICS_RELAY_SERVICE = 'com.apple.mobile.diagnostics_relay';

/** `Status` values libimobiledevice's diagnostics_relay_check_result knows. */
export const DiagnosticsRelayStatus = {
  Success: 'Success',
  Failure: 'Failure',
  UnknownRequest: 'UnknownRequest',
  MobileGestaltDeprecated: 'MobileGestaltDeprecated',
} as const;
export type DiagnosticsRelayStatus = (typeof DiagnosticsRelayStatus)[keyof typeof DiagnosticsRelayStatus];

/** The names a host may ask for the battery by (pymobiledevice3/go-ios use the class; idevicediagnostics the name). */
const BATTERY_ENTRY_CLASS = 'IOPMPowerSource';
const BATTERY_ENTRY_NAMES = new Set(['AppleSmartBattery', 'AppleARMPMUCharger']);

export interface DiagnosticsRelayOptions {
  readonly body: IosPhoneBody;
  readonly log: VirtualIphoneLog;
  readonly stalledMessageMs: number;
}

export function serveDiagnosticsRelay(stream: Duplex, options: DiagnosticsRelayOptions): void {
  servePlistService(stream, { protocol: 'diagnostics_relay', log: options.log, stalledMessageMs: options.stalledMessageMs }, (request) =>
    handleDiagnosticsRequest(request, options.body),
  );
}

function handleDiagnosticsRequest(request: PlistObject, body: IosPhoneBody): PlistServiceStep {
  const status = (value: DiagnosticsRelayStatus, extra: PlistObject = {}): PlistServiceStep => ({ replies: [{ Status: value, ...extra }] });
  switch (request['Request']) {
    case 'IORegistry': {
      // idevicediagnostics 1.3.0 `ioregentry NAME` sends EntryName plus an empty EntryClass.
      const entryClass = nonEmpty(request['EntryClass']);
      const entryName = nonEmpty(request['EntryName']);
      const isBattery =
        (entryClass === undefined || entryClass === BATTERY_ENTRY_CLASS) &&
        (entryName === undefined || (typeof entryName === 'string' && BATTERY_ENTRY_NAMES.has(entryName))) &&
        (entryClass !== undefined || entryName !== undefined);
      if (!isBattery) return status(DiagnosticsRelayStatus.Failure);
      return status(DiagnosticsRelayStatus.Success, { Diagnostics: { IORegistry: appleSmartBatteryEntry(body.battery()) } });
    }
    case 'GasGauge':
    case 'All': {
      const battery = body.battery();
      const gasGauge: PlistObject = {
        CycleCount: battery.cycleCount,
        DesignCapacity: battery.designCapacityMah,
        FullChargeCapacity: battery.rawMaxCapacityMah,
        Status: 'Success',
      };
      return status(DiagnosticsRelayStatus.Success, { Diagnostics: { GasGauge: gasGauge } });
    }
    case 'MobileGestalt':
      // Deprecated from iOS 17.4 (pymobiledevice3 services/diagnostics.py).
      return status(DiagnosticsRelayStatus.MobileGestaltDeprecated);
    case 'Sleep':
    case 'Restart':
    case 'Shutdown':
      return status(DiagnosticsRelayStatus.Success);
    case 'Goodbye':
      return { replies: [{ Status: DiagnosticsRelayStatus.Success }], then: 'close' };
    default:
      return status(DiagnosticsRelayStatus.UnknownRequest);
  }
}

/** Gauge numbers are integers on the wire; a non-finite one is a body bug, dropped with the connection. */
function int(value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`battery reading ${value} is not a finite number`);
  return Math.round(value);
}

function nonEmpty(value: unknown): unknown {
  return value === '' ? undefined : value;
}

/** The AppleSmartBattery properties hosts read (keys and units as on a real iPhone). */
export function appleSmartBatteryEntry(battery: IosBatteryReading): PlistObject {
  return {
    AdapterDetails: { Description: battery.externalConnected ? 'usb host' : 'batt', Watts: battery.externalConnected ? 2 : 0 },
    Amperage: int(battery.amperageMa),
    AppleRawCurrentCapacity: int(battery.rawCurrentCapacityMah),
    AppleRawMaxCapacity: int(battery.rawMaxCapacityMah),
    AtCriticalLevel: battery.currentCapacityPercent <= 5,
    BatteryInstalled: true,
    CurrentCapacity: int(battery.currentCapacityPercent),
    CycleCount: battery.cycleCount,
    DesignCapacity: int(battery.designCapacityMah),
    ExternalChargeCapable: battery.externalConnected,
    ExternalConnected: battery.externalConnected,
    FullyCharged: battery.fullyCharged,
    InstantAmperage: int(battery.instantAmperageMa),
    IsCharging: battery.isCharging,
    MaxCapacity: 100,
    NominalChargeCapacity: int(battery.rawMaxCapacityMah),
    Temperature: int(battery.temperatureCentiC),
    UpdateTime: int(battery.updateTime),
    Voltage: int(battery.voltageMv),
  };
}
