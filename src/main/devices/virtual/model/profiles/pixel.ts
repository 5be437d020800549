// "pixel": a 2023 Tensor G3-class phone (Pixel 8-like) on a user build, with ODPM power rails — the one virtual
// phone whose energy stays measurable while USB charges it. Figures are approximate and calibrated from public
// sources, never measured here; where a figure is a guess, it says so.
// - CPU topology and clocks: 1× Cortex-X3 2.91 GHz, 4× Cortex-A715 2.37 GHz, 4× Cortex-A510 1.70 GHz as Device
//   Info HW showed them on a Pixel 8 Pro (Android Authority, "Google Tensor G3 specs leak", 2023-10-03; earlier
//   leaks said 3.0/2.45/2.15 GHz). Idle frequencies and throttled caps are guesses in the pattern of the
//   cpufreq tables such phones ship.
// - CPU rate ~10 GMAC/s per X3 thread with XNNPACK fp32: the flagship's X3 scaled by clock (2.91 vs 3.19 GHz);
//   only one prime core, so the second to fifth threads land on A715s (about 0.6 of an X3 each: a guess from the
//   single-core ratios of public Geekbench coverage).
// - GPU: Mali-G715 (Immortalis-G715s) MC10 at up to 890 MHz (Android Authority and PhoneArena leak coverage,
//   2023); its effective fp16 rate and power are guesses below the flagship's Adreno 740-class figures.
// - NPU: the Edge TPU, reached through NNAPI as `google-edgetpu` (android-telemetry.md §5.2 [S50]; the TFLite
//   benchmark README lists the name). Its effective rate, its partition overhead and its acceptance of every op
//   the NNAPI rules allow are guesses (the real driver's op coverage is not modelled).
// - Display 6.2" 1080×2400 OLED at up to 120 Hz, ~427 ppi; battery 4575 mAh typical; Android 14 at launch
//   (Hindustan Times and nextpit launch coverage, 2023-10-04).
// - Power: idle 0.9 W with the screen on, the CPU and GPU figures, the tool's own 0.25 W — guesses in line with
//   the flagship profile (Tensor G3 is reported as less efficient than Snapdragon 8 Gen 2 under sustained load).
// - Thermal: sensor names as a Pixel 6 (Tensor) thermalservice dump shows them (fixtures/real sample 07: BIG,
//   MID, LITTLE, G3D, TPU, battery, VIRTUAL-SKIN); thresholds close to the Pixel thermal HAL's VIRTUAL-SKIN ones.
// - Power rails: the 16 ODPM channels of the Pixel 6 generation (two PMICs, eight channels each; android-
//   telemetry.md §2.1–2.2 [S30][S32]): rail names and subsystems from ARM LISA's Pixel 6 analysis
//   (S2M_VDD_CPUCL2 = CPU(BIG), S3M_VDD_CPUCL1 = CPU(MID), S4M_VDD_CPUCL0 = CPU(LITTLE), S2S_VDD_G3D = GPU,
//   S10M_VDD_TPU = TPU), public sysfs `energy_value` listings of Pixel 6 phones (VSYS_PWR_MODEM, VSYS_PWR_RFFE,
//   S5M_VDD_INT, S1M_VDD_MIF, S9S_VDD_AOC, S5S_VDDQ_MEM, S10S_VDD2L, S4S_VDD2H_MEM, L9S_GNSS_CORE) and ACTS
//   (`[VSYS_PWR_DISPLAY]:Display`, `[VSYS_PWR_MODEM]:Modem` [S31]). Later Tensor boards renumber some of them
//   (LISA's Pixel 9 table has S2M_VDD_CPUCL1 for the mid cores and S3M_VDD_CPUCL2 for the big one), so these are
//   the Pixel 6 names on a Pixel 8-class phone, not a claim about a real Pixel 8's channel list. The subsystem
//   labels of the AOC, memory and GNSS rails, and every rail's idle share, are guesses; together the rails carry
//   0.643 W of the 0.9 W idle power, the rest (storage, audio, sensors, regulators no channel covers) unmetered.
//   The driver is taken to refresh every 250 ms, inside the 20 ms – 2.6 s range its source states [S30].
import type { VirtualPhoneProfile } from '../../phone/profiles.js';
import type { PowerRailSpec } from '../hardware-spec.js';

const rail = (name: string, subsystem: string, feeds: PowerRailSpec['feeds'], idleW: number): PowerRailSpec => ({ rail: name, subsystem, feeds, idleW });
const SYSTEM = { kind: 'system' } as const;

export const PIXEL: VirtualPhoneProfile = {
  name: 'pixel',
  summary: 'Tensor G3-class, user build, 120 Hz, ODPM power rails',
  manufacturer: 'Tetherscope',
  brand: 'tetherscope',
  model: 'Virtual Pixel',
  device: 'ts_pixel',
  product: 'ts_pixel',
  board: 'vzuma',
  hardware: 'ts_pixel',
  socManufacturer: 'Tetherscope',
  socModel: 'VTensor G3',
  androidRelease: '14',
  sdk: 34,
  abi: 'arm64-v8a',
  buildType: 'user',
  uptimeAtStartSec: 5400,
  sysfs: {},
  extraProperties: {},
  spec: {
    cpu: {
      clusters: [
        { cpus: [0, 1, 2, 3], maxKhz: 1704000, idleKhz: 324000, capKhz: [1704000, 1704000, 1598000, 1401000, 1197000, 955000, 738000] },
        { cpus: [4, 5, 6, 7], maxKhz: 2367000, idleKhz: 402000, capKhz: [2367000, 2130000, 1836000, 1549000, 1197000, 910000, 701000] },
        { cpus: [8], maxKhz: 2914000, idleKhz: 500000, capKhz: [2914000, 2499000, 2147000, 1745000, 1328000, 984000, 700000] },
      ],
      gmacsPerThread: 10,
      threadScaling: [1, 1.6, 2.2, 2.8, 3.35, 3.55, 3.75, 3.9, 4],
      builtinKernelFactor: 0.55,
      int8Speedup: 1.7,
      opOverheadUs: 3.8,
      memoryGBps: 22,
      activePowerW: [2.4, 3.5, 4.5, 5.4, 6.2, 6.4, 6.6, 6.8, 7],
      powerFrequencyExponent: 2.4,
    },
    gpu: {
      label: 'Mali-G715 MC10-class GPU',
      gmacs: 120,
      int8Speedup: 1,
      opOverheadUs: 12,
      partitionOverheadUs: 110,
      initMs: 220,
      initPerOpMs: 5,
      activePowerW: 2.4,
      slowdown: [1, 1.12, 1.27, 1.48, 1.78, 2.22, 2.95],
      coldFactor: 2.8,
      clock: { path: '/sys/class/misc/mali0/device/cur_freq', busyHz: [890e6, 796e6, 701e6, 601e6, 500e6, 401e6, 302e6], idleHz: 151e6 },
    },
    npu: {
      label: 'Edge TPU-class NPU',
      gmacs: 450,
      int8Speedup: 2.4,
      opOverheadUs: 2,
      partitionOverheadUs: 120,
      initMs: 250,
      initPerOpMs: 1.5,
      activePowerW: 1.2,
      slowdown: [1, 1.12, 1.3, 1.6, 2, 2.6, 3.2],
      coldFactor: 5,
      driverOps: null,
    },
    nnapiDevices: [{ name: 'google-edgetpu', unit: 'npu' }],
    power: { idleW: 0.9, toolOverheadW: 0.25 },
    thermal: {
      ambientC: 25,
      dieCapacityJPerK: 4,
      dieToSkinKPerW: 2.7,
      skinCapacityJPerK: 52,
      skinToAmbientKPerW: 5.8,
      skinThresholdsC: [Number.NaN, 39, 43, 45, 46.5, 52, 55],
      halVersion: 'AIDL 1',
      sensors: [
        { name: 'LITTLE', halType: 0, node: 'die', offsetC: -3, hal: true },
        { name: 'MID', halType: 0, node: 'die', offsetC: 0, hal: true },
        { name: 'BIG', halType: 0, node: 'die', offsetC: 2, hal: true },
        { name: 'G3D', halType: 1, node: 'die', offsetC: -2, hal: true },
        { name: 'TPU', halType: 9, node: 'die', offsetC: -1, hal: true },
        { name: 'disp_therm', halType: -1, node: 'skin', offsetC: 1, hal: false },
        { name: 'VIRTUAL-SKIN', halType: 3, node: 'skin', offsetC: 0, hal: true },
        { name: 'battery', halType: 2, node: 'skin', offsetC: -1.5, hal: true },
      ],
    },
    battery: {
      capacityMah: 4575,
      emptyV: 3.4,
      fullV: 4.45,
      internalOhm: 0.09,
      initialPercent: 71,
      technology: 'Li-ion',
      gaugePeriodMs: 1000,
      currentLsbUa: 156.25,
      currentNoiseUa: 1500,
      voltageLsbUv: 78.125,
      currentUnit: 'uA',
      currentSignInverted: false,
      usb: { maxCurrentUa: 500000, maxVoltageUv: 5000000, efficiency: 0.88 },
    },
    display: { refreshHz: 120, width: 1080, height: 2400, dpi: 420 },
    powerRails: {
      refreshMs: 250,
      meterStartMs: 15_000,
      rails: [
        // Main PMIC.
        rail('S10M_VDD_TPU', 'TPU', { kind: 'npu' }, 0.005),
        rail('VSYS_PWR_MODEM', 'Modem', SYSTEM, 0.03),
        rail('VSYS_PWR_RFFE', 'Cellular', SYSTEM, 0.005),
        rail('S2M_VDD_CPUCL2', 'CPU(BIG)', { kind: 'cpu-cluster', cluster: 2 }, 0.01),
        rail('S3M_VDD_CPUCL1', 'CPU(MID)', { kind: 'cpu-cluster', cluster: 1 }, 0.02),
        rail('S4M_VDD_CPUCL0', 'CPU(LITTLE)', { kind: 'cpu-cluster', cluster: 0 }, 0.04),
        rail('S5M_VDD_INT', 'INT', SYSTEM, 0.04),
        rail('S1M_VDD_MIF', 'MIF', SYSTEM, 0.05),
        // Sub PMIC.
        rail('VSYS_PWR_DISPLAY', 'Display', { kind: 'display' }, 0.35),
        rail('L2S_VDD_AOC_RET', 'AOC', SYSTEM, 0.002),
        rail('S9S_VDD_AOC', 'AOC', SYSTEM, 0.015),
        rail('S5S_VDDQ_MEM', 'DDR', SYSTEM, 0.02),
        rail('S10S_VDD2L', 'DDR', SYSTEM, 0.015),
        rail('S4S_VDD2H_MEM', 'DDR', SYSTEM, 0.03),
        rail('S2S_VDD_G3D', 'GPU', { kind: 'gpu' }, 0.01),
        rail('L9S_GNSS_CORE', 'GPS', SYSTEM, 0.001),
      ],
    },
  },
};
