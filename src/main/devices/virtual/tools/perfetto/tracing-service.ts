// The phone's traced: tracing sessions and the ATrace gate. A process's ATrace sections reach ftrace only when
// libcutils lets it trace (perfetto.md §3.4): the build is debuggable (ro.debuggable=1) or the process is a
// debuggable app, AND some session's atrace_apps names its argv[0] exactly as typed (or a `prefix*`, or `*`).
// Prints then go to every session recording ftrace/print, into its buffer (ring or discard).
import type { PhoneProperties } from '../../phone/properties.js';
import type { TraceBufferConfig, TraceConfig } from './text-config.js';

export interface AtracePrint {
  /** BOOTTIME ns. */
  readonly tsNs: number;
  readonly tid: number;
  /** As written to trace_marker, e.g. `B|4123|Invoke@0/0\n`. */
  readonly buf: string;
}

export interface TracedProcess {
  readonly pid: number;
  readonly ppid: number;
  readonly uid: number;
  readonly argv: readonly string[];
}

/** Bytes one print takes in the buffer: the event header plus its text (approximate). */
const PRINT_OVERHEAD_BYTES = 40;

export class TraceSession {
  readonly prints: AtracePrint[] = [];
  /** Processes seen: scanned at start and those that printed. */
  readonly processes = new Map<number, TracedProcess>();
  bytesWritten = 0;
  bytesOverwritten = 0;
  droppedPrints = 0;
  stopNs: number | null = null;
  readonly #buffer: TraceBufferConfig;
  #used = 0;

  constructor(
    readonly config: TraceConfig,
    readonly startNs: number,
  ) {
    const ftrace = config.dataSources.find((d) => d.name === 'linux.ftrace');
    this.#buffer = config.buffers[ftrace?.targetBuffer ?? 0] ?? config.buffers[0] ?? { sizeKb: 0, fillPolicy: 'RING_BUFFER' };
  }

  get atraceApps(): string[] {
    return this.config.dataSources.flatMap((d) => (d.name === 'linux.ftrace' ? d.atraceApps : []));
  }

  /** ftrace/print is on: asked for, or implied by any atrace setting. */
  get recordsPrints(): boolean {
    return this.config.dataSources.some(
      (d) => d.name === 'linux.ftrace' && (d.ftraceEvents.includes('ftrace/print') || d.atraceApps.length > 0 || d.atraceCategories.length > 0),
    );
  }

  get scansProcesses(): boolean {
    return this.config.dataSources.some((d) => d.name === 'linux.process_stats');
  }

  get bufferBytes(): number {
    return this.#buffer.sizeKb * 1024;
  }

  record(print: AtracePrint, process: TracedProcess): void {
    if (print.tsNs < this.startNs || (this.stopNs !== null && print.tsNs > this.stopNs)) return;
    const size = PRINT_OVERHEAD_BYTES + print.buf.length;
    if (this.#used + size > this.bufferBytes) {
      if (this.#buffer.fillPolicy === 'DISCARD') {
        this.droppedPrints++;
        return;
      }
      while (this.prints.length > 0 && this.#used + size > this.bufferBytes) {
        const old = this.prints.shift();
        const freed = PRINT_OVERHEAD_BYTES + (old?.buf.length ?? 0);
        this.#used -= freed;
        this.bytesOverwritten += freed;
      }
    }
    this.prints.push(print);
    this.#used += size;
    this.bytesWritten += size;
    this.processes.set(process.pid, process);
  }
}

export function atraceAppMatches(app: string, argv0: string): boolean {
  if (app === '*') return true;
  if (app.endsWith('*')) return argv0.startsWith(app.slice(0, -1));
  return app === argv0;
}

export class TracingService {
  readonly #sessions = new Set<TraceSession>();

  constructor(
    private readonly properties: PhoneProperties,
    private readonly isDebuggableApp: (pid: number) => boolean,
  ) {}

  start(config: TraceConfig, nowNs: number): TraceSession {
    const session = new TraceSession(config, nowNs);
    this.#sessions.add(session);
    this.#publishApps();
    return session;
  }

  stop(session: TraceSession, nowNs: number): void {
    if (session.stopNs === null) session.stopNs = nowNs;
    this.#sessions.delete(session);
    this.#publishApps();
  }

  get active(): readonly TraceSession[] {
    return [...this.#sessions];
  }

  /** libcutils' atrace_is_app_tracing_enabled for this process, now. */
  appTracingEnabled(process: TracedProcess): boolean {
    const allowed = this.properties.get('ro.debuggable') === '1' || this.isDebuggableApp(process.pid);
    if (!allowed) return false;
    const argv0 = process.argv[0] ?? '';
    return this.active.some((s) => s.atraceApps.some((app) => atraceAppMatches(app, argv0)));
  }

  /** A traced process's prints reach every session that records ftrace/print. */
  emit(process: TracedProcess, prints: readonly AtracePrint[]): void {
    for (const session of this.#sessions) {
      if (!session.recordsPrints) continue;
      for (const print of prints) session.record(print, process);
    }
  }

  /** What atrace writes for the apps: debug.atrace.app_number and debug.atrace.app_N. */
  #publishApps(): void {
    const apps = [...new Set(this.active.flatMap((s) => s.atraceApps))];
    const before = Number(this.properties.get('debug.atrace.app_number') ?? '0');
    this.properties.set('debug.atrace.app_number', String(apps.length));
    apps.forEach((app, i) => this.properties.set(`debug.atrace.app_${i}`, app));
    for (let i = apps.length; i < before; i++) this.properties.set(`debug.atrace.app_${i}`, '');
  }
}
