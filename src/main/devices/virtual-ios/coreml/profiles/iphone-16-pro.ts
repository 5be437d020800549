// "iphone-16-pro": an iPhone 16 Pro (A18 Pro) on iOS 18.1, so MLComputePlan is there. Figures are approximate
// and calibrated from public sources, never measured here:
// - Identity: ProductType iPhone17,1, board D93AP, iOS 18.1 build 22B83 (Apple's public build lists).
// - Neural Engine: 16 cores, 35 TOPS (hollance/neural-engine docs/supported-devices.md, A17 Pro / A18 Pro);
//   taken at ~2 T MAC/s effective on convolutions with ~70 µs per dispatch, so MobileNetV2 (~300 M MACs) runs
//   well under a millisecond warm, the order Xcode performance reports show for recent Pro iPhones.
// - GPU: 6-core, ~2 TFLOPS fp16 → ~450 G MAC/s effective; a Metal command buffer per segment (~150 µs).
// - CPU: 2 P + 4 E cores with AMX through BNNS; ~70 G MAC/s effective for the whole CPU path (MobileNetV2 a few ms).
// - Battery 3582 mAh (Apple regulatory filings as reported by the press); USB-C on a desk port: 5 V / 1.5 A.
// - Power: ANE ~1.5 W busy, GPU ~3.5 W, all CPU cores ~5 W; idle with the screen on ~0.9 W (AnandTech-style
//   platform power figures for A-series phones are in this range).
import type { VirtualIphoneProfile } from '../iphone-spec.js';
import { GPU_REJECTS_OP_TYPES, NEURAL_ENGINE_REJECTS, iphoneBattery, iphoneThermal } from './common.js';

export const IPHONE_16_PRO: VirtualIphoneProfile = {
  name: 'iphone-16-pro',
  summary: 'iPhone 16 Pro (A18 Pro), iOS 18.1, MLComputePlan available, USB-C',
  uptimeAtStartSec: 7200,
  identity: {
    productType: 'iPhone17,1',
    marketingName: 'iPhone 16 Pro',
    hardwareModel: 'D93AP',
    chipName: 'A18 Pro',
    chipId: 0x8140,
    cpuArchitecture: 'arm64e',
    productVersion: '18.1',
    buildVersion: '22B83',
    deviceClass: 'iPhone',
    deviceName: 'Virtual iPhone 16 Pro',
  },
  hardware: {
    units: {
      cpu: {
        label: 'A18 Pro CPU (2P + 4E, AMX)',
        gmacs: 70,
        int8Speedup: 1,
        opOverheadUs: 12,
        partitionOverheadUs: 4,
        initMs: 12,
        initPerOpMs: 0.3,
        activePowerW: 5,
        slowdown: [1, 1.08, 1.6, 2.4],
        coldFactor: 1.6,
      },
      gpu: {
        label: 'A18 Pro 6-core GPU',
        gmacs: 450,
        int8Speedup: 1,
        opOverheadUs: 12,
        partitionOverheadUs: 150,
        initMs: 40,
        initPerOpMs: 2,
        activePowerW: 3.5,
        slowdown: [1, 1.1, 1.5, 2.2],
        coldFactor: 3,
      },
      neuralEngine: {
        label: 'A18 Pro 16-core Neural Engine',
        gmacs: 2000,
        int8Speedup: 1.6,
        opOverheadUs: 2,
        partitionOverheadUs: 70,
        initMs: 60,
        initPerOpMs: 1.5,
        activePowerW: 1.5,
        slowdown: [1, 1.05, 1.4, 2],
        coldFactor: 4,
      },
    },
    memoryGBps: 50,
    transfer: { fixedUs: 35, GBps: 12 },
    compile: { baseMs: 25, perLayerMs: 0.8 },
    neuralEngineRejects: NEURAL_ENGINE_REJECTS,
    gpuRejectsOpTypes: GPU_REJECTS_OP_TYPES,
    power: { idleW: 0.9, appOverheadW: 0.25 },
    thermal: iphoneThermal(6),
    battery: iphoneBattery(3582, 1_500_000),
  },
};
