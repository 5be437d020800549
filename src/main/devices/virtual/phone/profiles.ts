import { VirtualPhoneConfigError } from '../errors.js';

/**
 * A virtual phone's identity and sysfs defaults, as data. Part 2 adds
 * `midrange` and `budget` and the performance model (op costs, power,
 * thermal RC), citing the public figures each is calibrated from.
 */
export interface VirtualPhoneProfile {
  readonly name: string;
  readonly manufacturer: string;
  readonly brand: string;
  readonly model: string;
  /** ro.product.device */
  readonly device: string;
  /** ro.product.name */
  readonly product: string;
  readonly board: string;
  readonly hardware: string;
  readonly socManufacturer: string;
  readonly socModel: string;
  readonly androidRelease: string;
  readonly sdk: number;
  readonly abi: string;
  readonly cpuCount: number;
  readonly refreshRateHz: number;
  /** How long the phone has "been up" when the simulator starts. */
  readonly uptimeAtStartSec: number;
  /** Initial contents of sysfs/procfs files: path → text (part 2 replaces these with live models). */
  readonly sysfs: Readonly<Record<string, string>>;
  readonly extraProperties: Readonly<Record<string, string>>;
}

const FLAGSHIP: VirtualPhoneProfile = {
  name: 'flagship',
  manufacturer: 'Tetherscope',
  brand: 'tetherscope',
  model: 'Virtual Flagship',
  device: 'ts_flagship',
  product: 'ts_flagship',
  board: 'virtual',
  hardware: 'virtual',
  socManufacturer: 'Tetherscope',
  socModel: 'VFLAGSHIP',
  androidRelease: '14',
  sdk: 34,
  abi: 'arm64-v8a',
  cpuCount: 8,
  refreshRateHz: 120,
  uptimeAtStartSec: 3600,
  sysfs: {
    '/sys/class/power_supply/battery/capacity': '80\n',
    '/sys/class/power_supply/battery/status': 'Discharging\n',
    '/sys/class/power_supply/battery/current_now': '-350000\n',
    '/sys/class/power_supply/battery/voltage_now': '3900000\n',
    '/sys/class/power_supply/battery/temp': '300\n',
    '/sys/class/thermal/thermal_zone0/type': 'cpu-0-0\n',
    '/sys/class/thermal/thermal_zone0/temp': '35000\n',
    '/sys/devices/system/cpu/cpu0/cpufreq/scaling_cur_freq': '1800000\n',
    '/sys/devices/system/cpu/cpu0/cpufreq/scaling_max_freq': '2265600\n',
  },
  extraProperties: {},
};

const PROFILES = new Map<string, VirtualPhoneProfile>([[FLAGSHIP.name, FLAGSHIP]]);

export function virtualPhoneProfileNames(): string[] {
  return [...PROFILES.keys()];
}

export function getVirtualPhoneProfile(name: string): VirtualPhoneProfile {
  const profile = PROFILES.get(name);
  if (profile === undefined) {
    throw new VirtualPhoneConfigError(`unknown virtual phone profile '${name}' (known: ${virtualPhoneProfileNames().join(', ')})`);
  }
  return profile;
}

/** Lets part 2 (and tests) add profiles. */
export function registerVirtualPhoneProfile(profile: VirtualPhoneProfile): void {
  PROFILES.set(profile.name, profile);
}

/** The phone's `getprop` properties for a profile. */
export function profileProperties(profile: VirtualPhoneProfile, serial: string): Record<string, string> {
  const fingerprint = `${profile.brand}/${profile.product}/${profile.device}:${profile.androidRelease}/TS1A.240101.001/1:user/release-keys`;
  return {
    'ro.product.manufacturer': profile.manufacturer,
    'ro.product.brand': profile.brand,
    'ro.product.model': profile.model,
    'ro.product.name': profile.product,
    'ro.product.device': profile.device,
    'ro.product.board': profile.board,
    'ro.board.platform': profile.board,
    'ro.hardware': profile.hardware,
    'ro.soc.manufacturer': profile.socManufacturer,
    'ro.soc.model': profile.socModel,
    'ro.product.cpu.abi': profile.abi,
    'ro.product.cpu.abilist': profile.abi === 'arm64-v8a' ? 'arm64-v8a,armeabi-v7a,armeabi' : profile.abi,
    'ro.build.version.release': profile.androidRelease,
    'ro.build.version.sdk': String(profile.sdk),
    'ro.build.type': 'user',
    'ro.build.tags': 'release-keys',
    'ro.build.id': 'TS1A.240101.001',
    'ro.build.display.id': 'TS1A.240101.001',
    'ro.build.fingerprint': fingerprint,
    'ro.debuggable': '0',
    'ro.secure': '1',
    'ro.adb.secure': '1',
    'ro.serialno': serial,
    'ro.boot.serialno': serial,
    'sys.boot_completed': '1',
    'dev.bootcomplete': '1',
    'persist.sys.timezone': 'UTC',
    'ro.tetherscope.virtual': '1',
    'ro.tetherscope.profile': profile.name,
    ...profile.extraProperties,
  };
}
