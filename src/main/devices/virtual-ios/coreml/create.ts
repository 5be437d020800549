// The assembly-facing entry of the virtual iPhone's physics half: a named profile turned into a running model,
// with the facts the transport half serves and the body it reads.
import { seedFrom } from '../../virtual/model/rng.js';
import type { IosPhoneBody } from '../virtual-iphone-contracts.js';
import { VirtualIphoneModel } from './device-model.js';
import type { IphoneGroundTruth } from './ground-truth.js';
import type { IphoneIdentity, VirtualIphoneProfile } from './iphone-spec.js';
import { getVirtualIphoneProfile } from './profiles.js';

export interface CreateVirtualIphoneOptions {
  /** `usb`: on the desk's USB port, charging (InstantAmperage = charger-in minus load); `unplugged`: on battery. */
  readonly battery?: 'usb' | 'unplugged';
  /** Thermal time runs this many times faster than the clock (tests heat a phone in seconds); default 1. */
  readonly thermalSpeed?: number;
  /** Noise seed; default derived from the profile name. */
  readonly seed?: number;
  /** Monotonic milliseconds (default performance.now) and Unix milliseconds (default Date.now). */
  readonly clockMs?: () => number;
  readonly unixMs?: () => number;
}

/** lockdownd GetValue facts, keyed as lockdownd names them (SerialNumber and the UDID are the transport's). */
export interface IphoneLockdownFacts {
  readonly DeviceName: string;
  readonly ProductType: string;
  readonly ProductVersion: string;
  readonly BuildVersion: string;
  readonly HardwareModel: string;
  readonly CPUArchitecture: string;
  readonly ChipID: number;
  readonly DeviceClass: 'iPhone';
}

export interface VirtualIphone {
  readonly profile: VirtualIphoneProfile;
  readonly identity: IphoneIdentity;
  readonly lockdownFacts: IphoneLockdownFacts;
  /** MLComputePlan is there (iOS 17.4+). */
  readonly computePlan: boolean;
  readonly body: IosPhoneBody;
  readonly model: VirtualIphoneModel;
  readonly groundTruth: IphoneGroundTruth;
}

export function createVirtualIphoneModel(profileName: string, options: CreateVirtualIphoneOptions = {}): VirtualIphone {
  const profile = getVirtualIphoneProfile(profileName);
  const model = new VirtualIphoneModel(profile, {
    seed: options.seed ?? seedFrom(profile.name),
    charger: options.battery === 'unplugged' ? 'none' : 'usb',
    thermalSpeed: options.thermalSpeed ?? 1,
    ...(options.clockMs === undefined ? {} : { clockMs: options.clockMs }),
    ...(options.unixMs === undefined ? {} : { unixMs: options.unixMs }),
  });
  const id = profile.identity;
  return {
    profile,
    identity: id,
    lockdownFacts: {
      DeviceName: id.deviceName,
      ProductType: id.productType,
      ProductVersion: id.productVersion,
      BuildVersion: id.buildVersion,
      HardwareModel: id.hardwareModel,
      CPUArchitecture: id.cpuArchitecture,
      ChipID: id.chipId,
      DeviceClass: id.deviceClass,
    },
    computePlan: model.computePlanAvailable,
    body: model,
    model,
    groundTruth: model.groundTruth,
  };
}
