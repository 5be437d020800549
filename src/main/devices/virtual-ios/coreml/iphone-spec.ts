// What a virtual iPhone is, as data: who it says it is (the lockdown facts the transport half serves), and how
// its Core ML compute units, power, thermal RC network and battery behave. Profiles fill this in and cite the
// public figures they were calibrated from; the device model turns it into behaviour. The unit, thermal and
// battery shapes are the Android virtual phone's (../../virtual/model/hardware-spec.ts), reused as they are.
import type { ProbeComputeDevice } from '../../../../shared/ios-probe/probe-protocol.js';
import type { AcceleratorSpec, BatterySpec, ThermalSpec } from '../../virtual/model/hardware-spec.js';

/** Lockdown GetValue facts (ios.md §1.2 getDeviceInfo). */
export interface IphoneIdentity {
  /** "iPhone17,1" */
  readonly productType: string;
  readonly marketingName: string;
  /** "D93AP" */
  readonly hardwareModel: string;
  readonly chipName: string;
  readonly chipId: number;
  readonly cpuArchitecture: string;
  /** iOS version, "18.1" */
  readonly productVersion: string;
  /** "22B83" */
  readonly buildVersion: string;
  readonly deviceClass: 'iPhone';
  readonly deviceName: string;
}

export interface IphoneHardware {
  /**
   * The three Core ML compute devices, each with the Android model's accelerator fields: effective GMAC/s,
   * per-layer and per-segment (dispatch) costs in µs, load-time cost (initMs + initPerOpMs per layer placed
   * there: for the Neural Engine that is aned compiling its part), active power, slowdown per thermal state
   * (index 0 nominal … 3 critical) and the cold first-prediction factor.
   */
  readonly units: Readonly<Record<ProbeComputeDevice, AcceleratorSpec>>;
  /** Effective memory bandwidth for weights and activations, GB/s. */
  readonly memoryGBps: number;
  /** Handing a tensor between two compute devices (layout conversion, cache flush): fixed µs plus bytes at GB/s. */
  readonly transfer: { readonly fixedUs: number; readonly GBps: number };
  /** MLModel.compileModel(at:) of a .mlmodel into an .mlmodelc: fixed plus per layer, ms. */
  readonly compile: { readonly baseMs: number; readonly perLayerMs: number };
  /** Layer types the Neural Engine does not run, and whether it also refuses dilated convolutions. */
  readonly neuralEngineRejects: { readonly opTypes: readonly string[]; readonly dilatedConvolution: boolean };
  /** Layer types the GPU (Metal Performance Shaders) path does not run. */
  readonly gpuRejectsOpTypes: readonly string[];
  readonly power: {
    /** The whole phone idling with the screen on and the probe app in the foreground, W. */
    readonly idleW: number;
    /** The probe app's own work while a plan runs (timing, JSON, socket), W. */
    readonly appOverheadW: number;
  };
  /** skinThresholdsC holds the ProcessInfo thermal states: [unused, fair, serious, critical]. */
  readonly thermal: ThermalSpec;
  readonly battery: BatterySpec;
}

export interface VirtualIphoneProfile {
  readonly name: string;
  /** One line for the device list. */
  readonly summary: string;
  readonly identity: IphoneIdentity;
  readonly hardware: IphoneHardware;
  readonly uptimeAtStartSec: number;
}
