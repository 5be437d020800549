// What really happened on the virtual iPhone, for tests to hold Tetherscope's measurements against: every
// prediction's true begin, end, latency, device times and energy, the true power over any window, and, per
// model and compute-units value, the true placement and the expected energy of one warm prediction. Nothing on
// the phone side reads this; only the host side of a test does.
import type { CoremlModel } from '../../../../shared/formats/coreml/model.js';
import type { ProbeComputeDevice, ProbeComputeUnits, ProbeThermalState } from '../../../../shared/ios-probe/probe-protocol.js';
import type { PowerTimeline } from '../../virtual/model/power-timeline.js';
import { busyUsByDevice, planCost } from './cost.js';
import type { IphoneHardware } from './iphone-spec.js';
import type { LayerPlacement } from './placement.js';

export interface TruePrediction {
  readonly planId: string;
  readonly computeUnits: ProbeComputeUnits;
  readonly kind: 'warmup' | 'regular';
  /** 0-based within its kind and plan. */
  readonly index: number;
  /** The phone's monotonic clock, ns. */
  readonly beginNs: bigint;
  readonly endNs: bigint;
  readonly latencyUs: number;
  readonly thermalState: ProbeThermalState;
  /** µs each device was busy (copies count on the CPU). */
  readonly busyUs: Readonly<Record<ProbeComputeDevice, number>>;
  /** Energy the compute devices drew for it above the phone's idle and the app's own draw, J. */
  readonly energyJ: number;
}

const MAX_KEPT = 1_000_000;

export class IphoneGroundTruth {
  readonly #predictions: TruePrediction[] = [];

  constructor(
    private readonly hardware: IphoneHardware,
    private readonly timeline: PowerTimeline,
    private readonly catchUp: () => void,
  ) {}

  /** @internal The device model records each prediction as it schedules it. */
  record(prediction: TruePrediction): void {
    this.#predictions.push(prediction);
    if (this.#predictions.length > MAX_KEPT) this.#predictions.splice(0, MAX_KEPT / 2);
  }

  predictions(filter: { readonly planId?: string; readonly kind?: 'warmup' | 'regular' } = {}): readonly TruePrediction[] {
    return this.#predictions.filter((p) => (filter.planId === undefined || p.planId === filter.planId) && (filter.kind === undefined || p.kind === filter.kind));
  }

  /** Where each layer truly runs for this configuration. */
  placement(model: CoremlModel, computeUnits: ProbeComputeUnits): readonly LayerPlacement[] {
    return planCost(model, this.hardware, computeUnits).placement;
  }

  /** Layers that leave the Neural Engine although the configuration allows it. */
  neuralEngineFallbacks(model: CoremlModel, computeUnits: ProbeComputeUnits): readonly LayerPlacement[] {
    return this.placement(model, computeUnits).filter((p) => p.preferred !== 'neuralEngine');
  }

  /** Expected energy of one warm prediction in the nominal thermal state, above idle and app draw, J. */
  energyPerPredictionJ(model: CoremlModel, computeUnits: ProbeComputeUnits): number {
    const busy = busyUsByDevice(planCost(model, this.hardware, computeUnits));
    return (Object.keys(busy) as ProbeComputeDevice[]).reduce((j, d) => j + (busy[d] / 1e6) * this.hardware.units[d].activePowerW, 0);
  }

  /** Expected latency of one warm prediction in the nominal thermal state, µs. */
  latencyUs(model: CoremlModel, computeUnits: ProbeComputeUnits): number {
    const busy = busyUsByDevice(planCost(model, this.hardware, computeUnits));
    return busy.cpu + busy.gpu + busy.neuralEngine;
  }

  /** True energy the whole phone drew (not what its battery gauge says) over [from, to] on the phone's clock, J. */
  energyJ(fromNs: bigint, toNs: bigint): number {
    this.catchUp();
    return this.timeline.energyJ(Number(fromNs), Number(toNs));
  }

  averagePowerW(fromNs: bigint, toNs: bigint): number {
    const seconds = Number(toNs - fromNs) / 1e9;
    return seconds > 0 ? this.energyJ(fromNs, toNs) / seconds : 0;
  }

  powerAtW(tNs: bigint): number | null {
    this.catchUp();
    return this.timeline.powerAt(Number(tNs));
  }
}
