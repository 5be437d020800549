import { VirtualPhoneConfigError } from '../errors.js';
import type { DeviceHardware } from '../model/hardware-spec.js';
import { BUDGET } from '../model/profiles/budget.js';
import { FLAGSHIP } from '../model/profiles/flagship.js';
import { MIDRANGE } from '../model/profiles/midrange.js';
import { PIXEL } from '../model/profiles/pixel.js';

/**
 * A virtual phone as data: who it says it is (getprop), how it is built (user or userdebug), and its
 * hardware model (op costs, accelerators, power, thermal RC network, battery), selectable by name.
 */
export interface VirtualPhoneProfile {
  readonly name: string;
  /** One line for `tetherscope sim --help` and the device list. */
  readonly summary: string;
  readonly manufacturer: string;
  readonly brand: string;
  readonly model: string;
  /** ro.product.device */
  readonly device: string;
  /** ro.product.name */
  readonly product: string;
  /** ro.board.platform */
  readonly board: string;
  /** ro.hardware */
  readonly hardware: string;
  readonly socManufacturer: string;
  readonly socModel: string;
  readonly androidRelease: string;
  readonly sdk: number;
  readonly abi: string;
  /** `user` builds have ro.debuggable=0; `userdebug` ones ro.debuggable=1 (both tracing outcomes, perfetto.md §3.4). */
  readonly buildType: 'user' | 'userdebug';
  /** How long the phone has "been up" when the simulator starts. */
  readonly uptimeAtStartSec: number;
  readonly spec: DeviceHardware;
  /** Fixed extra files: path → text. */
  readonly sysfs: Readonly<Record<string, string>>;
  readonly extraProperties: Readonly<Record<string, string>>;
}

const PROFILES = new Map<string, VirtualPhoneProfile>([FLAGSHIP, MIDRANGE, BUDGET, PIXEL].map((p) => [p.name, p]));

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

/** Lets tests add profiles. */
export function registerVirtualPhoneProfile(profile: VirtualPhoneProfile): void {
  PROFILES.set(profile.name, profile);
}

export function profileCpuCount(profile: VirtualPhoneProfile): number {
  return profile.spec.cpu.clusters.reduce((n, c) => n + c.cpus.length, 0);
}

/** The phone's `getprop` properties for a profile. */
export function profileProperties(profile: VirtualPhoneProfile, serial: string): Record<string, string> {
  const debuggable = profile.buildType === 'userdebug';
  const tags = debuggable ? 'dev-keys' : 'release-keys';
  const buildId = 'TS1A.240101.001';
  const fingerprint = `${profile.brand}/${profile.product}/${profile.device}:${profile.androidRelease}/${buildId}/1:${profile.buildType}/${tags}`;
  const abilist = profile.abi === 'arm64-v8a' ? 'arm64-v8a,armeabi-v7a,armeabi' : profile.abi;
  return {
    'ro.product.manufacturer': profile.manufacturer,
    'ro.product.brand': profile.brand,
    'ro.product.model': profile.model,
    'ro.product.name': profile.product,
    'ro.product.device': profile.device,
    'ro.product.board': profile.board,
    'ro.board.platform': profile.board,
    'ro.hardware': profile.hardware,
    'ro.boot.hardware': profile.hardware,
    'ro.soc.manufacturer': profile.socManufacturer,
    'ro.soc.model': profile.socModel,
    'ro.product.cpu.abi': profile.abi,
    'ro.product.cpu.abilist': abilist,
    'ro.product.cpu.abilist64': profile.abi === 'arm64-v8a' ? 'arm64-v8a' : '',
    'ro.product.cpu.abilist32': profile.abi === 'arm64-v8a' ? 'armeabi-v7a,armeabi' : profile.abi,
    'ro.build.version.release': profile.androidRelease,
    'ro.build.version.release_or_codename': profile.androidRelease,
    'ro.build.version.codename': 'REL',
    'ro.build.version.sdk': String(profile.sdk),
    'ro.build.type': profile.buildType,
    'ro.build.tags': tags,
    'ro.build.id': buildId,
    'ro.build.display.id': `${buildId} ${tags}`,
    'ro.build.fingerprint': fingerprint,
    'ro.debuggable': debuggable ? '1' : '0',
    'ro.secure': '1',
    'ro.adb.secure': '1',
    'ro.zygote': profile.abi === 'arm64-v8a' ? 'zygote64_32' : 'zygote32',
    'ro.serialno': serial,
    'ro.boot.serialno': serial,
    'sys.boot_completed': '1',
    'dev.bootcomplete': '1',
    'persist.sys.timezone': 'UTC',
    'persist.traced.enable': '1',
    'ro.tetherscope.virtual': '1',
    'ro.tetherscope.profile': profile.name,
    'ro.tetherscope.cpu_count': String(profileCpuCount(profile)),
    ...profile.extraProperties,
  };
}
