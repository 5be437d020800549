// `dumpsys thermalservice` (android-telemetry.md §3.1): Android 10's `Name: …, Type: …` lines
// and Android 11+'s `Temperature{…}` toString, in sections of which "Current temperatures
// from HAL" is live and "Cached temperatures" may be minutes old.
import type {
  CoolingDevice,
  TemperatureThreshold,
  ThermalReading,
  ThermalserviceResult,
} from '../../../shared/tool-output/thermalservice.js';
import type { UnknownResult } from '../../../shared/tool-output/unknown.js';
import { MAX_LINE_LENGTH, splitLines } from '../../parsing/lines.js';
import { parseInteger } from '../../parsing/numbers.js';
import { guarded, unknownResult } from '../../parsing/unknown.js';

/** AIDL `TemperatureType`, -1 … 19. */
const AOSP_TYPE_NAMES: Readonly<Record<number, string>> = {
  [-1]: 'UNKNOWN',
  0: 'CPU',
  1: 'GPU',
  2: 'BATTERY',
  3: 'SKIN',
  4: 'USB_PORT',
  5: 'POWER_AMPLIFIER',
  6: 'BCL_VOLTAGE',
  7: 'BCL_CURRENT',
  8: 'BCL_PERCENTAGE',
  9: 'NPU',
  10: 'TPU',
  11: 'DISPLAY',
  12: 'MODEM',
  13: 'SOC',
  14: 'WIFI',
  15: 'CAMERA',
  16: 'FLASHLIGHT',
  17: 'SPEAKER',
  18: 'AMBIENT',
  19: 'POGO',
};
const AOSP_TYPE_BY_NAME = new Map(Object.entries(AOSP_TYPE_NAMES).map(([n, name]) => [name, Number(n)]));

/** Samsung's Sdhms HAL numbers types its own way (memfault/bort tests, android-telemetry.md §3.1). */
const SAMSUNG_TYPE_NAMES: Readonly<Record<number, string>> = {
  1: 'CPU',
  3: 'BATTERY',
  4: 'SKIN',
  5: 'USB_PORT',
  6: 'POWER_AMPLIFIER',
};
const SAMSUNG_NO_VALUE = -99.9;

const Section = {
  Cached: 'Cached temperatures',
  Current: 'Current temperatures from HAL',
  Cooling: 'Current cooling devices from HAL',
  Thresholds: 'Temperature static thresholds from HAL',
} as const;

const SECTION_HEADER =
  /^\s*(Cached temperatures|Current temperatures from HAL|Current cooling devices from HAL|Temperature static thresholds from HAL|Temperature headroom thresholds|HAL connection|ThermalEventListeners|ThermalStatusListeners):\s*$/;
const STATUS = /^\s*Thermal Status: (-?\d+)\s*$/;
const STATUS_OVERRIDE = /^\s*IsStatusOverride: (true|false)\s*$/;
const HAL_READY = /^\s*HAL Ready: (true|false)\s*$/;
const HAL_CONNECTION = /^\s*(ThermalHAL (?:\d+\.\d+|AIDL \d+)|\S+)\s+connected: (yes|no)\s*$/;
const BRACED = /^\s*(Temperature|CoolingDevice|TemperatureThreshold)\{(.*)\}\s*$/;
const ANDROID10_TEMPERATURE = /^\s*Name: (.*), Type: (-?\d+), Status: (-?\d+), Value: (\S+)\s*$/;
const ANDROID10_COOLING = /^\s*Name: (.*), Type: (-?\d+), Value: (\S+)\s*$/;
const HIDL_THRESHOLD =
  /^\s*\{\.type = (\w+), \.name = (.*?), \.hotThrottlingThresholds = \[([^\]]*)\], \.coldThrottlingThresholds = \[([^\]]*)\]/;
const JAVA_FLOAT = /^-?\d+(?:\.\d+)?(?:[eE]-?\d+)?$/;

function javaFloat(text: string | undefined): number | null {
  if (text === undefined) return null;
  const trimmed = text.trim();
  if (!JAVA_FLOAT.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}


/** `mValue=1.0, mType=3, mName=skin, a, mStatus=0` → fields (names may hold commas). */
function fieldsOf(body: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const part of body.split(/, (?=m[A-Z]\w*=)/)) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return fields;
}

function floatList(text: string | undefined): (number | null)[] {
  if (text === undefined || text.trim() === '') return [];
  return text.split(',').map((item) => javaFloat(item));
}

interface Reading {
  readonly name: string;
  readonly type: number;
  readonly status: number | null;
  readonly value: number | null;
}

class ThermalDump {
  recognised = 0;
  section: string | null = null;
  status: number | null = null;
  statusOverride: boolean | null = null;
  halReady: boolean | null = null;
  halVersion: string | null = null;
  format: ThermalserviceResult['format'] = null;
  samsung = false;
  readonly cached: Reading[] = [];
  readonly current: Reading[] = [];
  readonly unsectioned: Reading[] = [];
  currentHeaderSeen = false;
  cachedHeaderSeen = false;
  readonly cooling: CoolingDevice[] = [];
  readonly thresholds: TemperatureThreshold[] = [];

  line(text: string): boolean {
    let m: RegExpExecArray | null;
    // Most lines are readings in braces. No other form matches them: the others end in `:`, a digit, true/false or
    // yes/no, or start with `{`. Tried first, a reading costs one pattern instead of six, in code run once a second.
    if (text.includes('{') && (m = BRACED.exec(text))) return this.#braced(m[1] ?? '', fieldsOf(m[2] ?? ''));
    if ((m = SECTION_HEADER.exec(text))) {
      this.section = m[1] ?? null;
      if (this.section === Section.Current) this.currentHeaderSeen = true;
      if (this.section === Section.Cached) this.cachedHeaderSeen = true;
      return true;
    }
    if ((m = STATUS.exec(text))) {
      this.status = parseInteger(m[1]);
      return true;
    }
    if ((m = STATUS_OVERRIDE.exec(text))) {
      this.statusOverride = m[1] === 'true';
      return true;
    }
    if ((m = HAL_READY.exec(text))) {
      this.halReady = m[1] === 'true';
      return true;
    }
    if ((m = HAL_CONNECTION.exec(text))) {
      this.halVersion = m[1] ?? null;
      if (m[1] === 'Sdhms') this.samsung = true;
      return true;
    }
    if ((m = ANDROID10_TEMPERATURE.exec(text))) {
      this.format ??= 'android10';
      const type = parseInteger(m[2]);
      if (type === null) return false;
      this.#reading({ name: m[1] ?? '', type, status: parseInteger(m[3]), value: javaFloat(m[4]) });
      return true;
    }
    if ((m = ANDROID10_COOLING.exec(text)) && this.section === Section.Cooling) {
      const type = parseInteger(m[2]);
      if (type === null) return false;
      this.cooling.push({ name: m[1] ?? '', type, value: javaFloat(m[3]) });
      return true;
    }
    if ((m = HIDL_THRESHOLD.exec(text))) {
      this.thresholds.push({
        name: m[2] ?? '',
        type: AOSP_TYPE_BY_NAME.get(m[1] ?? '') ?? null,
        hot: floatList(m[3]),
        cold: floatList(m[4]),
      });
      return true;
    }
    return false;
  }

  #braced(what: string, fields: Map<string, string>): boolean {
    const type = parseInteger(fields.get('mType'));
    const name = fields.get('mName') ?? '';
    if (what === 'Temperature') {
      if (type === null) return false;
      this.format = 'android11+';
      this.#reading({ name, type, status: parseInteger(fields.get('mStatus')), value: javaFloat(fields.get('mValue')) });
      return true;
    }
    if (what === 'CoolingDevice') {
      if (type === null) return false;
      this.cooling.push({ name, type, value: javaFloat(fields.get('mValue')) });
      return true;
    }
    this.thresholds.push({
      name,
      type,
      hot: floatList(/^\[(.*)\]$/.exec(fields.get('mHotThrottlingThresholds') ?? '')?.[1]),
      cold: floatList(/^\[(.*)\]$/.exec(fields.get('mColdThrottlingThresholds') ?? '')?.[1]),
    });
    return true;
  }

  #reading(reading: Reading): void {
    if (this.section === Section.Current) this.current.push(reading);
    else if (this.section === Section.Cached) this.cached.push(reading);
    else this.unsectioned.push(reading);
  }

  /** Current from the HAL when it holds readings, else the cached ones (android-telemetry.md §0.3). */
  chosenReadings(): { readings: Reading[]; source: ThermalserviceResult['temperatures_source'] } {
    if (this.current.length > 0) return { readings: this.current, source: 'current' };
    if (this.cached.length > 0) return { readings: this.cached, source: 'cached' };
    if (this.unsectioned.length > 0) return { readings: this.unsectioned, source: 'current' };
    if (this.currentHeaderSeen) return { readings: [], source: 'current' };
    if (this.cachedHeaderSeen) return { readings: [], source: 'cached' };
    return { readings: [], source: null };
  }

  toReading(reading: Reading): ThermalReading {
    const base = {
      name: reading.name,
      type: reading.type,
      type_name: this.#typeName(reading.type),
      status: reading.status,
    };
    if (this.samsung) {
      return { ...base, celsius: reading.value === SAMSUNG_NO_VALUE ? null : reading.value };
    }
    switch (reading.type) {
      case 6: {
        // BCL_VOLTAGE is volts on some HALs (vbat 4.384) and millivolts on others (vdroop1 1050.0).
        const volts = reading.value !== null && reading.value !== 0 && Math.abs(reading.value) < 100;
        return { ...base, celsius: null, value: reading.value, unit: volts ? 'V' : 'mV' };
      }
      case 7:
        return { ...base, celsius: null, value: reading.value, unit: 'mA' };
      case 8:
        return { ...base, celsius: null, value: reading.value, unit: '%' };
      default:
        return { ...base, celsius: reading.value };
    }
  }

  #typeName(type: number): string {
    const names = this.samsung ? SAMSUNG_TYPE_NAMES : AOSP_TYPE_NAMES;
    return names[type] ?? `TYPE_${type}`;
  }
}

export function parseThermalservice(text: string): ThermalserviceResult | UnknownResult {
  return guarded(() => {
    const dump = new ThermalDump();
    for (const raw of splitLines(text)) {
      if (raw.length > MAX_LINE_LENGTH) continue;
      if (dump.line(raw)) dump.recognised++;
    }
    if (dump.recognised === 0) return unknownResult('No line of this text is output of dumpsys thermalservice.');
    const { readings, source } = dump.chosenReadings();
    return {
      kind: 'thermalservice',
      status: dump.status,
      status_override: dump.statusOverride,
      hal_ready: dump.halReady,
      hal_version: dump.halVersion,
      format: dump.format,
      numbering: dump.samsung ? 'samsung' : 'aosp',
      temperatures: readings.map((reading) => dump.toReading(reading)),
      temperatures_source: source,
      cooling_devices: dump.cooling,
      thresholds: dump.thresholds,
    };
  });
}
