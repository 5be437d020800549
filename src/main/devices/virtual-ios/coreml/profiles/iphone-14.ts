// "iphone-14": an iPhone 14 (A15 Bionic) left on iOS 17.3.1: a recent phone where MLComputePlan is still
// missing (it arrived in iOS 17.4). Figures are approximate, from public sources:
// - Identity: ProductType iPhone14,7, board D27AP, iOS 17.3.1 build 21D61.
// - Neural Engine: 16 cores, 15.8 TOPS (hollance/neural-engine docs/supported-devices.md, A15) → ~900 G MAC/s
//   effective on convolutions.
// - GPU: 5-core (iPhone 14's A15 bin) → ~250 G MAC/s effective. CPU: 2 P + 4 E with AMX → ~45 G MAC/s.
// - Battery 3279 mAh (regulatory filings as reported); Lightning on a desk USB-A port: 5 V / 0.5 A.
import type { VirtualIphoneProfile } from '../iphone-spec.js';
import { GPU_REJECTS_OP_TYPES, NEURAL_ENGINE_REJECTS, iphoneBattery, iphoneThermal } from './common.js';

export const IPHONE_14: VirtualIphoneProfile = {
  name: 'iphone-14',
  summary: 'iPhone 14 (A15 Bionic), iOS 17.3.1, no MLComputePlan (needs 17.4), Lightning',
  uptimeAtStartSec: 86_400,
  identity: {
    productType: 'iPhone14,7',
    marketingName: 'iPhone 14',
    hardwareModel: 'D27AP',
    chipName: 'A15 Bionic',
    chipId: 0x8110,
    cpuArchitecture: 'arm64e',
    productVersion: '17.3.1',
    buildVersion: '21D61',
    deviceClass: 'iPhone',
    deviceName: 'Virtual iPhone 14',
  },
  hardware: {
    units: {
      cpu: { label: 'A15 CPU (2P + 4E, AMX)', gmacs: 45, int8Speedup: 1, opOverheadUs: 14, partitionOverheadUs: 5, initMs: 15, initPerOpMs: 0.4, activePowerW: 4.6, slowdown: [1, 1.1, 1.7, 2.6], coldFactor: 1.6 },
      gpu: { label: 'A15 5-core GPU', gmacs: 250, int8Speedup: 1, opOverheadUs: 15, partitionOverheadUs: 170, initMs: 50, initPerOpMs: 2.5, activePowerW: 3.2, slowdown: [1, 1.1, 1.6, 2.4], coldFactor: 3 },
      neuralEngine: { label: 'A15 16-core Neural Engine', gmacs: 900, int8Speedup: 1.4, opOverheadUs: 3, partitionOverheadUs: 85, initMs: 80, initPerOpMs: 2, activePowerW: 1.6, slowdown: [1, 1.05, 1.45, 2.1], coldFactor: 4 },
    },
    memoryGBps: 34,
    transfer: { fixedUs: 45, GBps: 9 },
    compile: { baseMs: 35, perLayerMs: 1.1 },
    neuralEngineRejects: NEURAL_ENGINE_REJECTS,
    gpuRejectsOpTypes: GPU_REJECTS_OP_TYPES,
    power: { idleW: 0.85, appOverheadW: 0.25 },
    thermal: iphoneThermal(6.5),
    battery: iphoneBattery(3279, 500_000),
  },
};
