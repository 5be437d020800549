// "iphone-12": an iPhone 12 (A14 Bionic) on iOS 16.7.10: no MLComputePlan, and the oldest Core ML the app
// supports (.cpuAndNeuralEngine is iOS 16+). Figures are approximate, from public sources:
// - Identity: ProductType iPhone13,2, board D53gAP, iOS 16.7.10 build 20H350.
// - Neural Engine: 16 cores, 11 TOPS (hollance/neural-engine docs/supported-devices.md, A14) → ~600 G MAC/s
//   effective. GPU: 4-core → ~170 G MAC/s. CPU: 2 P + 4 E with second-generation AMX → ~35 G MAC/s.
// - Battery 2815 mAh (regulatory filings as reported); Lightning on a desk USB-A port: 5 V / 0.5 A.
import type { VirtualIphoneProfile } from '../iphone-spec.js';
import { GPU_REJECTS_OP_TYPES, NEURAL_ENGINE_REJECTS, iphoneBattery, iphoneThermal } from './common.js';

export const IPHONE_12: VirtualIphoneProfile = {
  name: 'iphone-12',
  summary: 'iPhone 12 (A14 Bionic), iOS 16.7.10, no MLComputePlan, Lightning',
  uptimeAtStartSec: 3 * 86_400,
  identity: {
    productType: 'iPhone13,2',
    marketingName: 'iPhone 12',
    hardwareModel: 'D53gAP',
    chipName: 'A14 Bionic',
    chipId: 0x8101,
    cpuArchitecture: 'arm64e',
    productVersion: '16.7.10',
    buildVersion: '20H350',
    deviceClass: 'iPhone',
    deviceName: 'Virtual iPhone 12',
  },
  hardware: {
    units: {
      cpu: { label: 'A14 CPU (2P + 4E, AMX)', gmacs: 35, int8Speedup: 1, opOverheadUs: 16, partitionOverheadUs: 5, initMs: 18, initPerOpMs: 0.5, activePowerW: 4.4, slowdown: [1, 1.1, 1.7, 2.7], coldFactor: 1.7 },
      gpu: { label: 'A14 4-core GPU', gmacs: 170, int8Speedup: 1, opOverheadUs: 18, partitionOverheadUs: 190, initMs: 60, initPerOpMs: 3, activePowerW: 3, slowdown: [1, 1.12, 1.65, 2.5], coldFactor: 3 },
      neuralEngine: { label: 'A14 16-core Neural Engine', gmacs: 600, int8Speedup: 1.3, opOverheadUs: 4, partitionOverheadUs: 100, initMs: 100, initPerOpMs: 2.5, activePowerW: 1.7, slowdown: [1, 1.06, 1.5, 2.2], coldFactor: 4 },
    },
    memoryGBps: 30,
    transfer: { fixedUs: 55, GBps: 8 },
    compile: { baseMs: 45, perLayerMs: 1.4 },
    neuralEngineRejects: NEURAL_ENGINE_REJECTS,
    gpuRejectsOpTypes: GPU_REJECTS_OP_TYPES,
    power: { idleW: 0.8, appOverheadW: 0.25 },
    thermal: iphoneThermal(7),
    battery: iphoneBattery(2815, 500_000),
  },
};
