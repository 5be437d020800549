import { AdbStreamClosedError } from '../errors.js';
import type { Disposer } from './disposable.js';
import { Emitter } from './disposable.js';

/** What a socket needs from its connection to put packets on the wire. */
export interface AdbSocketSink {
  readonly maxPayload: number;
  sendWrite(localId: number, remoteId: number, data: Buffer): void;
  sendClose(localId: number, remoteId: number): void;
  forget(localId: number): void;
}

interface PendingWrite {
  readonly data: Buffer;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

export type AdbSocketDataHandler = (data: Buffer) => Promise<void> | void;

/**
 * One device-side stream. Outgoing data waits for the host's OKAY before the
 * next WRTE (one outstanding WRTE, as adb without delayed_ack requires);
 * incoming WRTE is acknowledged once the service has taken it, which gives
 * back-pressure to the host.
 */
export class AdbDeviceSocket {
  readonly #sink: AdbSocketSink;
  readonly #queue: PendingWrite[] = [];
  #inFlight: PendingWrite | undefined;
  #closed = false;
  #closing = false;
  #dataHandler: AdbSocketDataHandler | undefined;
  readonly #onClose = new Emitter<void>();
  readonly #closedPromise: Promise<void>;
  #resolveClosed!: () => void;

  constructor(
    sink: AdbSocketSink,
    readonly localId: number,
    readonly remoteId: number,
    readonly service: string,
  ) {
    this.#sink = sink;
    this.#closedPromise = new Promise((resolve) => (this.#resolveClosed = resolve));
  }

  get isClosed(): boolean {
    return this.#closed;
  }

  /** Resolves when the stream is closed by either side. */
  get closed(): Promise<void> {
    return this.#closedPromise;
  }

  setDataHandler(handler: AdbSocketDataHandler): Disposer {
    this.#dataHandler = handler;
    return () => {
      if (this.#dataHandler === handler) this.#dataHandler = undefined;
    };
  }

  onClose(listener: () => void): Disposer {
    return this.#onClose.on(listener);
  }

  /** Resolves once every byte has been acknowledged by the host. */
  write(data: Uint8Array): Promise<void> {
    if (this.#closed || this.#closing) return Promise.reject(new AdbStreamClosedError(this.localId));
    const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    if (buffer.length === 0) return Promise.resolve();
    const max = this.#sink.maxPayload;
    const parts: Promise<void>[] = [];
    for (let at = 0; at < buffer.length; at += max) {
      const chunk = buffer.subarray(at, at + max);
      parts.push(new Promise((resolve, reject) => this.#queue.push({ data: chunk, resolve, reject })));
    }
    this.#pump();
    return parts.length === 1 ? parts[0]! : Promise.all(parts).then(() => undefined);
  }

  /** Flushes pending output, then sends CLSE. */
  async close(): Promise<void> {
    if (this.#closed || this.#closing) return this.#closedPromise;
    this.#closing = true;
    if (this.#inFlight !== undefined || this.#queue.length > 0) {
      // A zero-length marker settles once everything queued before it is acknowledged.
      await new Promise<void>((resolve) => {
        this.#queue.push({ data: Buffer.alloc(0), resolve, reject: () => resolve() });
        this.#pump();
      });
    }
    if (!this.#closed) {
      this.#sink.sendClose(this.localId, this.remoteId);
      this.#teardown();
    }
  }

  /** @internal The host acknowledged our last WRTE. */
  handleOkay(): void {
    const done = this.#inFlight;
    this.#inFlight = undefined;
    done?.resolve();
    this.#pump();
  }

  /** @internal Data from the host; the returned promise settles when it may be acknowledged. */
  async handleWrite(data: Buffer): Promise<void> {
    await this.#dataHandler?.(data);
  }

  /** @internal The host closed the stream, or the connection dropped. */
  handleRemoteClose(): void {
    this.#teardown();
  }

  #pump(): void {
    while (this.#inFlight === undefined && !this.#closed) {
      const next = this.#queue.shift();
      if (next === undefined) return;
      if (next.data.length === 0) {
        next.resolve();
        continue;
      }
      this.#inFlight = next;
      this.#sink.sendWrite(this.localId, this.remoteId, next.data);
    }
  }

  #teardown(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#sink.forget(this.localId);
    const error = new AdbStreamClosedError(this.localId);
    const pending = this.#queue.splice(0);
    if (this.#inFlight !== undefined) pending.unshift(this.#inFlight);
    this.#inFlight = undefined;
    for (const write of pending) write.reject(error);
    this.#resolveClosed();
    this.#onClose.emit();
    this.#onClose.clear();
  }
}
