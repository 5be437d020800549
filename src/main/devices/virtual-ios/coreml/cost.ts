// Microseconds of one warm, unthrottled prediction, by segment: each layer's roofline cost on its device (the
// Android model's acceleratorOpUs), a dispatch per segment, and a copy at every hand-over between devices
// (and into and out of the model when the first or last segment is not on the CPU, where the app's
// MLMultiArrays live). Also what compiling and loading cost.
import type { CoremlModel } from '../../../../shared/formats/coreml/model.js';
import type { ProbeComputeDevice, ProbeComputeUnits } from '../../../../shared/ios-probe/probe-protocol.js';
import { acceleratorOpUs } from '../../virtual/model/cost.js';
import type { IphoneHardware } from './iphone-spec.js';
import { type LayerWork, modelLayerWork } from './layer-work.js';
import { type LayerPlacement, type PlacementSegment, placeLayers, segmentsOf } from './placement.js';

export interface SegmentCost {
  readonly device: ProbeComputeDevice;
  readonly layers: readonly number[];
  /** Dispatch plus the layers' own work, µs. */
  readonly computeUs: number;
  /** Copy of this segment's input from another device (or from the app's arrays), µs; 0 when none. */
  readonly transferInUs: number;
}

export interface CoremlPlanCost {
  readonly computeUnits: ProbeComputeUnits;
  readonly placement: readonly LayerPlacement[];
  readonly segments: readonly SegmentCost[];
  /** Copy of the result back to the app's arrays, µs. */
  readonly transferOutUs: number;
  readonly layerUs: readonly number[];
  /** MLModel(contentsOf:configuration:), ms. */
  readonly loadMs: number;
}

export function planCost(model: CoremlModel, hardware: IphoneHardware, computeUnits: ProbeComputeUnits): CoremlPlanCost {
  const placement = placeLayers(model, hardware, computeUnits);
  const work = modelLayerWork(model);
  const layerUs = placement.map((p, i) => layerCostUs(hardware, p.preferred, work[i]));
  const inputBytes = work[0] === undefined ? 0 : work[0].activationBytes - work[0].outputBytes;
  const segments = segmentsOf(placement).map((segment, k, all): SegmentCost => {
    const previous = all[k - 1];
    const handOverBytes = previous === undefined ? inputBytes : outputBytesOf(previous, work);
    const crossing = previous === undefined ? segment.device !== 'cpu' : previous.device !== segment.device;
    return {
      device: segment.device,
      layers: segment.layers,
      computeUs: hardware.units[segment.device].partitionOverheadUs + segment.layers.reduce((n, i) => n + (layerUs[i] ?? 0), 0),
      transferInUs: crossing ? transferUs(hardware, handOverBytes) : 0,
    };
  });
  const last = segments.at(-1);
  const lastSegment = segmentsOf(placement).at(-1);
  const transferOutUs = last !== undefined && lastSegment !== undefined && last.device !== 'cpu' ? transferUs(hardware, outputBytesOf(lastSegment, work)) : 0;
  return { computeUnits, placement, segments, transferOutUs, layerUs, loadMs: loadMs(model, hardware, placement) };
}

function layerCostUs(hardware: IphoneHardware, device: ProbeComputeDevice, work: LayerWork | undefined): number {
  return work === undefined ? 0 : acceleratorOpUs(hardware.units[device], hardware.memoryGBps, work);
}

function outputBytesOf(segment: PlacementSegment, work: readonly LayerWork[]): number {
  const last = segment.layers.at(-1);
  return last === undefined ? 0 : (work[last]?.outputBytes ?? 0);
}

function transferUs(hardware: IphoneHardware, bytes: number): number {
  return hardware.transfer.fixedUs + bytes / (hardware.transfer.GBps * 1e3);
}

/** The model file read plus each device's preparation of its layers (the Neural Engine's is aned compiling). */
function loadMs(model: CoremlModel, hardware: IphoneHardware, placement: readonly LayerPlacement[]): number {
  const read = 3 + model.summary.fileBytes / 1e6;
  const devices = new Set(placement.map((p) => p.preferred));
  let ms = read;
  for (const device of devices) {
    const spec = hardware.units[device];
    ms += spec.initMs + spec.initPerOpMs * placement.filter((p) => p.preferred === device).length;
  }
  return ms;
}

/** MLModel.compileModel(at:), ms. */
export function compileMs(model: CoremlModel, hardware: IphoneHardware): number {
  return hardware.compile.baseMs + hardware.compile.perLayerMs * model.layers.length + model.summary.fileBytes / 2e6;
}

/** Warm, nominal-state µs of one prediction by device (compute plus the copies, counted on the CPU). */
export function busyUsByDevice(cost: CoremlPlanCost): Record<ProbeComputeDevice, number> {
  const busy: Record<ProbeComputeDevice, number> = { cpu: cost.transferOutUs, gpu: 0, neuralEngine: 0 };
  for (const s of cost.segments) {
    busy[s.device] += s.computeUs;
    busy.cpu += s.transferInUs;
  }
  return busy;
}
