import type { TfliteBuffer, TfliteModelSummary, TfliteSubgraph } from './model.js';

export function summarizeTfliteModel(
  subgraphs: readonly TfliteSubgraph[],
  buffers: readonly TfliteBuffer[],
  fileBytes: number,
): TfliteModelSummary {
  const counts = new Map<string, number>();
  const weightBuffers = new Set<number>();
  let operatorCount = 0;
  let tensorCount = 0;
  let parameterCount = 0;
  for (const subgraph of subgraphs) {
    operatorCount += subgraph.operators.length;
    tensorCount += subgraph.tensors.length;
    for (const op of subgraph.operators) counts.set(op.opName, (counts.get(op.opName) ?? 0) + 1);
    for (const tensor of subgraph.tensors) {
      if (!tensor.isConstant) continue;
      weightBuffers.add(tensor.buffer);
      parameterCount += tensor.shape.reduce((n, d) => n * Math.max(d, 0), 1);
    }
  }
  let parameterBytes = 0;
  for (const index of weightBuffers) parameterBytes += buffers[index]?.size ?? 0;
  const opCounts = Object.fromEntries([...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
  return {
    fileBytes,
    subgraphCount: subgraphs.length,
    operatorCount,
    tensorCount,
    opCounts,
    parameterBytes,
    parameterCount,
  };
}
