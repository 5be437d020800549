// Latency noise that drifts rather than jitters independently: an AR(1) process in log-latency per compute
// unit, x ← φ·x + σ·√(1−φ²)·ε, whose spread grows with the throttling step (DVFS hunting between frequency
// levels) and whose mean rises with the die temperature; rare preemption spikes come on top.
import type { SeededRandom } from './rng.js';

export interface NoiseSpec {
  /** Correlation of consecutive inferences. */
  readonly phi: number;
  /** Stationary standard deviation of log-latency at step 0. */
  readonly sigma: number;
  /** Extra σ per throttling step. */
  readonly sigmaPerStep: number;
  /** Log-latency per °C of die temperature above 35 °C (memory and leakage slow-down). */
  readonly perDegree: number;
  /** Chance per inference of a scheduler spike, and its size range (multiplier). */
  readonly spikeChance: number;
  readonly spikeMin: number;
  readonly spikeMax: number;
}

export class Ar1Noise {
  #x = 0;

  constructor(
    readonly spec: NoiseSpec,
    private readonly rng: SeededRandom,
  ) {}

  /** The next inference's latency multiplier. */
  next(throttleStep: number, dieC: number): number {
    const s = this.spec;
    const sigma = s.sigma + s.sigmaPerStep * throttleStep;
    this.#x = s.phi * this.#x + sigma * Math.sqrt(1 - s.phi * s.phi) * this.rng.normal();
    const drift = s.perDegree * Math.max(0, dieC - 35);
    const spike = this.rng.next() < s.spikeChance ? s.spikeMin + (s.spikeMax - s.spikeMin) * this.rng.next() : 1;
    return Math.exp(this.#x + drift) * spike;
  }
}

export const CPU_NOISE: NoiseSpec = { phi: 0.92, sigma: 0.05, sigmaPerStep: 0.015, perDegree: 0.002, spikeChance: 0.01, spikeMin: 1.4, spikeMax: 3 };
export const ACCELERATOR_NOISE: NoiseSpec = { phi: 0.95, sigma: 0.025, sigmaPerStep: 0.01, perDegree: 0.001, spikeChance: 0.003, spikeMin: 1.2, spikeMax: 2 };
