import type { Disposer } from '../adb/disposable.js';
import { Emitter } from '../adb/disposable.js';
import { IGNORED_BY_DEFAULT, PhoneSignal, ProcessSignalled } from './signals.js';

export const PhoneProcessState = { Running: 'R', Sleeping: 'S' } as const;
export type PhoneProcessState = (typeof PhoneProcessState)[keyof typeof PhoneProcessState];

/** What a process does with a signal it receives. */
export type SignalDisposition = 'default' | 'ignore' | 'trap';

export interface PhoneProcessInfo {
  readonly pid: number;
  readonly ppid: number;
  readonly uid: number;
  /** argv[0]'s base name, as `ps` NAME shows for a process that exec'd. */
  readonly name: string;
  readonly argv: readonly string[];
  readonly startedAtMs: number;
  readonly system: boolean;
}

export type KillResult = 'ok' | 'ESRCH' | 'EPERM';

/**
 * One process on the phone. Fatal signals abort `signal`, which every await
 * of the process races; trapped ones are queued for the shell to run.
 */
export class PhoneProcess {
  readonly #controller = new AbortController();
  readonly #interrupt = new Emitter<number>();
  readonly #dispositions = new Map<number, SignalDisposition>();
  readonly #pending: number[] = [];
  readonly exited: Promise<number>;
  #resolveExit!: (status: number) => void;
  #argv: readonly string[];
  #status: number | undefined;

  constructor(
    readonly pid: number,
    public ppid: number,
    readonly uid: number,
    argv: readonly string[],
    readonly startedAtMs: number,
  ) {
    this.#argv = argv;
    this.exited = new Promise((resolve) => (this.#resolveExit = resolve));
  }

  get argv(): readonly string[] {
    return this.#argv;
  }

  get name(): string {
    const arg0 = this.#argv[0] ?? '';
    return arg0.slice(arg0.lastIndexOf('/') + 1);
  }

  /** Aborts when a fatal signal arrives; its reason is a ProcessSignalled. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get isAlive(): boolean {
    return this.#status === undefined;
  }

  get exitStatus(): number | undefined {
    return this.#status;
  }

  /** execve(): same pid, new program. */
  exec(argv: readonly string[]): void {
    this.#argv = argv;
    this.#dispositions.forEach((value, sig) => {
      if (value === 'trap') this.#dispositions.delete(sig);
    });
  }

  setDisposition(signal: number, disposition: SignalDisposition): void {
    if (signal === PhoneSignal.KILL || signal === PhoneSignal.STOP) return;
    if (disposition === 'default') this.#dispositions.delete(signal);
    else this.#dispositions.set(signal, disposition);
  }

  disposition(signal: number): SignalDisposition {
    return this.#dispositions.get(signal) ?? 'default';
  }

  /** Trapped signals delivered since the last call. */
  takePendingSignals(): number[] {
    return this.#pending.splice(0);
  }

  /** Fires when a trapped signal arrives, so interruptible builtins (wait, read) return. */
  onInterrupt(listener: (signal: number) => void): Disposer {
    return this.#interrupt.on(listener);
  }

  deliver(signal: number): void {
    if (!this.isAlive || signal === 0) return;
    const disposition = this.disposition(signal);
    if (disposition === 'ignore') return;
    if (disposition === 'trap') {
      this.#pending.push(signal);
      this.#interrupt.emit(signal);
      return;
    }
    if (IGNORED_BY_DEFAULT.has(signal)) return;
    if (!this.#controller.signal.aborted) this.#controller.abort(new ProcessSignalled(signal));
  }

  /** @internal Called by the table when the program has returned. */
  finish(status: number): void {
    if (this.#status !== undefined) return;
    this.#status = status;
    if (!this.#controller.signal.aborted) this.#controller.abort(new ProcessSignalled(0));
    this.#resolveExit(status);
  }
}

export interface SpawnOptions {
  readonly ppid: number;
  readonly uid: number;
  readonly argv: readonly string[];
}

interface SystemProcess extends PhoneProcessInfo {
  readonly system: true;
}

/**
 * The phone's processes: live ones started by shells and services, plus a few
 * fixed system daemons that `ps` shows and the shell user cannot kill.
 */
export class PhoneProcessTable {
  readonly #live = new Map<number, PhoneProcess>();
  readonly #system = new Map<number, SystemProcess>();
  readonly #onSpawn = new Emitter<PhoneProcess>();
  readonly #onExit = new Emitter<PhoneProcess>();
  #nextPid: number;
  #spawned = 0;

  constructor(
    private readonly now: () => number = Date.now,
    firstPid = 4000,
  ) {
    this.#nextPid = firstPid;
  }

  /** Processes the phone started (fork or exec as a new process) since boot. */
  get spawnCount(): number {
    return this.#spawned;
  }

  addSystemProcess(info: Omit<PhoneProcessInfo, 'system' | 'startedAtMs'> & { startedAtMs?: number }): void {
    this.#system.set(info.pid, { ...info, startedAtMs: info.startedAtMs ?? this.now(), system: true });
  }

  spawn(options: SpawnOptions): PhoneProcess {
    const pid = this.#allocatePid();
    const process = new PhoneProcess(pid, options.ppid, options.uid, options.argv, this.now());
    this.#live.set(pid, process);
    this.#spawned++;
    this.#onSpawn.emit(process);
    return process;
  }

  /** Marks a process finished; orphans are re-parented to init like on Linux. */
  finish(process: PhoneProcess, status: number): void {
    if (!process.isAlive) return;
    process.finish(status);
    this.#live.delete(process.pid);
    for (const child of this.#live.values()) if (child.ppid === process.pid) child.ppid = 1;
    this.#onExit.emit(process);
  }

  get(pid: number): PhoneProcess | undefined {
    return this.#live.get(pid);
  }

  /** Live processes we started (not the fixed system daemons). */
  live(): PhoneProcess[] {
    return [...this.#live.values()];
  }

  list(): PhoneProcessInfo[] {
    const live: PhoneProcessInfo[] = this.live().map((p) => ({
      pid: p.pid,
      ppid: p.ppid,
      uid: p.uid,
      name: p.name,
      argv: p.argv,
      startedAtMs: p.startedAtMs,
      system: false,
    }));
    return [...this.#system.values(), ...live].sort((a, b) => a.pid - b.pid);
  }

  kill(pid: number, signal: number, senderUid: number): KillResult {
    const process = this.#live.get(pid);
    if (process === undefined) return this.#system.has(pid) ? 'EPERM' : 'ESRCH';
    if (senderUid !== 0 && senderUid !== process.uid) return 'EPERM';
    process.deliver(signal);
    return 'ok';
  }

  onSpawn(listener: (process: PhoneProcess) => void): Disposer {
    return this.#onSpawn.on(listener);
  }

  onExit(listener: (process: PhoneProcess) => void): Disposer {
    return this.#onExit.on(listener);
  }

  /** Kills everything we started (phone shutdown). */
  killAll(): void {
    for (const process of this.live()) process.deliver(PhoneSignal.KILL);
  }

  #allocatePid(): number {
    for (;;) {
      const pid = this.#nextPid++;
      if (this.#nextPid > 32767) this.#nextPid = 2000;
      if (!this.#live.has(pid) && !this.#system.has(pid)) return pid;
    }
  }
}
