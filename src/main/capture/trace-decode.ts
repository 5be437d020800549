// Decodes the phone's trace of one traced pass into its inferences, and says in words what
// went wrong when it cannot.
import { readPerfettoTrace } from '../../shared/formats/perfetto/reader.js';
import { extractTfliteSlices } from '../../shared/formats/perfetto/tflite-slices.js';
import type { InvokeSlice } from './trace-points.js';

export interface DecodedInvokes {
  invokes: InvokeSlice[];
  /** Why there are no inferences, when there are none. */
  problem: string | null;
}

export function invokesFromTrace(bytes: Uint8Array): DecodedInvokes {
  if (bytes.length === 0) return { invokes: [], problem: 'The phone wrote an empty trace, so this path has no per-inference points; the averages are kept.' };
  let trace;
  try {
    trace = readPerfettoTrace(bytes);
  } catch (error) {
    return { invokes: [], problem: `The phone's trace could not be read (${error instanceof Error ? error.message : String(error)}); the averages are kept.` };
  }
  const slices = extractTfliteSlices(trace);
  const invokes = slices.invokes.map((s) => ({ startNs: BigInt(s.begin), durNs: BigInt(s.end) - BigInt(s.begin) }));
  return {
    invokes,
    problem:
      invokes.length === 0
        ? 'The trace held no TFLite inference slices: Android did not let the tool emit them, so this path has no per-inference points; the averages are kept.'
        : null,
  };
}
