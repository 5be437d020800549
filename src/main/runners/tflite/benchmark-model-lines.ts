// The line catalogue of benchmark_model (benchmark-tools.md §2.5, §2.6, §9), matched after
// prefixes are stripped. Optional groups cover the older wordings.
import { NUM } from '../../parsing/numbers.js';

const re = (source: string): RegExp => new RegExp(source);

export const BenchmarkLine = {
  summaryCurrent: re(
    String.raw`^Inference timings in us: Init: ${NUM}, First inference: ${NUM}, Warmup \(avg\): ${NUM}, Inference \(avg\): ${NUM}$`,
  ),
  summaryLegacy: re(String.raw`^Average inference timings in us: Warmup: ${NUM}, Init: ${NUM}, (?:no stats|Inference): ${NUM}$`),
  running: re(String.raw`^Running benchmark for at least (\d{1,15}) iterations and at least ${NUM} seconds`),
  param: /^([A-Za-z#][^:[]*?) ?: \[(.*)\]$/,
  toolVersion: /^Tensorflow Version ?: (.+)$/,
  loadedModel: /^Loaded model (.+)$/,
  modelSize: re(String.raw`^The input model file size \(MB\): ${NUM}$`),
  initSession: re(String.raw`^Initialized session in ${NUM} ?ms\.?$`),
  nnapiAccelerators: /^NNAPI accelerators available: \[(.*)\]$/,

  delegateCreated: /^(\S+) delegate created\.$/,
  runtimeDelegateCreated: /^Created TensorFlow Lite (?:delegate for (.+?)|(XNNPACK) delegate for CPU)\.$/,
  applied: /^Explicitly applied (\S+) delegate, and the model graph will be (completely|partially) executed by the delegate(?: w\/ (\d{1,15}) delegate kernels)?\.$/,
  notExecuted: /^Though (\S+) delegate is explicitly applied, the model graph will not be executed by the delegate\.$/,
  failedToApply: /^Failed to apply (\S+) delegate\.$/,
  replacing:
    /^Replacing (\d{1,15})(?: out of (\d{1,15}))? node\(s\) with delegate \((.+?)\) node, yielding (\d{1,15}) partitions(?: for the whole graph| for subgraph (\d{1,15})(?: \((.*)\))?)?\.$/,
  simpleDelegate: /^(.+?) delegate: (\d{1,15}) nodes delegated out of (\d{1,15}) nodes with (\d{1,15}) partitions\.$/,
  gpuKernels: /^Created (\d{1,15}) GPU delegate kernels\.$/,
  gpuReportHeader: /^(?:Following|Next) operations are not supported by GPU delegate:$/,
  // `CUSTOM «name»` / `DELEGATE «name»`: utils.cc appends the custom op name after a space.
  gpuReportOp: /^([A-Za-z0-9_]+(?: [A-Za-z0-9_]+)?): ?(.*)$/,
  gpuReportCount:
    /^(?:(\d{1,15}) operations will run on the GPU, and the remaining (\d{1,15}) operations will run on the CPU|No operations will run on the GPU, and all (\d{1,15}) operations will run on the CPU|First (\d{1,15}) operations will run on the GPU, and the remaining (\d{1,15}) on the CPU)\.$/,
  hexagonUnavailable: /^Could not create Hexagon delegate: /,

  memoryDelta: re(
    String.raw`^(?:Memory footprint delta from the start of the tool|Peak memory footprint) \(MB\): init=${NUM} overall=${NUM}$`,
  ),
  memoryPeak: re(String.raw`^Overall peak memory footprint \(MB\) via periodic monitoring: ${NUM}$`),

  profileSection: /^(Profiling Info for Benchmark Initialization|Operator-wise Profiling Info for Regular Benchmark Runs):$/,
  profileGraph: /^(?:(Primary graph) \(name: .*\)|Subgraph \(index: \d+, name: .*\)) (?:profile|summary):$/,
  profileDelegateInternal: /^Delegate internal:$/,
  profileTitle: /^=+ (Run Order|Top by Computation Time|Top by Memory Use|Summary by node type) =+$/,
  profileTimings: /^(Subgraph \(index: \d+, name: .*?\) )?Timings \(microseconds\): (count=.*)$/,

  // benchmark_litert_model's results block (ms).
  litertResult: re(
    String.raw`^(Model initialization|Warmup \(first\)|Warmup \(avg\)|Inference \(avg\)):\s+${NUM}(?: ms)?(?: \((\d{1,15}) runs\))?$`,
  ),
} as const;

/** Lines that mean the run, or a delegate, failed (the tool and runtime wordings). */
export const FAILURE_LINES: readonly RegExp[] = [
  /^Benchmarking failed\.$/,
  /^Failed to (?:apply \S+ delegate|allocate tensors|initialize the interpreter|load model|invoke|create|prepare)/,
  /^Disallowed CPU fallback detected\.$/,
  /^Node number \d+ \(.+?\) failed to (?:prepare|invoke)\.$/,
  /^Restored original execution plan after delegate application failure\.$/,
  /^NN API returned error /,
  /^Could not (?:create Hexagon delegate|find the specified NNAPI accelerator)/,
  /^Please specify the name of your TF Lite input file/,
  /^Signature not specified or incorrect/,
  /^Select TensorFlow op\(s\), included in the given model, is\(are\) not supported/,
  /^(?:Aborted|Segmentation fault)\b/,
];

export const BENCHMARK_FAILED = 'Benchmarking failed.';
