// What a virtual phone's hardware is, as data: compute units and their costs, power, the thermal RC network
// and its throttling steps, the battery and its fuel gauge, the display. Profiles fill this in and cite the
// public figures they were calibrated from; the device model turns it into behaviour.

export const ComputeUnit = { Cpu: 'cpu', Gpu: 'gpu', Npu: 'npu' } as const;
export type ComputeUnit = (typeof ComputeUnit)[keyof typeof ComputeUnit];

export interface CpuClusterSpec {
  /** cpufreq policy name as the kernel numbers it: the first CPU of the cluster. */
  readonly cpus: readonly number[];
  readonly maxKhz: number;
  readonly idleKhz: number;
  /** scaling_max_freq at each throttling step (index 0 = no throttling). */
  readonly capKhz: readonly number[];
}

export interface CpuSpec {
  /** Little to big; inference threads go to the biggest cores first. */
  readonly clusters: readonly CpuClusterSpec[];
  /** Effective GMAC/s of one inference thread on the fastest core at its top frequency (XNNPACK, fp32). */
  readonly gmacsPerThread: number;
  /** Speed-up of n threads over one (index n − 1); beyond the list the last value holds. */
  readonly threadScaling: readonly number[];
  /** TFLite's builtin kernels relative to XNNPACK (below 1: slower). */
  readonly builtinKernelFactor: number;
  /** int8 kernels relative to fp32. */
  readonly int8Speedup: number;
  /** Fixed cost of one op (dispatch, tensor bookkeeping), µs at top frequency. */
  readonly opOverheadUs: number;
  /** Effective memory bandwidth for weights and activations, GB/s. */
  readonly memoryGBps: number;
  /** Extra power of n busy inference threads at top frequency, W (index n − 1). */
  readonly activePowerW: readonly number[];
  /** Exponent of the power drop with frequency (P ∝ f^k: dynamic power ∝ f·V², V falling with f). */
  readonly powerFrequencyExponent: number;
}

export interface AcceleratorSpec {
  /** What the device list and logs call it ("Adreno 740-class GPU"). */
  readonly label: string;
  /** Effective GMAC/s on convolution-like ops (fp16 for float models). */
  readonly gmacs: number;
  readonly int8Speedup: number;
  /** Per delegated op, µs. */
  readonly opOverheadUs: number;
  /** Per delegate kernel call (launch, synchronisation, tensor copies in and out), µs. */
  readonly partitionOverheadUs: number;
  /** Delegate application at init (compilation, shader build): fixed plus per delegated op, ms. */
  readonly initMs: number;
  readonly initPerOpMs: number;
  /** Extra power while busy, W. */
  readonly activePowerW: number;
  /** Latency multiplier at each throttling step (index 0 = 1). */
  readonly slowdown: readonly number[];
  /** First inference after init relative to a warm one (lazy allocation, caches). */
  readonly coldFactor: number;
}

export interface GpuSpec extends AcceleratorSpec {
  /** When set, the TFLite GPU delegate fails in Prepare on this phone, for this reason (documentation only). */
  readonly delegateUnavailable?: string;
  /** The frequency node and its values in Hz at each throttling step (busy) and when idle. */
  readonly clock: { readonly path: string; readonly busyHz: readonly number[]; readonly idleHz: number };
}

export interface NpuSpec extends AcceleratorSpec {
  /**
   * Op types the vendor driver takes on top of the NNAPI delegate's own rules; null = every op the NNAPI
   * rules accept. Ops outside the list run on the CPU.
   */
  readonly driverOps: readonly string[] | null;
  /** Ops the driver takes only in int8/uint8 (a quantized-only block). */
  readonly driverQuantizedOnlyOps?: readonly string[];
}

export interface NnapiDeviceSpec {
  /** The name `--nnapi_accelerator_name` takes and `service list` shows after IDevice/. */
  readonly name: string;
  readonly unit: ComputeUnit;
}

export interface PowerSpec {
  /** The whole phone idling with the screen on (display, modem idle, SoC idle), W. */
  readonly idleW: number;
  /** The benchmark tool's own work between inferences (one core), W. */
  readonly toolOverheadW: number;
}

export interface ThermalSensorSpec {
  /** thermal_zone type / HAL sensor name. */
  readonly name: string;
  /** AIDL TemperatureType (0 CPU, 1 GPU, 2 BATTERY, 3 SKIN, 9 NPU, 13 SOC, …). */
  readonly halType: number;
  /** Which node of the RC network it reads, and a fixed offset from it, °C. */
  readonly node: 'die' | 'skin';
  readonly offsetC: number;
  /** Listed by `dumpsys thermalservice` (the HAL), besides being a thermal zone. */
  readonly hal: boolean;
}

export interface ThermalSpec {
  readonly ambientC: number;
  /** Die (SoC junction) node: heat capacity J/K and resistance to the skin K/W. */
  readonly dieCapacityJPerK: number;
  readonly dieToSkinKPerW: number;
  /** Skin (case) node: heat capacity J/K and resistance to ambient K/W. */
  readonly skinCapacityJPerK: number;
  readonly skinToAmbientKPerW: number;
  /** Hot throttling thresholds of the skin sensor by thermal status 0–6 (index 0 unused, NaN). */
  readonly skinThresholdsC: readonly number[];
  readonly sensors: readonly ThermalSensorSpec[];
  readonly halVersion: string;
}

export interface BatterySpec {
  readonly capacityMah: number;
  /** Open-circuit voltage at 0 % and 100 % state of charge (linear between), V. */
  readonly emptyV: number;
  readonly fullV: number;
  readonly internalOhm: number;
  readonly initialPercent: number;
  readonly technology: string;
  /** Fuel gauge: how often it publishes, and the resolution of what it publishes. */
  readonly gaugePeriodMs: number;
  readonly currentLsbUa: number;
  readonly voltageLsbUv: number;
  /** Standard deviation of a published current around the window's true mean (ADC noise, wakeups), µA. */
  readonly currentNoiseUa: number;
  /** The driver's quirks in `current_now` (android-telemetry.md §1.3). */
  readonly currentUnit: 'uA' | 'mA';
  readonly currentSignInverted: boolean;
  /** USB port the phone sits on at the desk: what it may draw and what reaches the battery side. */
  readonly usb: { readonly maxCurrentUa: number; readonly maxVoltageUv: number; readonly efficiency: number };
}

export interface DisplaySpec {
  readonly refreshHz: number;
  readonly width: number;
  readonly height: number;
  readonly dpi: number;
}

/** What a metered rail carries in the model: one CPU cluster (index into `cpu.clusters`), the GPU, the NPU/TPU, the display or the rest of the system. */
export type PowerRailFeed =
  | { readonly kind: 'cpu-cluster'; readonly cluster: number }
  | { readonly kind: 'gpu' }
  | { readonly kind: 'npu' }
  | { readonly kind: 'display' }
  | { readonly kind: 'system' };

export interface PowerRailSpec {
  /** The ODPM channel's schematic name (`S4M_VDD_CPUCL0`). */
  readonly rail: string;
  /** Its subsystem label (`CPU(LITTLE)`, `Display`). */
  readonly subsystem: string;
  readonly feeds: PowerRailFeed;
  /** Its part of the idle power (`power.idleW`), W. */
  readonly idleW: number;
}

/**
 * On-device power monitor rails (ODPM, Pixel 6 and later; android-telemetry.md §2). The rails sit downstream of
 * the battery, so charging does not show on them. Every modelled compute consumer (each CPU cluster, the GPU,
 * the NPU) must be fed by exactly one rail, so all compute power is metered; the rails' idle shares may sum to
 * less than `power.idleW` — the rest is unmetered (real channels do not cover every regulator).
 */
export interface PowerRailsSpec {
  readonly rails: readonly PowerRailSpec[];
  /** How often the driver refreshes its accumulators, ms (its limits: ~20 ms to ~2.6 s, §2.2). */
  readonly refreshMs: number;
  /** When the HAL configured the meter and it began counting, ms after boot (~15 s, §2.1). */
  readonly meterStartMs: number;
}

export interface DeviceHardware {
  readonly cpu: CpuSpec;
  readonly gpu: GpuSpec;
  /** null: the phone has no NPU (NNAPI then offers only its GPU and CPU drivers). */
  readonly npu: NpuSpec | null;
  /** NNAPI devices in the order the runtime lists them; the first NPU one is the default target. */
  readonly nnapiDevices: readonly NnapiDeviceSpec[];
  readonly power: PowerSpec;
  readonly thermal: ThermalSpec;
  readonly battery: BatterySpec;
  readonly display: DisplaySpec;
  /** ODPM power rails; absent on phones without them. */
  readonly powerRails?: PowerRailsSpec;
}
