// "budget": a 2020 Helio G85-class phone on a user build. Its NNAPI accelerator is a small quantized-first DSP
// that takes only CONV_2D from a float model, so most of an NPU run falls back to the CPU, in many partitions;
// its GPU driver offers the TFLite GPU delegate neither OpenCL nor OpenGL ES 3.1 (the delegate's minimum, per
// the LiteRT GPU delegate docs), so `--use_gpu` fails. Approximate, from public sources:
// - CPU and GPU: MediaTek's Helio G85 page (2× Cortex-A75 2.0 GHz + 6× A55 1.8 GHz, Mali-G52 MC2 1 GHz).
// - CPU rate ~3 GMAC/s per A75 thread, about a quarter of a 2023 prime core (Geekbench single-core ratio).
// - Power: a 12 nm SoC whose CPU cluster peaks near 2–3 W; 60 Hz 720p LCD idle ~0.7 W.
// - Battery driver reports current_now with its sign inverted (positive while discharging), as the Xiaomi
//   Mi 8, Poco F1 and Mi A1 reports in android-telemetry.md §1.3 show (AccA#27, FK-Kernel-Manager#54, amps#1).
import type { VirtualPhoneProfile } from '../../phone/profiles.js';

export const BUDGET: VirtualPhoneProfile = {
  name: 'budget',
  summary: 'Helio G85-class, user build, 60 Hz, NPU takes almost nothing (falls back), GPU delegate fails, current_now sign inverted',
  manufacturer: 'Tetherscope',
  brand: 'tetherscope',
  model: 'Virtual Budget',
  device: 'ts_budget',
  product: 'ts_budget',
  board: 'vmt6769',
  hardware: 'mt6769',
  socManufacturer: 'Tetherscope',
  socModel: 'VMT6769',
  androidRelease: '12',
  sdk: 31,
  abi: 'arm64-v8a',
  buildType: 'user',
  uptimeAtStartSec: 86400,
  sysfs: {},
  extraProperties: {},
  spec: {
    cpu: {
      clusters: [
        { cpus: [0, 1, 2, 3, 4, 5], maxKhz: 1800000, idleKhz: 500000, capKhz: [1800000, 1800000, 1625000, 1400000, 1200000, 900000, 600000] },
        { cpus: [6, 7], maxKhz: 2000000, idleKhz: 850000, capKhz: [2000000, 1800000, 1500000, 1300000, 1100000, 900000, 850000] },
      ],
      gmacsPerThread: 3.2,
      threadScaling: [1, 1.85, 2.2, 2.5, 2.8, 3.05, 3.25, 3.4],
      builtinKernelFactor: 0.55,
      int8Speedup: 1.3,
      opOverheadUs: 10,
      memoryGBps: 6,
      activePowerW: [0.8, 1.5, 1.8, 2.05, 2.3, 2.5, 2.7, 2.9],
      powerFrequencyExponent: 2.2,
    },
    gpu: {
      label: 'Mali-G52 MC2-class GPU',
      gmacs: 20,
      int8Speedup: 1,
      opOverheadUs: 30,
      partitionOverheadUs: 250,
      initMs: 400,
      initPerOpMs: 10,
      activePowerW: 1.3,
      slowdown: [1, 1.05, 1.15, 1.3, 1.5, 1.8, 2.2],
      coldFactor: 3,
      delegateUnavailable: 'no OpenCL library in the vendor image, and OpenGL ES below 3.1',
      clock: { path: '/sys/class/misc/mali0/device/cur_freq', busyHz: [1000e6, 950e6, 870e6, 770e6, 670e6, 560e6, 450e6], idleHz: 300e6 },
    },
    npu: {
      label: 'quantized-first DSP',
      gmacs: 40,
      int8Speedup: 3,
      opOverheadUs: 8,
      partitionOverheadUs: 450,
      initMs: 220,
      initPerOpMs: 3,
      activePowerW: 0.6,
      slowdown: [1, 1.1, 1.25, 1.5, 1.9, 2.4, 3],
      coldFactor: 3,
      driverOps: ['CONV_2D', 'DEPTHWISE_CONV_2D', 'AVERAGE_POOL_2D', 'MAX_POOL_2D', 'ADD'],
      driverQuantizedOnlyOps: ['DEPTHWISE_CONV_2D', 'AVERAGE_POOL_2D', 'MAX_POOL_2D', 'ADD'],
    },
    nnapiDevices: [{ name: 'mtk-dsp_shim', unit: 'npu' }],
    power: { idleW: 0.7, toolOverheadW: 0.15 },
    thermal: {
      ambientC: 25,
      dieCapacityJPerK: 3,
      dieToSkinKPerW: 3.5,
      skinCapacityJPerK: 45,
      skinToAmbientKPerW: 7,
      skinThresholdsC: [Number.NaN, 40, 44, 46, 48, 52, 55],
      halVersion: '2.0',
      sensors: [
        { name: 'soc_thermal', halType: 0, node: 'die', offsetC: 0, hal: true },
        { name: 'gpu_thermal', halType: 1, node: 'die', offsetC: -1, hal: true },
        { name: 'apu_thermal', halType: 9, node: 'die', offsetC: -1.5, hal: false },
        { name: 'skin-therm', halType: 3, node: 'skin', offsetC: 0, hal: true },
        { name: 'battery', halType: 2, node: 'skin', offsetC: -1.5, hal: true },
      ],
    },
    battery: {
      capacityMah: 5000,
      emptyV: 3.4,
      fullV: 4.4,
      internalOhm: 0.12,
      initialPercent: 55,
      technology: 'Li-poly',
      gaugePeriodMs: 1000,
      currentLsbUa: 1000,
      currentNoiseUa: 4000,
      voltageLsbUv: 1000,
      currentUnit: 'uA',
      currentSignInverted: true,
      usb: { maxCurrentUa: 500000, maxVoltageUv: 5000000, efficiency: 0.85 },
    },
    display: { refreshHz: 60, width: 720, height: 1600, dpi: 280 },
  },
};
