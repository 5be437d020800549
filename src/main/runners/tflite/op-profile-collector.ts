// Follows the op-profiling section (benchmark-tools.md §2.7) line by line and keeps the
// regular runs' primary-graph tables: init sections, subgraphs and delegate-internal
// blocks are read past, not kept.
import type { OpProfileEntry, OpProfileLayout, RunStats } from '../../../shared/tool-output/benchmark-model.js';
import { BenchmarkLine } from './benchmark-model-lines.js';
import { parseTableHeader, parseTableRow, type TableHeader } from './op-profile-table.js';
import { parseCountLine } from './run-stats.js';

type ProfileTable = 'run_order' | 'summary' | 'other';

const TABLE_BY_TITLE: Readonly<Record<string, ProfileTable>> = {
  'Run Order': 'run_order',
  'Summary by node type': 'summary',
};

/** Pseudo-ops of the initialization profile. */
export const INIT_ONLY_NODE_TYPES: ReadonlySet<string> = new Set(['ModifyGraphWithDelegate', 'AllocateTensors']);

export interface OpProfile {
  readonly entries: readonly OpProfileEntry[];
  readonly source: 'summary_by_node_type' | 'run_order' | null;
  readonly layout: OpProfileLayout | null;
  readonly profiledRuns: RunStats | null;
  /** One row per node when the Run Order was printed, else the node-type summary. */
  readonly rowsForPlacement: readonly OpProfileEntry[];
  readonly rowsAreNodes: boolean;
}

export class OpProfileCollector {
  #section: 'init' | 'regular' | null = null;
  #inPrimaryGraph = true;
  #table: ProfileTable | null = null;
  #header: TableHeader | null = null;
  #runOrder: OpProfileEntry[] = [];
  #summary: OpProfileEntry[] = [];
  #runOrderLayout: OpProfileLayout | null = null;
  #summaryLayout: OpProfileLayout | null = null;
  #profiledRuns: RunStats | null = null;

  get inTable(): boolean {
    return this.#table !== null;
  }

  /** Inside a table: returns true when the line was its header, a row or the blank line ending it. */
  tableLine(text: string): boolean {
    if (text.trim() === '') {
      this.#table = null;
      this.#header = null;
      return true;
    }
    if (this.#header === null) {
      this.#header = parseTableHeader(text);
      return this.#header !== null;
    }
    const row = parseTableRow(text, this.#header);
    if (row === null) return false;
    // Init rows stay out even when a paste lost the "Profiling Info for Benchmark Initialization" line.
    if (this.#section === 'init' || !this.#inPrimaryGraph || INIT_ONLY_NODE_TYPES.has(row.node_type)) return true;
    if (this.#table === 'run_order') {
      this.#runOrder.push(row);
      this.#runOrderLayout ??= this.#header.layout;
    } else if (this.#table === 'summary') {
      this.#summary.push(row);
      this.#summaryLayout ??= this.#header.layout;
    }
    return true;
  }

  /** Returns true when the line was one of the section's own lines (titles, summaries). */
  line(text: string): boolean {
    let m: RegExpExecArray | null;
    if ((m = BenchmarkLine.profileTitle.exec(text))) {
      this.#table = TABLE_BY_TITLE[m[1] ?? ''] ?? 'other';
      this.#header = null;
      return true;
    }
    if ((m = BenchmarkLine.profileSection.exec(text))) {
      this.#section = m[1]?.startsWith('Operator-wise') === true ? 'regular' : 'init';
      this.#inPrimaryGraph = true;
      this.#table = null;
      if (this.#section === 'regular') {
        this.#runOrder = [];
        this.#summary = [];
        this.#profiledRuns = null;
      }
      return true;
    }
    if ((m = BenchmarkLine.profileGraph.exec(text))) {
      this.#inPrimaryGraph = m[1] !== undefined;
      return true;
    }
    if (BenchmarkLine.profileDelegateInternal.test(text)) {
      this.#inPrimaryGraph = false;
      return true;
    }
    if ((m = BenchmarkLine.profileTimings.exec(text))) {
      const stats = parseCountLine(m[2] ?? '');
      if (stats && m[1] === undefined && this.#inPrimaryGraph && this.#section !== 'init') this.#profiledRuns = stats;
      return stats !== null;
    }
    return /^Number of nodes executed: \d+$/.test(text) || /^Memory \(bytes\): count=/.test(text) || /^\d+ nodes observed$/.test(text);
  }

  profile(): OpProfile {
    const fromSummary = this.#summary.length > 0;
    const entries = fromSummary ? this.#summary : this.#runOrder;
    const rowsAreNodes = this.#runOrder.length > 0;
    return {
      entries: [...entries],
      source: fromSummary ? 'summary_by_node_type' : this.#runOrder.length > 0 ? 'run_order' : null,
      layout: entries.length > 0 ? (this.#runOrderLayout ?? this.#summaryLayout) : null,
      profiledRuns: this.#profiledRuns,
      rowsForPlacement: rowsAreNodes ? [...this.#runOrder] : [...this.#summary],
      rowsAreNodes,
    };
  }
}
