// ONNX Runtime's `-p` profile: a JSON array of Chrome-trace "X" events (benchmark-tools.md
// §7.4). A file cut short (the run was killed, the pull stopped) still yields its whole events.
import type { OrtProfileResult, OrtProviderShare } from '../../../shared/tool-output/ort.js';
import type { UnknownResult } from '../../../shared/tool-output/unknown.js';
import { guarded, unknownResult } from '../../parsing/unknown.js';

interface TraceEvent {
  readonly cat: string | null;
  readonly name: string;
  readonly dur: number | null;
  readonly provider: string | null;
}

const KERNEL_SUFFIX = '_kernel_time';
/** Event names only ONNX Runtime's profiler writes. */
const ORT_SESSION_EVENTS = new Set(['model_run', 'session_initialization', 'model_loading_uri', 'model_loading_array', 'SequentialExecutor::Execute']);

export function parseOrtProfile(text: string): OrtProfileResult | UnknownResult {
  return guarded(() => {
    const trimmed = text.trim();
    if (!trimmed.startsWith('[') && !trimmed.startsWith('{')) {
      return unknownResult('This text is not JSON, so it is not an ONNX Runtime profile.');
    }
    const { values, truncated } = readJsonEvents(trimmed);
    const events = values.map(toTraceEvent).filter((e): e is TraceEvent => e !== null);
    if (!events.some(isOrtEvent)) {
      return unknownResult('This JSON holds no ONNX Runtime profiling events (model_run, session_initialization, *_kernel_time).');
    }
    return summarise(events, truncated);
  });
}

function readJsonEvents(text: string): { values: unknown[]; truncated: boolean } {
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed)) return { values: parsed, truncated: false };
    if (isRecord(parsed) && Array.isArray(parsed['traceEvents'])) {
      return { values: parsed['traceEvents'] as unknown[], truncated: false };
    }
    return { values: [], truncated: false };
  } catch {
    // Events sit in the top-level array, or in `traceEvents` of a wrapping object.
    return { values: wholeObjectsIn(text, text.startsWith('[') ? 2 : 3), truncated: true };
  }
}

/** The complete `{…}` values opened at `depth`, found by scanning brackets outside strings. */
function wholeObjectsIn(text: string, eventDepth: number): unknown[] {
  const objects: unknown[] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      depth++;
      if (c === '{' && depth === eventDepth) start = i;
    } else if (c === '}' || c === ']') {
      if (c === '}' && depth === eventDepth && start >= 0) {
        try {
          objects.push(JSON.parse(text.slice(start, i + 1)));
        } catch {
          // A malformed event is skipped; the others still count.
        }
        start = -1;
      }
      depth = Math.max(0, depth - 1);
    }
  }
  return objects;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function toTraceEvent(value: unknown): TraceEvent | null {
  if (!isRecord(value) || typeof value['name'] !== 'string') return null;
  const args = isRecord(value['args']) ? value['args'] : {};
  const dur = value['dur'];
  return {
    cat: stringOrNull(value['cat']),
    name: value['name'],
    dur: typeof dur === 'number' && Number.isFinite(dur) ? dur : null,
    provider: stringOrNull(args['provider']),
  };
}

function isOrtEvent(event: TraceEvent): boolean {
  return ORT_SESSION_EVENTS.has(event.name) || (event.cat === 'Node' && event.name.endsWith(KERNEL_SUFFIX));
}

function summarise(events: readonly TraceEvent[], truncated: boolean): OrtProfileResult {
  const runs = events.filter((e) => e.name === 'model_run');
  const kernels = events.filter((e) => e.cat === 'Node' && e.name.endsWith(KERNEL_SUFFIX));
  const nodes = new Set<string>();
  const byProvider = new Map<string, { nodes: Set<string>; kernelTimeUs: number }>();
  for (const kernel of kernels) {
    const node = kernel.name.slice(0, -KERNEL_SUFFIX.length);
    nodes.add(node);
    if (kernel.provider === null) continue;
    const share = byProvider.get(kernel.provider) ?? { nodes: new Set<string>(), kernelTimeUs: 0 };
    share.nodes.add(node);
    share.kernelTimeUs += kernel.dur ?? 0;
    byProvider.set(kernel.provider, share);
  }
  // ORT 0.4 wrote no node names (every event is just `_kernel_time`): count events per run.
  const unnamed = nodes.size === 1 && nodes.has('');
  const nodeCount = unnamed ? Math.round(kernels.length / Math.max(runs.length, 1)) : nodes.size;
  const breakdown: OrtProviderShare[] = [...byProvider].map(([provider, share]) => ({
    provider,
    node_count: share.nodes.size,
    kernel_time_us: share.kernelTimeUs,
  }));
  const durationOf = (...names: string[]): number | null => events.find((e) => names.includes(e.name))?.dur ?? null;
  return {
    kind: 'ort_profile',
    node_count: nodeCount,
    providers: breakdown.map((share) => share.provider),
    provider_breakdown: breakdown,
    runs: runs.length,
    run_durations_us: runs.flatMap((run) => (run.dur === null ? [] : [run.dur])),
    model_loading_us: durationOf('model_loading_uri', 'model_loading_array'),
    session_initialization_us: durationOf('session_initialization'),
    event_count: events.length,
    truncated,
  };
}
