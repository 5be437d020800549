// The probe protocol: how Tetherscope talks to its companion app on an iPhone.
//
// JSON Lines (one UTF-8 JSON object per "\n"-terminated line) over a TCP port the app
// listens on (PROBE_PORT), reached through usbmuxd `Connect`. Every message carries the
// protocol version `v`. The app answers one plan at a time; the host may cancel it.
//
// Times on the phone are a monotonic clock that keeps counting while the phone sleeps
// (mach_continuous_time, converted to nanoseconds), sent as decimal strings because
// nanoseconds since boot outgrow a JSON number's exact range after ~104 days.
//
// The Swift side (resources/ios-probe/) and the virtual iPhone both implement this file.
import { z } from 'zod';

export const PROBE_PROTOCOL_VERSION = 1;
export const PROBE_PORT = 47800;
/** Longest line either side accepts, bytes; a longer one is a protocol error. */
export const PROBE_MAX_LINE_BYTES = 4 * 1024 * 1024;
export const PROBE_BUNDLE_ID = 'dev.tetherscope.probe';
/** Where the host puts models inside the app's container (house_arrest VendContainer). */
export const PROBE_MODELS_DIR = '/Documents/models';

export const ProbeComputeUnits = {
  cpuOnly: 'cpuOnly',
  cpuAndGPU: 'cpuAndGPU',
  cpuAndNeuralEngine: 'cpuAndNeuralEngine',
  all: 'all',
} as const;
export type ProbeComputeUnits = (typeof ProbeComputeUnits)[keyof typeof ProbeComputeUnits];

export const ProbeThermalState = {
  nominal: 'nominal',
  fair: 'fair',
  serious: 'serious',
  critical: 'critical',
} as const;
export type ProbeThermalState = (typeof ProbeThermalState)[keyof typeof ProbeThermalState];

export const ProbeComputeDevice = { cpu: 'cpu', gpu: 'gpu', neuralEngine: 'neuralEngine' } as const;
export type ProbeComputeDevice = (typeof ProbeComputeDevice)[keyof typeof ProbeComputeDevice];

const nsString = z.string().regex(/^\d{1,20}$/, 'nanoseconds as a decimal string');
const planId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const v = z.literal(PROBE_PROTOCOL_VERSION);
const computeUnits = z.enum(['cpuOnly', 'cpuAndGPU', 'cpuAndNeuralEngine', 'all']);
const thermalState = z.enum(['nominal', 'fair', 'serious', 'critical']);
const computeDevice = z.enum(['cpu', 'gpu', 'neuralEngine']);

// ---- host → app ----

export const ProbeHostHello = z.object({ v, type: z.literal('hello'), host: z.string().max(200) });
/** Asks for the app's clock now, to map its timestamps onto the host's. */
export const ProbeClockRequest = z.object({ v, type: z.literal('clock'), hostMs: z.number() });
export const ProbePlan = z.object({
  v,
  type: z.literal('plan'),
  id: planId,
  /** Path inside the app's container, under PROBE_MODELS_DIR, named by the model's sha256. */
  modelPath: z.string().regex(/^\/Documents\/models\/[0-9a-f]{64}\.(mlmodel|mlpackage|mlmodelc)$/),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  computeUnits,
  warmup: z.number().int().min(0).max(100_000),
  runs: z.number().int().min(1).max(1_000_000),
  /**
   * Keep predicting after `runs` until this long has passed since the first timed prediction began, as
   * benchmark_model's --min_secs does (at most 1,000,000 predictions). Absent: exactly `runs`.
   */
  minDurationMs: z.number().int().min(1).max(86_400_000).optional(),
  /** Ask for MLComputePlan per-op placement (iOS 17.4+). */
  computePlan: z.boolean(),
});
export const ProbeCancel = z.object({ v, type: z.literal('cancel'), id: planId });
export const ProbeHostMessage = z.discriminatedUnion('type', [ProbeHostHello, ProbeClockRequest, ProbePlan, ProbeCancel]);
export type ProbeHostMessage = z.infer<typeof ProbeHostMessage>;
export type ProbePlan = z.infer<typeof ProbePlan>;

// ---- app → host ----

export const ProbeAppHello = z.object({
  v,
  type: z.literal('hello'),
  app: z.string(),
  appVersion: z.string(),
  /** Highest protocol version the app speaks. */
  protocol: z.number().int(),
  osVersion: z.string(),
  productType: z.string(),
  /** Whether MLComputePlan is there (iOS 17.4+). */
  computePlan: z.boolean(),
  thermalState,
  /** True only for Tetherscope's virtual iPhone. */
  virtual: z.boolean(),
});
export const ProbeClockReply = z.object({ v, type: z.literal('clock'), hostMs: z.number(), tNs: nsString });
export const ProbeCompiled = z.object({ v, type: z.literal('compiled'), id: planId, compileMs: z.number().nonnegative() });
export const ProbeLoaded = z.object({ v, type: z.literal('loaded'), id: planId, loadMs: z.number().nonnegative() });
export const ProbeOp = z.object({
  name: z.string(),
  /** MLModelStructure operatorName (ML Program) or layer type (neural network). */
  opType: z.string(),
  preferred: computeDevice.nullable(),
  supported: z.array(computeDevice),
  /** MLComputePlan.Cost.weight, 0..1, when known. */
  weight: z.number().min(0).max(1).nullable(),
});
export const ProbeComputePlan = z.object({
  v,
  type: z.literal('compute-plan'),
  id: planId,
  ops: z.array(ProbeOp).nullable(),
  /** Why there is no per-op placement, in plain words, when ops is null. */
  unavailable: z.string().nullable(),
});
/** Predictions arrive in batches: index of the first, then start times and durations. */
export const ProbePredictions = z.object({
  v,
  type: z.literal('predictions'),
  id: planId,
  first: z.number().int().nonnegative(),
  warmup: z.boolean(),
  startNs: z.array(nsString),
  durNs: z.array(z.number().int().nonnegative()),
});
export const ProbeThermal = z.object({ v, type: z.literal('thermal'), state: thermalState, tNs: nsString });
export const ProbeDone = z.object({
  v,
  type: z.literal('done'),
  id: planId,
  predictions: z.number().int().nonnegative(),
  warmup: z.number().int().nonnegative(),
  cancelled: z.boolean(),
});
export const ProbeError = z.object({
  v,
  type: z.literal('error'),
  /** The plan it belongs to, or null for a connection-level error. */
  id: planId.nullable(),
  code: z.enum(['bad-message', 'unsupported-version', 'model-missing', 'compile-failed', 'load-failed', 'predict-failed', 'busy']),
  message: z.string(),
});
export const ProbeAppMessage = z.discriminatedUnion('type', [
  ProbeAppHello,
  ProbeClockReply,
  ProbeCompiled,
  ProbeLoaded,
  ProbeComputePlan,
  ProbePredictions,
  ProbeThermal,
  ProbeDone,
  ProbeError,
]);
export type ProbeAppMessage = z.infer<typeof ProbeAppMessage>;
export type ProbeOp = z.infer<typeof ProbeOp>;
