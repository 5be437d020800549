// "flagship": a 2023 Snapdragon 8 Gen 2-class phone on a user build, with an NPU that takes every op the
// NNAPI rules allow. Figures are approximate and calibrated from public sources, never measured here:
// - CPU topology and clocks: Qualcomm's SM8550 product brief (1× Cortex-X3 3.19 GHz, 2× A715 + 2× A710
//   2.8 GHz, 3× A510 2.0 GHz); throttled caps follow the step pattern of the cpufreq tables such phones ship.
// - CPU inference rate: ~11 GMAC/s per X3 thread with XNNPACK fp32, so MobileNet V1 1.0 224 (569 M MACs) takes
//   ~15 ms on four threads — the order of the TFLite benchmark pages' flagship CPU figures, and of
//   freedomtan/glDelegateBenchmark (iPhone 11 Pro CPU, 2 threads: 18.2 ms; GPU: 10.9 ms).
// - NPU: MobileNetV2 (~300 M MACs) profiled at 0.37 ms median over 100 runs, 7.3× slower cold, on a
//   Snapdragon 8 Gen 3 through Qualcomm AI Hub (edgegate.frozo.ai, "100 inference runs on Snapdragon"); an
//   older NPU reached through NNAPI in fp16 is taken at ~600 GMAC/s effective with a ~4× cold first run.
// - Power: AnandTech's SPEC2017 and MLPerf coverage of 8 Gen 1/8 Gen 2 phones puts a prime core near 2–3 W at
//   top clock and the big cores together at 5–6 W; sustained phone power before skin limits is ~4–5 W.
// - Thermal thresholds: close to the Pixel thermal HAL's VIRTUAL-SKIN hot thresholds (39/43/45/46.5/52/55 °C).
// - Battery gauge LSB: a MAX1705x-style gauge (1.5625 µV / 10 mΩ sense resistor = 156.25 µA).
import type { VirtualPhoneProfile } from '../../phone/profiles.js';

export const FLAGSHIP: VirtualPhoneProfile = {
  name: 'flagship',
  summary: 'Snapdragon 8 Gen 2-class, user build, 120 Hz, NPU takes every NNAPI op',
  manufacturer: 'Tetherscope',
  brand: 'tetherscope',
  model: 'Virtual Flagship',
  device: 'ts_flagship',
  product: 'ts_flagship',
  board: 'vkalama',
  hardware: 'qcom',
  socManufacturer: 'Tetherscope',
  socModel: 'VSM8550',
  androidRelease: '14',
  sdk: 34,
  abi: 'arm64-v8a',
  buildType: 'user',
  uptimeAtStartSec: 3600,
  sysfs: {},
  extraProperties: {},
  spec: {
    cpu: {
      clusters: [
        { cpus: [0, 1, 2], maxKhz: 2016000, idleKhz: 307200, capKhz: [2016000, 2016000, 1785600, 1478400, 1171200, 864000, 556800] },
        { cpus: [3, 4, 5, 6], maxKhz: 2803200, idleKhz: 499200, capKhz: [2803200, 2419200, 1996800, 1593600, 1209600, 844800, 576000] },
        { cpus: [7], maxKhz: 3187200, idleKhz: 595200, capKhz: [3187200, 2745600, 2227200, 1728000, 1305600, 940800, 595200] },
      ],
      gmacsPerThread: 11,
      threadScaling: [1, 1.85, 2.6, 3.3, 3.5, 3.7, 3.85, 4],
      builtinKernelFactor: 0.55,
      int8Speedup: 1.7,
      opOverheadUs: 3.5,
      memoryGBps: 25,
      activePowerW: [2.2, 3.4, 4.4, 5.2, 5.5, 5.8, 6, 6.2],
      powerFrequencyExponent: 2.4,
    },
    gpu: {
      label: 'Adreno 740-class GPU',
      gmacs: 160,
      int8Speedup: 1,
      opOverheadUs: 10,
      partitionOverheadUs: 85,
      initMs: 180,
      initPerOpMs: 4,
      activePowerW: 2.6,
      slowdown: [1, 1.1, 1.26, 1.43, 1.79, 2.39, 3.09],
      coldFactor: 2.5,
      clock: { path: '/sys/class/kgsl/kgsl-3d0/gpuclk', busyHz: [680e6, 615e6, 540e6, 475e6, 380e6, 285e6, 220e6], idleHz: 220e6 },
    },
    npu: {
      label: 'Hexagon-class NPU',
      gmacs: 600,
      int8Speedup: 2.2,
      opOverheadUs: 1.5,
      partitionOverheadUs: 70,
      initMs: 90,
      initPerOpMs: 1.2,
      activePowerW: 1.4,
      slowdown: [1, 1.12, 1.3, 1.6, 2, 2.6, 3.2],
      coldFactor: 4,
      driverOps: null,
    },
    nnapiDevices: [
      { name: 'qti-default', unit: 'npu' },
      { name: 'qti-dsp', unit: 'npu' },
      { name: 'qti-gpu', unit: 'gpu' },
    ],
    power: { idleW: 0.95, toolOverheadW: 0.25 },
    thermal: {
      ambientC: 25,
      dieCapacityJPerK: 4,
      dieToSkinKPerW: 2.5,
      skinCapacityJPerK: 55,
      skinToAmbientKPerW: 5.5,
      skinThresholdsC: [Number.NaN, 39, 43, 45, 46.5, 52, 55],
      halVersion: 'AIDL 1',
      sensors: [
        { name: 'cpu-0-0-usr', halType: 0, node: 'die', offsetC: -3, hal: true },
        { name: 'cpu-1-0-usr', halType: 0, node: 'die', offsetC: 0, hal: true },
        { name: 'cpu-1-2-usr', halType: 0, node: 'die', offsetC: 2, hal: true },
        { name: 'gpuss-0-usr', halType: 1, node: 'die', offsetC: -2, hal: true },
        { name: 'nspss-0-usr', halType: 9, node: 'die', offsetC: -1, hal: true },
        { name: 'xo-therm', halType: -1, node: 'skin', offsetC: 1, hal: false },
        { name: 'skin-therm', halType: 3, node: 'skin', offsetC: 0, hal: true },
        { name: 'battery', halType: 2, node: 'skin', offsetC: -1.5, hal: true },
      ],
    },
    battery: {
      capacityMah: 4700,
      emptyV: 3.4,
      fullV: 4.45,
      internalOhm: 0.09,
      initialPercent: 78,
      technology: 'Li-poly',
      gaugePeriodMs: 1000,
      currentLsbUa: 156.25,
      currentNoiseUa: 1500,
      voltageLsbUv: 78.125,
      currentUnit: 'uA',
      currentSignInverted: false,
      usb: { maxCurrentUa: 500000, maxVoltageUv: 5000000, efficiency: 0.88 },
    },
    display: { refreshHz: 120, width: 1080, height: 2400, dpi: 420 },
  },
};
