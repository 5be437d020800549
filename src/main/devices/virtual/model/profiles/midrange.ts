// "midrange": a 2023 Dimensity 7050-class phone on a userdebug build (ro.debuggable=1, so a shell-started
// benchmark_model may emit trace slices). Approximate, from public sources:
// - CPU and GPU: MediaTek's Dimensity 7050 page (2× Cortex-A78 2.6 GHz + 6× A55 2.0 GHz, Mali-G68 MC4, APU 550).
// - CPU rate ~6 GMAC/s per A78 thread: about half a 2023 prime core, in line with the single-core ratios of
//   Geekbench/AnandTech coverage of A78 against X3; only two big cores, so threads beyond two scale poorly.
// - NPU ~200 GMAC/s effective fp16, a third of the flagship's, the spread AI-Benchmark's (ai-benchmark.com)
//   NNAPI rankings show between upper-midrange MediaTek APUs and Snapdragon 8-series NPUs; its NNAPI driver
//   leaves some data-movement ops (TRANSPOSE, GATHER, PACK, …) to the CPU.
// - Battery driver reports current_now in mA, as Samsung and Huawei drivers do (android-telemetry.md §1.3:
//   home-assistant/android#2846, currentwidget#54).
// - Thermal: thinner cooling than the flagship (same skin time constant, ~5 min), Pixel-like skin thresholds.
import type { VirtualPhoneProfile } from '../../phone/profiles.js';

export const MIDRANGE: VirtualPhoneProfile = {
  name: 'midrange',
  summary: 'Dimensity 7050-class, userdebug build, 90 Hz, NPU leaves some ops to the CPU, current_now in mA',
  manufacturer: 'Tetherscope',
  brand: 'tetherscope',
  model: 'Virtual Midrange',
  device: 'ts_midrange',
  product: 'ts_midrange',
  board: 'vmt6877',
  hardware: 'mt6877',
  socManufacturer: 'Tetherscope',
  socModel: 'VMT6877',
  androidRelease: '13',
  sdk: 33,
  abi: 'arm64-v8a',
  buildType: 'userdebug',
  uptimeAtStartSec: 7200,
  sysfs: {},
  extraProperties: {},
  spec: {
    cpu: {
      clusters: [
        { cpus: [0, 1, 2, 3, 4, 5], maxKhz: 2000000, idleKhz: 500000, capKhz: [2000000, 2000000, 1800000, 1500000, 1200000, 900000, 650000] },
        { cpus: [6, 7], maxKhz: 2600000, idleKhz: 725000, capKhz: [2600000, 2200000, 1800000, 1500000, 1200000, 900000, 725000] },
      ],
      gmacsPerThread: 6,
      threadScaling: [1, 1.9, 2.25, 2.6, 2.9, 3.15, 3.35, 3.5],
      builtinKernelFactor: 0.55,
      int8Speedup: 1.5,
      opOverheadUs: 6,
      memoryGBps: 12,
      activePowerW: [1.3, 2.4, 2.75, 3.05, 3.3, 3.55, 3.8, 4],
      powerFrequencyExponent: 2.4,
    },
    gpu: {
      label: 'Mali-G68 MC4-class GPU',
      gmacs: 55,
      int8Speedup: 1,
      opOverheadUs: 18,
      partitionOverheadUs: 140,
      initMs: 260,
      initPerOpMs: 6,
      activePowerW: 1.9,
      slowdown: [1, 1.08, 1.19, 1.36, 1.58, 1.9, 2.44],
      coldFactor: 3,
      clock: { path: '/sys/class/misc/mali0/device/cur_freq', busyHz: [950e6, 880e6, 800e6, 700e6, 600e6, 500e6, 390e6], idleHz: 265e6 },
    },
    npu: {
      label: 'APU 550-class NPU',
      gmacs: 200,
      int8Speedup: 2.5,
      opOverheadUs: 3,
      partitionOverheadUs: 140,
      initMs: 160,
      initPerOpMs: 2,
      activePowerW: 0.9,
      slowdown: [1, 1.15, 1.35, 1.7, 2.1, 2.7, 3.4],
      coldFactor: 3.5,
      driverOps: [
        'ADD', 'AVERAGE_POOL_2D', 'CONCATENATION', 'CONV_2D', 'DEPTHWISE_CONV_2D', 'DEQUANTIZE', 'DIV', 'ELU',
        'FULLY_CONNECTED', 'HARD_SWISH', 'LEAKY_RELU', 'LOGISTIC', 'MAX_POOL_2D', 'MAXIMUM', 'MEAN', 'MINIMUM', 'MUL',
        'PAD', 'PADV2', 'PRELU', 'QUANTIZE', 'RELU', 'RELU6', 'RESHAPE', 'RESIZE_BILINEAR', 'RESIZE_NEAREST_NEIGHBOR',
        'SOFTMAX', 'SPLIT', 'SQUEEZE', 'STRIDED_SLICE', 'SUB', 'TANH', 'TRANSPOSE_CONV',
      ],
    },
    nnapiDevices: [
      { name: 'mtk-neuron_shim', unit: 'npu' },
      { name: 'mtk-gpu_shim', unit: 'gpu' },
    ],
    power: { idleW: 0.8, toolOverheadW: 0.2 },
    thermal: {
      ambientC: 25,
      dieCapacityJPerK: 3.5,
      dieToSkinKPerW: 3,
      skinCapacityJPerK: 50,
      skinToAmbientKPerW: 6,
      skinThresholdsC: [Number.NaN, 40, 43, 46, 48, 52, 55],
      halVersion: '2.0',
      sensors: [
        { name: 'mtktscpu', halType: 0, node: 'die', offsetC: 0, hal: true },
        { name: 'mtktsgpu', halType: 1, node: 'die', offsetC: -1.5, hal: true },
        { name: 'mtktsapu', halType: 9, node: 'die', offsetC: -1, hal: true },
        { name: 'mtktsAP', halType: -1, node: 'skin', offsetC: 4, hal: false },
        { name: 'skin', halType: 3, node: 'skin', offsetC: 0, hal: true },
        { name: 'mtktsbattery', halType: 2, node: 'skin', offsetC: -1.5, hal: true },
      ],
    },
    battery: {
      capacityMah: 5000,
      emptyV: 3.4,
      fullV: 4.4,
      internalOhm: 0.1,
      initialPercent: 64,
      technology: 'Li-ion',
      gaugePeriodMs: 1000,
      currentLsbUa: 1000,
      currentNoiseUa: 3000,
      voltageLsbUv: 1000,
      currentUnit: 'mA',
      currentSignInverted: false,
      usb: { maxCurrentUa: 500000, maxVoltageUv: 5000000, efficiency: 0.85 },
    },
    display: { refreshHz: 90, width: 1080, height: 2400, dpi: 400 },
  },
};
