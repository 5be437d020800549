// What the virtual iPhones share: the Neural Engine's known refusals, iOS thermal thresholds and the shape of
// the battery gauge. Sources:
// - Neural Engine refusals: hollance/neural-engine docs/unsupported-layers.md ("RNN layers such as LSTM or
//   GRU, gather, dilated convolutions, broadcastable and "ND" layers, custom layers"; custom layers can only
//   have CPU and GPU implementations, and the GPU one only if the class implements Metal encoding, which we
//   assume it does not).
// - Thermal thresholds: Apple publishes none for ProcessInfo.ThermalState. These are assumptions chosen so a
//   sustained multi-core CPU load (~5 W) reaches `serious` in two to three minutes of model time, the order in
//   which sustained-load tests report iPhones throttling; `serious` slows work noticeably (Apple's energy guide:
//   "serious: system performance is impacted").
// - Gauge: IORegistry battery values refresh "seconds, not ms" (reference/ios.md §2.1); 5 s here.
import type { BatterySpec, ThermalSpec } from '../../../virtual/model/hardware-spec.js';

export const NEURAL_ENGINE_REJECTS = {
  opTypes: [
    'custom',
    'gather',
    'gatherND',
    'gatherAlongAxis',
    'simpleRecurrent',
    'gru',
    'uniDirectionalLSTM',
    'biDirectionalLSTM',
    'addBroadcastable',
    'subtractBroadcastable',
    'multiplyBroadcastable',
    'divideBroadcastable',
    'maxBroadcastable',
    'minBroadcastable',
    'powBroadcastable',
    'modBroadcastable',
    'floorDivBroadcastable',
    'whereBroadcastable',
    'concatND',
    'splitND',
    'softmaxND',
    'embeddingND',
    'loadConstantND',
  ],
  dilatedConvolution: true,
} as const;

export const GPU_REJECTS_OP_TYPES = ['custom'] as const;

export function iphoneThermal(skinToAmbientKPerW: number): ThermalSpec {
  return {
    ambientC: 25,
    dieCapacityJPerK: 3.5,
    dieToSkinKPerW: 2.2,
    skinCapacityJPerK: 60,
    skinToAmbientKPerW,
    // nominal, fair from 36 °C, serious from 40 °C, critical from 45 °C (skin).
    skinThresholdsC: [Number.NaN, 36, 40, 45],
    sensors: [],
    halVersion: 'ProcessInfo.thermalState',
  };
}

export function iphoneBattery(capacityMah: number, usbMaxCurrentUa: number): BatterySpec {
  return {
    capacityMah,
    emptyV: 3.5,
    fullV: 4.4,
    internalOhm: 0.1,
    initialPercent: 74,
    technology: 'Li-ion',
    gaugePeriodMs: 5000,
    // IORegistry reports whole mA and mV.
    currentLsbUa: 1000,
    voltageLsbUv: 1000,
    currentNoiseUa: 6000,
    currentUnit: 'mA',
    currentSignInverted: false,
    usb: { maxCurrentUa: usbMaxCurrentUa, maxVoltageUv: 5_000_000, efficiency: 0.88 },
  };
}
