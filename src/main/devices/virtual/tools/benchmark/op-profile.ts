// The op-profiling tables of `--enable_op_profiling=true` in the current LiteRT layout (benchmark-tools.md §2.7
// (c)): tab-separated, node type right-aligned in 40 columns, no [start] column; Run Order, Top by Computation
// Time (10 rows), Summary by node type, then the profiled runs' timings.
import { RunStats } from './run-stats.js';

export interface ProfiledNode {
  /** Op type or delegate kernel name. */
  readonly type: string;
  /** `[outputs]:index`. */
  readonly name: string;
  readonly firstMs: number;
  readonly avgMs: number;
  readonly memKb: number;
  readonly timesCalled: number;
}

const TYPE_WIDTH = 40;
const title = (text: string): string => `${'='.repeat(30)} ${text} ${'='.repeat(30)}`;
const ms = (value: number, width: number): string => value.toFixed(3).padStart(width);
const pct = (value: number, width: number): string => `${value.toFixed(3).padStart(width)}%`;

const HEADER = [
  '',
  '[node type]'.padStart(TYPE_WIDTH),
  '[first]'.padStart(9),
  '[avg ms]'.padStart(9),
  '[%]'.padStart(8),
  '[cdf%]'.padStart(8),
  '[mem KB]'.padStart(10),
  '[times called]'.padStart(9),
  '[Name]',
].join('\t');

const SUMMARY_HEADER = [
  '',
  '[Node type]'.padStart(TYPE_WIDTH),
  '[count]'.padStart(9),
  '[avg ms]'.padStart(10),
  '[avg %]'.padStart(11),
  '[cdf %]'.padStart(11),
  '[mem KB]'.padStart(10),
  '[times called]'.padStart(10),
].join('\t');

function rows(nodes: readonly ProfiledNode[], total: number): string[] {
  let cdf = 0;
  return nodes.map((n) => {
    const share = total > 0 ? (n.avgMs / total) * 100 : 0;
    cdf += share;
    return ['', n.type.padStart(TYPE_WIDTH), ms(n.firstMs, 9), ms(n.avgMs, 9), pct(share, 7), pct(Math.min(cdf, 100), 7), ms(n.memKb, 10), String(n.timesCalled).padStart(9), n.name].join('\t');
  });
}

function summary(nodes: readonly ProfiledNode[], total: number): string[] {
  const byType = new Map<string, { count: number; avg: number; mem: number; times: number }>();
  for (const n of nodes) {
    const t = byType.get(n.type) ?? { count: 0, avg: 0, mem: 0, times: 0 };
    t.count++;
    t.avg += n.avgMs;
    t.mem += n.memKb;
    t.times += n.timesCalled;
    byType.set(n.type, t);
  }
  let cdf = 0;
  return [...byType]
    .sort((a, b) => b[1].avg - a[1].avg)
    .map(([type, t]) => {
      const share = total > 0 ? (t.avg / total) * 100 : 0;
      cdf += share;
      return ['', type.padStart(TYPE_WIDTH), String(t.count).padStart(9), ms(t.avg, 10), pct(share, 10), pct(Math.min(cdf, 100), 10), ms(t.mem, 10), String(t.times).padStart(9)].join('\t');
    });
}

/** One profile block (one graph's tables and timings) as the lines of a single log message. */
export function profileBlock(heading: string, nodes: readonly ProfiledNode[], runs: RunStats): string {
  const total = nodes.reduce((s, n) => s + n.avgMs, 0);
  const top = [...nodes].sort((a, b) => b.avgMs - a.avgMs).slice(0, 10);
  return [
    `${heading}:`,
    title('Run Order'),
    HEADER,
    ...rows(nodes, total),
    '',
    title('Top by Computation Time'),
    HEADER,
    ...rows(top, total),
    '',
    `Number of nodes executed: ${nodes.length}`,
    title('Summary by node type'),
    SUMMARY_HEADER,
    ...summary(nodes, total),
    '',
    `Timings (microseconds): ${runs.format()}`,
    'Memory (bytes): count=0',
    `${nodes.length} nodes observed`,
    '',
    '',
  ].join('\n');
}

/** Per-step timing of the profiled (regular) runs. */
export class StepProfile {
  readonly #first: number[];
  readonly #sum: number[];
  #runs = 0;
  readonly runs = new RunStats();

  constructor(steps: number) {
    this.#first = new Array<number>(steps).fill(0);
    this.#sum = new Array<number>(steps).fill(0);
  }

  add(stepUs: readonly number[], totalUs: number): void {
    stepUs.forEach((us, i) => {
      if (this.#runs === 0) this.#first[i] = us;
      this.#sum[i] = (this.#sum[i] ?? 0) + us;
    });
    this.#runs++;
    this.runs.add(totalUs);
  }

  firstMs(step: number): number {
    return (this.#first[step] ?? 0) / 1000;
  }

  avgMs(step: number): number {
    return this.#runs === 0 ? 0 : (this.#sum[step] ?? 0) / this.#runs / 1000;
  }
}
