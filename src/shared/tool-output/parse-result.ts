// Everything `parseToolOutput` can return: one interface per kind, a union on `kind`.
import type { BatteryResult } from './battery.js';
import type { BenchmarkModelResult } from './benchmark-model.js';
import type { GetpropResult } from './getprop.js';
import type { InferenceDiffResult } from './inference-diff.js';
import type { OrtPerfTestResult, OrtProfileResult } from './ort.js';
import type { PowerSupplyResult } from './power-supply.js';
import type { ThermalZonesResult } from './thermal-zones.js';
import type { ThermalserviceResult } from './thermalservice.js';
import type { UnknownResult } from './unknown.js';

export type ParseResult =
  | BenchmarkModelResult
  | InferenceDiffResult
  | OrtPerfTestResult
  | OrtProfileResult
  | ThermalserviceResult
  | BatteryResult
  | GetpropResult
  | PowerSupplyResult
  | ThermalZonesResult
  | UnknownResult;

export type RecognisedResult = Exclude<ParseResult, UnknownResult>;

export * from './battery.js';
export * from './benchmark-model.js';
export * from './getprop.js';
export * from './inference-diff.js';
export * from './ort.js';
export * from './power-supply.js';
export * from './thermal-zones.js';
export * from './thermalservice.js';
export * from './unknown.js';
export { Kind, KINDS, isKind } from './kinds.js';
