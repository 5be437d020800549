// The host side of the probe protocol (src/shared/ios-probe/probe-protocol.ts): a JSON-lines
// conversation with Tetherscope Probe on the iPhone, through usbmuxd Connect.
import type { Socket } from 'node:net';
import {
  PROBE_MAX_LINE_BYTES,
  PROBE_PORT,
  PROBE_PROTOCOL_VERSION,
  ProbeAppMessage,
  type ProbeHostMessage,
  type ProbePlan,
} from '../../../shared/ios-probe/probe-protocol.js';
import { IosDeviceError } from './errors.js';
import { ProbeLineSplitter } from './wire/probe-line-splitter.js';
import type { IosConnection } from './ios-connection.js';

type AppMessage = ProbeAppMessage;
type Hello = Extract<AppMessage, { type: 'hello' }>;

export class ProbeProtocolError extends IosDeviceError {}

/** The port took the connection but the app said nothing: it is open but not in front. */
export class ProbeSilentError extends IosDeviceError {
  constructor(udid: string) {
    super(`Tetherscope Probe on the iPhone ${udid} took the connection but did not answer; it is probably not in front.`, PROBE_OPEN_HINT);
  }
}

export const PROBE_OPEN_HINT = 'Open Tetherscope Probe on the iPhone and keep it in front. On iOS 17 and later a computer cannot start an app by itself, so it waits for you.';

/** One open conversation. Messages that belong to no waiting request go to `onUnsolicited`. */
export class ProbeClient {
  readonly hello: Hello;
  readonly #socket: Socket;
  readonly #waiters = new Set<(m: AppMessage) => boolean>();
  readonly #closed: Promise<string>;
  #closeReason: string | null = null;
  #onMessage: ((m: AppMessage) => void) | null = null;
  /** Messages that came before anyone listened (a thermal change during the clock reading). */
  readonly #early: AppMessage[] = [];

  private constructor(socket: Socket, hello: Hello, rest: AsyncLines) {
    this.#socket = socket;
    this.hello = hello;
    this.#closed = (async () => {
      try {
        for await (const line of rest) {
          const message = parseAppLine(line);
          if (!message) continue;
          let taken = false;
          for (const waiter of [...this.#waiters]) if (waiter(message)) taken = true;
          if (taken) continue;
          if (this.#onMessage) this.#onMessage(message);
          else if (this.#early.length < 1000) this.#early.push(message);
        }
        return 'the probe app closed the connection';
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
    })().then((why) => {
      this.#closeReason = why;
      return why;
    });
  }

  /** Connects and trades hellos; throws IosDeviceError when the app is not listening or speaks another version. */
  static async connect(connection: IosConnection, hostVersion: string, timeoutMs = 5000): Promise<ProbeClient> {
    const socket = await connection.connectPort(PROBE_PORT, timeoutMs);
    const lines = new AsyncLines(socket);
    send(socket, { v: PROBE_PROTOCOL_VERSION, type: 'hello', host: `Tetherscope ${hostVersion}` });
    // Other messages (a thermal change) may come before the hello; the hello has the state anyway.
    const deadline = Date.now() + timeoutMs;
    let hello: AppMessage | null = null;
    let foreign = false;
    while (Date.now() < deadline) {
      const line = await lines.next(deadline - Date.now());
      if (line === null) break;
      hello = parseAppLine(line);
      if (hello === null) foreign = true;
      if (hello === null || hello.type === 'hello' || hello.type === 'error') break;
    }
    if (!hello || hello.type !== 'hello') {
      socket.destroy();
      if (hello?.type === 'error') throw new ProbeProtocolError(`Tetherscope Probe refused the connection: ${hello.message}`);
      if (foreign) throw new ProbeProtocolError('Something answered on the probe port of the iPhone but did not speak the probe protocol.', PROBE_OPEN_HINT);
      // iOS keeps a suspended app's socket accepting connections; it answers once the app is in front again.
      throw new ProbeSilentError(connection.udid);
    }
    if (hello.protocol < PROBE_PROTOCOL_VERSION) {
      socket.destroy();
      throw new ProbeProtocolError(`Tetherscope Probe on the iPhone speaks protocol ${hello.protocol}; this Tetherscope needs ${PROBE_PROTOCOL_VERSION}.`, 'Install the probe app from this version of Tetherscope (resources/ios-probe).');
    }
    return new ProbeClient(socket, hello, lines);
  }

  /** Tries to connect until the app answers, the signal aborts or the time is up. */
  static async waitFor(connection: IosConnection, hostVersion: string, options: { timeoutMs: number; signal: AbortSignal; onWaiting: (seconds: number) => void }): Promise<ProbeClient> {
    const started = Date.now();
    let lastProblem: unknown = null;
    while (!options.signal.aborted && Date.now() - started < options.timeoutMs) {
      try {
        return await ProbeClient.connect(connection, hostVersion);
      } catch (error) {
        const waitable = error instanceof ProbeSilentError || (error instanceof IosDeviceError && /Nothing listens/.test(error.message));
        if (!waitable) throw error;
        lastProblem = error;
      }
      options.onWaiting(Math.round((Date.now() - started) / 1000));
      await new Promise((r) => setTimeout(r, 1000));
    }
    if (options.signal.aborted) throw new IosDeviceError('Waiting for Tetherscope Probe was cancelled.');
    throw new IosDeviceError(
      `Tetherscope Probe did not answer on the iPhone ${connection.udid} within ${Math.round(options.timeoutMs / 1000)} s${lastProblem instanceof Error ? ` (${lastProblem.message})` : ''}.`,
      PROBE_OPEN_HINT,
    );
  }

  /** Every message not taken by a pending request (prediction batches, thermal changes, ...). */
  onMessage(listener: (m: AppMessage) => void): () => void {
    this.#onMessage = listener;
    for (const m of this.#early.splice(0)) listener(m);
    return () => {
      if (this.#onMessage === listener) this.#onMessage = null;
    };
  }

  /** Maps the probe's clock to the host's wall clock (Date.now()): the reply with the shortest round trip wins. */
  async clock(samples = 5): Promise<{ deviceNsAtHostMs: (hostMs: number) => bigint; rttMs: number }> {
    let best: { rtt: number; hostMid: number; tNs: bigint } | null = null;
    for (let i = 0; i < samples; i++) {
      // One request at a time, so the next clock reply is this one's: its echoed hostMs may come
      // back rounded (Foundation's JSON numbers), so it is not compared.
      const sentAt = performance.now();
      const sent = Date.now();
      const reply = await this.#request((m) => m.type === 'clock', { v: PROBE_PROTOCOL_VERSION, type: 'clock', hostMs: sent }, 3000);
      if (reply.type !== 'clock') continue;
      const rtt = performance.now() - sentAt;
      if (!best || rtt < best.rtt) best = { rtt, hostMid: sent + rtt / 2, tNs: BigInt(reply.tNs) };
    }
    if (!best) throw new ProbeProtocolError('Tetherscope Probe did not tell its clock.');
    const anchor = best;
    return { deviceNsAtHostMs: (hostMs) => anchor.tNs + BigInt(Math.round((hostMs - anchor.hostMid) * 1e6)), rttMs: anchor.rtt };
  }

  /** Sends a plan; messages for it arrive through onMessage until `done` or an `error` with its id. */
  async runPlan(plan: Omit<ProbePlan, 'v' | 'type'>, timeoutMs: number, signal: AbortSignal): Promise<Extract<AppMessage, { type: 'done' }>> {
    const onAbort = (): void => send(this.#socket, { v: PROBE_PROTOCOL_VERSION, type: 'cancel', id: plan.id });
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      const end = await this.#request(
        (m) => (m.type === 'done' || m.type === 'error') && m.id === plan.id,
        { v: PROBE_PROTOCOL_VERSION, type: 'plan', ...plan },
        timeoutMs,
        false,
      );
      if (end.type === 'error') throw new ProbeProtocolError(`Tetherscope Probe could not run the plan: ${end.message}`, end.code === 'model-missing' ? 'Tetherscope copies the model into the app first; run again.' : null);
      if (end.type !== 'done') throw new ProbeProtocolError('Tetherscope Probe ended the plan without saying so.');
      return end;
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  close(): void {
    this.#socket.destroy();
  }

  /** Sends a message and waits for the reply `match` picks; other messages flow on unless `exclusive`. */
  #request(match: (m: AppMessage) => boolean, message: ProbeHostMessage, timeoutMs: number, exclusive = true): Promise<AppMessage> {
    return new Promise<AppMessage>((resolve, reject) => {
      if (this.#closeReason) {
        reject(new ProbeProtocolError(`The connection to Tetherscope Probe is closed: ${this.#closeReason}.`, PROBE_OPEN_HINT));
        return;
      }
      const waiter = (m: AppMessage): boolean => {
        if (!match(m)) return false;
        finish();
        resolve(m);
        return exclusive;
      };
      const timer = setTimeout(() => {
        finish();
        reject(new ProbeProtocolError(`Tetherscope Probe did not answer within ${(timeoutMs / 1000).toFixed(1)} s.`, PROBE_OPEN_HINT));
      }, timeoutMs);
      const finish = (): void => {
        clearTimeout(timer);
        this.#waiters.delete(waiter);
      };
      void this.#closed.then((why) => {
        if (!this.#waiters.has(waiter)) return;
        finish();
        reject(new ProbeProtocolError(`The connection to Tetherscope Probe ended: ${why}.`, PROBE_OPEN_HINT));
      });
      this.#waiters.add(waiter);
      send(this.#socket, message);
    });
  }
}

function send(socket: Socket, message: ProbeHostMessage): void {
  if (!socket.destroyed) socket.write(`${JSON.stringify(message)}\n`);
}

function parseAppLine(line: string): AppMessage | null {
  try {
    const parsed = ProbeAppMessage.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Lines from a socket, pulled one by one, with a cap on their length. */
class AsyncLines implements AsyncIterable<string> {
  readonly #queue: string[] = [];
  #ended: Error | 'end' | null = null;
  #wake: (() => void) | null = null;

  readonly #splitter = new ProbeLineSplitter(PROBE_MAX_LINE_BYTES);

  constructor(socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const event of this.#splitter.push(chunk)) {
        if (event.kind === 'too-long') {
          this.#ended = new ProbeProtocolError('Tetherscope Probe sent a line longer than the protocol allows.');
          socket.destroy();
          break;
        }
        if (event.text.trim() !== '') this.#queue.push(event.text);
      }
      this.#wake?.();
    });
    socket.on('error', (e) => {
      this.#ended ??= e;
      this.#wake?.();
    });
    socket.on('close', () => {
      this.#ended ??= 'end';
      this.#wake?.();
    });
    // A socket that came through a usbmuxd Connect was unpiped from the usbmux reader and is paused.
    socket.resume();
  }

  /** The next line, or null at the end or after the timeout. */
  async next(timeoutMs: number): Promise<string | null> {
    const deadline = Date.now() + timeoutMs;
    while (this.#queue.length === 0 && this.#ended === null && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, deadline - Date.now());
        this.#wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.#wake = null;
    }
    return this.#queue.shift() ?? null;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<string> {
    for (;;) {
      const line = this.#queue.shift();
      if (line !== undefined) {
        yield line;
        continue;
      }
      if (this.#ended === 'end') return;
      if (this.#ended) throw this.#ended;
      await new Promise<void>((resolve) => (this.#wake = resolve));
      this.#wake = null;
    }
  }
}
