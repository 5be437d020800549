// How TFLite splits a graph into delegated and CPU partitions (LiteRT tflite/graph_info.cc,
// PartitionGraphIntoIndependentNodeSubsets): walking in execution order, it greedily grows a subset of one kind
// (supported or not) with every node of that kind whose inputs are ready, then switches kind. Delegates then keep
// the largest N supported subsets (tflite/delegates/utils.cc GetFirstNLargestPartitions).
import type { TfliteSubgraph } from './model.js';

export interface TflitePartition {
  readonly supported: boolean;
  /** Node indices in execution order. */
  readonly nodes: readonly number[];
}

export function partitionTfliteGraph(subgraph: TfliteSubgraph, supported: readonly boolean[]): TflitePartition[] {
  const ready = new Set<number>(subgraph.inputs);
  subgraph.tensors.forEach((t) => {
    if (t.isConstant || t.isVariable) ready.add(t.index);
  });
  const remaining = subgraph.operators.map((op) => op.index);
  const isReady = (node: number) => (subgraph.operators[node]?.inputs ?? []).every((i) => i < 0 || ready.has(i));
  const partitions: TflitePartition[] = [];
  let kind = supported[remaining.find(isReady) ?? remaining[0] ?? 0] === true;
  let stalled = 0;
  while (remaining.length > 0) {
    const nodes: number[] = [];
    for (let progress = true; progress; ) {
      progress = false;
      for (let i = 0; i < remaining.length; i++) {
        const node = remaining[i] ?? -1;
        if ((supported[node] === true) !== kind || !isReady(node)) continue;
        nodes.push(node);
        for (const out of subgraph.operators[node]?.outputs ?? []) ready.add(out);
        remaining.splice(i--, 1);
        progress = true;
      }
    }
    if (nodes.length > 0) {
      partitions.push({ supported: kind, nodes: nodes.sort((a, b) => a - b) });
      stalled = 0;
    } else if (++stalled > 1) {
      // Inputs never produced (a malformed graph): put the rest in one CPU partition rather than loop.
      partitions.push({ supported: false, nodes: remaining.splice(0) });
    }
    kind = !kind;
  }
  return partitions;
}

/** The partitions a delegate takes: the `max` largest supported ones (ties: earlier first). */
export function largestSupportedPartitions(partitions: readonly TflitePartition[], max: number): TflitePartition[] {
  return partitions
    .filter((p) => p.supported)
    .map((p, order) => ({ p, order }))
    .sort((a, b) => b.p.nodes.length - a.p.nodes.length || a.order - b.order)
    .slice(0, max)
    .map(({ p }) => p);
}
