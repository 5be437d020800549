// The phone's main log buffer (logd): entries with their wall time, pid, tid, priority and tag, bounded like
// logd's ring, with listeners for `logcat` streaming. A multi-line message is one entry per line, as logcat
// prints it.
import type { Disposer } from '../../adb/disposable.js';
import { Emitter } from '../../adb/disposable.js';

export const LogPriority = { Verbose: 'V', Debug: 'D', Info: 'I', Warn: 'W', Error: 'E', Fatal: 'F' } as const;
export type LogPriority = (typeof LogPriority)[keyof typeof LogPriority];

export interface LogEntry {
  /** Epoch ms (the phone's wall clock). */
  readonly timeMs: number;
  readonly pid: number;
  readonly tid: number;
  readonly priority: LogPriority;
  readonly tag: string;
  readonly message: string;
  /** Order of arrival: entries with equal times keep it. */
  readonly seq: number;
}

const MAX_ENTRIES = 20_000;

export class LogBuffer {
  readonly #entries: LogEntry[] = [];
  readonly #added = new Emitter<LogEntry>();
  #seq = 0;

  constructor(private readonly now: () => number) {}

  log(entry: { pid: number; tid?: number; priority: LogPriority; tag: string; message: string }): void {
    const timeMs = this.now();
    for (const line of entry.message.split('\n')) {
      const added: LogEntry = { timeMs, pid: entry.pid, tid: entry.tid ?? entry.pid, priority: entry.priority, tag: entry.tag, message: line, seq: this.#seq++ };
      this.#entries.push(added);
      this.#added.emit(added);
    }
    if (this.#entries.length > MAX_ENTRIES) this.#entries.splice(0, this.#entries.length - MAX_ENTRIES);
  }

  entries(): readonly LogEntry[] {
    return this.#entries;
  }

  clear(): void {
    this.#entries.length = 0;
  }

  onEntry(listener: (entry: LogEntry) => void): Disposer {
    return this.#added.on(listener);
  }
}
