// Battery readings over lockdown: com.apple.mobile.diagnostics_relay's IORegistry entry of
// the power source (works on every iOS version without a tunnel). Values and their units
// as ios.md §2.1 lists them; the sign is checked, never trusted.
import type { LockdownChannel } from './lockdown-frame.js';
import { IosDeviceError } from './errors.js';
import type { IosConnection } from './ios-connection.js';

export const DIAGNOSTICS_RELAY = 'com.apple.mobile.diagnostics_relay';

export interface IosBatterySample {
  /** mA, as the phone reports it: negative while the battery discharges. */
  instantAmperageMa: number;
  voltageMv: number;
  temperatureC: number | null;
  capacityPercent: number | null;
  isCharging: boolean;
  externalConnected: boolean;
  /** Unix seconds of the gauge's last update, when it says. */
  updateTime: number | null;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'bigint' ? Number(v) : null);

/** A signed 32- or 64-bit amperage that a plist may carry as a huge unsigned number. */
export function signedAmperage(raw: number | bigint): number {
  if (typeof raw === 'bigint') return Number(BigInt.asIntN(64, raw));
  if (raw >= 2 ** 31 && raw < 2 ** 32) return raw - 2 ** 32;
  return raw;
}

/**
 * Most models report 0.01 °C, a few 0.1 °C. A battery between 6 °C and 60 °C tells them apart:
 * 600 and above can only be hundredths (60 °C in tenths would be past any working battery).
 */
export function temperatureC(raw: number): number {
  return raw >= 600 ? raw / 100 : raw / 10;
}

/** Turns a diagnostics_relay IORegistry reply into a sample, or says what is wrong with it. */
export function parseBatteryReply(reply: unknown): { sample: IosBatterySample } | { problem: string } {
  if (!reply || typeof reply !== 'object') return { problem: 'the reply was not a dictionary' };
  const r = reply as Record<string, unknown>;
  if (r['Status'] !== 'Success') return { problem: `the phone answered ${typeof r['Status'] === 'string' ? r['Status'] : 'without a status'}` };
  const io = ((r['Diagnostics'] as Record<string, unknown> | undefined)?.['IORegistry'] ?? null) as Record<string, unknown> | null;
  if (!io || typeof io !== 'object') return { problem: 'the reply held no IORegistry entry' };
  const rawAmps = [io['InstantAmperage'], io['Amperage']].find((v) => typeof v === 'bigint' || num(v) !== null);
  const amps = typeof rawAmps === 'bigint' ? signedAmperage(rawAmps) : num(rawAmps);
  const volts = num(io['Voltage']) ?? num(io['AppleRawBatteryVoltage']);
  if (amps === null || volts === null) return { problem: 'the battery entry had no current or voltage' };
  const temp = num(io['Temperature']);
  return {
    sample: {
      instantAmperageMa: typeof rawAmps === 'bigint' ? amps : signedAmperage(amps),
      voltageMv: volts,
      temperatureC: temp === null ? null : temperatureC(temp),
      capacityPercent: num(io['CurrentCapacity']),
      isCharging: io['IsCharging'] === true,
      externalConnected: io['ExternalConnected'] === true,
      updateTime: num(io['UpdateTime']),
    },
  };
}

/** One diagnostics_relay connection, asked again and again. */
export class IosBatteryReader {
  readonly #service: LockdownChannel;
  readonly #udid: string;
  #form: 'class' | 'name' = 'class';

  private constructor(service: LockdownChannel, udid: string) {
    this.#service = service;
    this.#udid = udid;
  }

  static async open(connection: IosConnection): Promise<IosBatteryReader> {
    return new IosBatteryReader(await connection.plistChannel(DIAGNOSTICS_RELAY), connection.udid);
  }

  async read(timeoutMs = 3000): Promise<IosBatterySample> {
    // Newer phones answer the power-source class; older ones only the AppleSmartBattery entry.
    const request = this.#form === 'class' ? { Request: 'IORegistry', EntryClass: 'IOPMPowerSource' } : { Request: 'IORegistry', EntryName: 'AppleSmartBattery' };
    const parsed = parseBatteryReply(await this.#service.request(request, timeoutMs));
    if ('sample' in parsed) return parsed.sample;
    if (this.#form === 'class') {
      this.#form = 'name';
      return this.read(timeoutMs);
    }
    throw new IosDeviceError(`The iPhone ${this.#udid} did not give its battery readings: ${parsed.problem}.`);
  }

  close(): void {
    this.#service.send({ Request: 'Goodbye' });
    this.#service.close();
  }
}
