// Fallback ops from MLComputePlan: under a path that targets the Neural Engine (or the GPU),
// an op whose preferred device is another one has fallen back. MLComputePlan gives no
// reasons, only where an op may run, so the reason says which of the two cases it is.
import type { FallbackOp } from '../../../shared/session/records.js';
import type { ProbeComputeDevice, ProbeOp } from '../../../shared/ios-probe/probe-protocol.js';
import { COMPUTE_DEVICE_WORDS } from './compute-units.js';

export function fallbackOpsFromPlan(ops: readonly ProbeOp[], target: ProbeComputeDevice): FallbackOp[] {
  if (target === 'cpu') return [];
  const byKey = new Map<string, FallbackOp & { weightSum: number; weighed: boolean }>();
  const targetWords = COMPUTE_DEVICE_WORDS[target];
  for (const op of ops) {
    if (op.preferred === target || op.preferred === null) continue;
    const ranOn = COMPUTE_DEVICE_WORDS[op.preferred];
    const reason = op.supported.includes(target)
      ? `Core ML preferred the ${ranOn} for it although the ${targetWords} supports it (MLComputePlan).`
      : `The ${targetWords} does not support it (MLComputePlan lists only ${op.supported.map((d) => COMPUTE_DEVICE_WORDS[d]).join(', ') || 'no device'}).`;
    const key = `${op.opType}|${ranOn}|${reason}`;
    const known = byKey.get(key);
    if (known) {
      known.count++;
      known.weightSum += op.weight ?? 0;
      known.weighed &&= op.weight !== null;
    } else byKey.set(key, { opType: op.opType, count: 1, ranOn, reason, timeShare: null, weightSum: op.weight ?? 0, weighed: op.weight !== null });
  }
  return [...byKey.values()].map(({ weightSum, weighed, ...f }) => ({ ...f, timeShare: weighed ? Math.round(weightSum * 10_000) / 10_000 : null }));
}

/** Ops placed on the target, of all ops: the Core ML counterpart of "N of M nodes delegated". */
export function placementSummary(ops: readonly ProbeOp[], target: ProbeComputeDevice): { onTarget: number; total: number } {
  return { onTarget: ops.filter((o) => o.preferred === target).length, total: ops.length };
}
