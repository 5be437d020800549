/** What a piece of tool output was recognised as. `unknown` means it was not. */
export const Kind = {
  BenchmarkModel: 'benchmark_model',
  InferenceDiff: 'inference_diff',
  OrtPerfTest: 'ort_perf_test',
  OrtProfile: 'ort_profile',
  Thermalservice: 'thermalservice',
  Battery: 'battery',
  Getprop: 'getprop',
  PowerSupply: 'power_supply',
  ThermalZones: 'thermal_zones',
  Unknown: 'unknown',
} as const;
export type Kind = (typeof Kind)[keyof typeof Kind];

export const KINDS: readonly Kind[] = Object.values(Kind);

export function isKind(value: string): value is Kind {
  return (KINDS as readonly string[]).includes(value);
}
