// TFLite's ATrace slices out of a decoded device trace (perfetto.md §1.5, §3.4). With debug.tflite.trace=1 the
// interpreter brackets every Invoke and every op in `B|tgid|<tag>@<a>/<b>` … `E|tgid` prints:
// `Invoke@<…>/<subgraph>` per inference, `<OP_NAME>@<node_index>/<subgraph_index>` per op, nested on the thread.
// Prints are paired per thread (the ftrace pid) in time order, after moving every bundle to the boot clock.
// Unbalanced prints are expected (tracing starts and stops mid-slice, §4) and only counted.
import type { DeviceTimeNs } from '../../units.js';
import { parseAtrace } from './atrace.js';
import type { PerfettoTrace } from './trace-types.js';

export interface TfliteTraceSlice {
  /** As written to the trace, e.g. `CONV_2D@3/0`. */
  readonly name: string;
  /** The part before `@`: `Invoke`, an op name (`CONV_2D`), a delegate kernel (`TfLiteGpuDelegateV2`), … */
  readonly tag: string;
  /** First number after `@`: the node index for op slices. */
  readonly nodeIndex: number;
  /** Second number: the subgraph index. */
  readonly subgraphIndex: number;
  readonly kind: 'invoke' | 'op' | 'other';
  /** Thread that ran it (FtraceEvent.pid). */
  readonly tid: number;
  /** Process, from the ATrace text. */
  readonly tgid: number;
  readonly begin: DeviceTimeNs;
  readonly end: DeviceTimeNs;
  /** Nesting depth on its thread, counting every open ATrace slice (0 = outermost). */
  readonly depth: number;
  /** For op slices, the index in `invokes` of the inference they ran in; null otherwise. */
  readonly invoke: number | null;
}

export interface TfliteTraceSlices {
  /** One per inference: outermost `Invoke@…` slices, by begin time. */
  readonly invokes: readonly TfliteTraceSlice[];
  /** Slices inside an Invoke (ops, delegate kernels, nested subgraph invokes), by begin time. */
  readonly ops: readonly TfliteTraceSlice[];
  /** TFLite-named slices outside any Invoke (AllocateTensors, ModifyGraphWithDelegate, …). */
  readonly other: readonly TfliteTraceSlice[];
  /** `E` prints with nothing open: tracing started mid-slice (tolerated, §4). */
  readonly unmatchedEnds: number;
  /** `B` prints never closed: tracing stopped mid-slice. */
  readonly unclosedBegins: number;
  /** Prints whose bundle's clock could not be moved to BOOTTIME (kept on their own clock). */
  readonly unalignedEvents: number;
}

export interface TfliteSliceOptions {
  /** Keep only this process (the benchmark's tgid). */
  readonly tgid?: number;
}

const TFLITE_NAME = /^(.*)@(-?\d+)\/(-?\d+)$/;

interface Print {
  readonly ts: bigint;
  readonly tid: number;
  readonly buf: string;
  readonly order: number;
}

interface Open {
  readonly name: string;
  readonly tgid: number;
  readonly begin: bigint;
  /** Sequence number of the enclosing (or own) outermost Invoke, or null outside any. */
  readonly invokeSeq: number | null;
}

interface Closed {
  readonly slice: Omit<TfliteTraceSlice, 'invoke' | 'kind'>;
  readonly invokeSeq: number | null;
  readonly isInvoke: boolean;
}

export function extractTfliteSlices(trace: PerfettoTrace, options: TfliteSliceOptions = {}): TfliteTraceSlices {
  const { prints, unaligned } = collectPrints(trace);
  prints.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : a.order - b.order));

  const stacks = new Map<number, Open[]>();
  const closed: Closed[] = [];
  let unmatchedEnds = 0;
  let invokeCount = 0;
  for (const print of prints) {
    const event = parseAtrace(print.buf);
    if (event === null) continue;
    let stack = stacks.get(print.tid);
    if (stack === undefined) stacks.set(print.tid, (stack = []));
    if (event.phase === 'B') {
      const parent = stack.at(-1)?.invokeSeq ?? null;
      const starts = parent === null && tagOf(event.name) === 'Invoke';
      stack.push({ name: event.name, tgid: event.tgid, begin: print.ts, invokeSeq: starts ? invokeCount++ : parent });
    } else if (event.phase === 'E') {
      const open = stack.pop();
      if (open === undefined) {
        unmatchedEnds++;
        continue;
      }
      const match = TFLITE_NAME.exec(open.name);
      if (match === null || (options.tgid !== undefined && open.tgid !== options.tgid)) continue;
      const parentSeq = stack.at(-1)?.invokeSeq ?? null;
      closed.push({
        slice: {
          name: open.name,
          tag: match[1] ?? '',
          nodeIndex: Number(match[2]),
          subgraphIndex: Number(match[3]),
          tid: print.tid,
          tgid: open.tgid,
          begin: open.begin as DeviceTimeNs,
          end: print.ts as DeviceTimeNs,
          depth: stack.length,
        },
        invokeSeq: open.invokeSeq,
        isInvoke: open.invokeSeq !== null && parentSeq === null,
      });
    }
  }

  const invokeClosed = closed.filter((c) => c.isInvoke).sort((a, b) => byBegin(a.slice, b.slice));
  const invokeIndex = new Map<number, number>(invokeClosed.map((c, i) => [c.invokeSeq ?? -1, i]));
  const invokes = invokeClosed.map((c): TfliteTraceSlice => ({ ...c.slice, kind: 'invoke', invoke: null }));
  const ops: TfliteTraceSlice[] = [];
  const other: TfliteTraceSlice[] = [];
  for (const c of closed) {
    if (c.isInvoke) continue;
    if (c.invokeSeq === null) other.push({ ...c.slice, kind: 'other', invoke: null });
    else ops.push({ ...c.slice, kind: 'op', invoke: invokeIndex.get(c.invokeSeq) ?? null });
  }
  let unclosedBegins = 0;
  for (const stack of stacks.values()) unclosedBegins += stack.length;
  return {
    invokes,
    ops: ops.sort(byBegin),
    other: other.sort(byBegin),
    unmatchedEnds,
    unclosedBegins,
    unalignedEvents: unaligned,
  };
}

function byBegin(a: { readonly begin: bigint }, b: { readonly begin: bigint }): number {
  return a.begin < b.begin ? -1 : a.begin > b.begin ? 1 : 0;
}

function tagOf(name: string): string {
  return TFLITE_NAME.exec(name)?.[1] ?? '';
}

/** Every print event, timestamps moved to BOOTTIME where the bundle says how (§1.3). */
function collectPrints(trace: PerfettoTrace): { prints: Print[]; unaligned: number } {
  const prints: Print[] = [];
  let unaligned = 0;
  for (const packet of trace.packets) {
    const bundle = packet.ftraceEvents;
    if (bundle === undefined) continue;
    let offset = 0n;
    let aligned = true;
    if (bundle.ftraceClock !== undefined && bundle.ftraceClock !== 0) {
      if (bundle.ftraceTimestamp !== undefined && bundle.bootTimestamp !== undefined) {
        offset = bundle.bootTimestamp - bundle.ftraceTimestamp;
      } else aligned = false;
    }
    for (const event of bundle.events) {
      if (event.print === undefined || event.timestamp === undefined || event.pid === undefined) continue;
      if (!aligned) unaligned++;
      prints.push({ ts: event.timestamp + offset, tid: event.pid, buf: event.print.buf, order: prints.length });
    }
  }
  return { prints, unaligned };
}
