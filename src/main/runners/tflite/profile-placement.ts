// What the op profile says about placement: which rows are accelerator partitions and
// which op types ran on the CPU beside them (benchmark-tools.md §2.6, "Computing fallback ops").
import type { FallbackOp } from '../../../shared/tool-output/benchmark-model.js';
import { isAcceleratorNodeType } from './delegate-tracker.js';
import { INIT_ONLY_NODE_TYPES, type OpProfile } from './op-profile-collector.js';

export interface ProfiledKernel {
  readonly kernel: string;
  readonly partitions: number;
}

export interface Placement {
  readonly kernels: readonly ProfiledKernel[];
  readonly cpuOpsBeside: boolean;
}

export function placementOf(profile: OpProfile, knownKernels: ReadonlySet<string>): Placement {
  const partitions = new Map<string, number>();
  let cpuOpsBeside = false;
  for (const row of profile.rowsForPlacement) {
    if (isAcceleratorNodeType(row.node_type, knownKernels)) {
      const count = profile.rowsAreNodes ? 1 : (row.node_count ?? 1);
      partitions.set(row.node_type, (partitions.get(row.node_type) ?? 0) + count);
    } else if (!INIT_ONLY_NODE_TYPES.has(row.node_type)) {
      cpuOpsBeside = true;
    }
  }
  return { kernels: [...partitions].map(([kernel, count]) => ({ kernel, partitions: count })), cpuOpsBeside };
}

/** Op types on the CPU, when an accelerator was applied or shows in the profile. */
export function fallbackOpsOf(profile: OpProfile, knownKernels: ReadonlySet<string>, acceleratorApplied: boolean): FallbackOp[] {
  const rows = profile.rowsForPlacement;
  const onAccelerator = (nodeType: string): boolean => isAcceleratorNodeType(nodeType, knownKernels);
  if (!acceleratorApplied && !rows.some((row) => onAccelerator(row.node_type))) return [];
  const byType = new Map<string, { nodes: number; avgMs: number | null }>();
  for (const row of rows) {
    if (onAccelerator(row.node_type) || INIT_ONLY_NODE_TYPES.has(row.node_type)) continue;
    const seen = byType.get(row.node_type) ?? { nodes: 0, avgMs: 0 };
    seen.nodes += row.node_count ?? 1;
    seen.avgMs = seen.avgMs === null || row.avg_ms === null ? null : seen.avgMs + row.avg_ms;
    byType.set(row.node_type, seen);
  }
  return [...byType].map(([op, { nodes, avgMs }]) => ({ op, nodes, avg_ms: avgMs === null ? null : Math.round(avgMs * 1000) / 1000 }));
}
