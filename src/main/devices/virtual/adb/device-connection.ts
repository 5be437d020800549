import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import { AdbProtocolError } from '../errors.js';
import type { Disposer } from './disposable.js';
import { Emitter } from './disposable.js';
import type { AdbSocketSink } from './device-socket.js';
import { AdbDeviceSocket } from './device-socket.js';
import {
  ADB_MAX_PAYLOAD,
  AdbAuthType,
  AdbCommand,
  AdbPacketReader,
  AdbProtocolVersion,
  encodeAdbPacket,
} from './packet.js';
import type { AdbPacket } from './packet.js';

/** Starts a service on an accepted stream. */
export type AdbServiceHandler = (socket: AdbDeviceSocket) => void;

/** Returns the handler for a service string, or undefined to refuse the OPEN. */
export type AdbServiceResolver = (service: string) => AdbServiceHandler | undefined;

export interface AdbDeviceConnectionOptions {
  readonly banner: string;
  /** Answer CNXN with AUTH and never accept: adb lists the phone as `unauthorized`. */
  readonly unauthorized: boolean;
  readonly resolveService: AdbServiceResolver;
}

/**
 * The device side of one adb transport over TCP: handshake, stream ids,
 * routing of OPEN to services, and per-stream flow control.
 */
export class AdbDeviceConnection implements AdbSocketSink {
  readonly #socket: Socket;
  readonly #options: AdbDeviceConnectionOptions;
  readonly #reader = new AdbPacketReader(() => ADB_MAX_PAYLOAD);
  readonly #streams = new Map<number, AdbDeviceSocket>();
  readonly #onClose = new Emitter<void>();
  #nextLocalId = 1;
  #version: number = AdbProtocolVersion.Min;
  #hostMaxPayload = 4096;
  #online = false;
  #closed = false;

  constructor(socket: Socket, options: AdbDeviceConnectionOptions) {
    this.#socket = socket;
    this.#options = options;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.#handleChunk(chunk));
    socket.on('error', () => this.close());
    socket.on('close', () => this.close());
  }

  get maxPayload(): number {
    return Math.min(this.#hostMaxPayload, ADB_MAX_PAYLOAD);
  }

  get streamCount(): number {
    return this.#streams.size;
  }

  onClose(listener: () => void): Disposer {
    return this.#onClose.on(listener);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const stream of [...this.#streams.values()]) stream.handleRemoteClose();
    this.#streams.clear();
    this.#socket.destroy();
    this.#onClose.emit();
    this.#onClose.clear();
  }

  sendWrite(localId: number, remoteId: number, data: Buffer): void {
    this.#send({ command: AdbCommand.Write, arg0: localId, arg1: remoteId, payload: data });
  }

  sendClose(localId: number, remoteId: number): void {
    this.#send({ command: AdbCommand.Close, arg0: localId, arg1: remoteId, payload: Buffer.alloc(0) });
  }

  forget(localId: number): void {
    this.#streams.delete(localId);
  }

  #send(packet: AdbPacket): void {
    if (this.#closed) return;
    const handshake = packet.command === AdbCommand.Connect || packet.command === AdbCommand.Auth;
    this.#socket.write(encodeAdbPacket(packet, handshake || this.#version < AdbProtocolVersion.SkipChecksum));
  }

  #handleChunk(chunk: Buffer): void {
    let packets: AdbPacket[];
    try {
      packets = this.#reader.push(chunk);
    } catch (error) {
      if (error instanceof AdbProtocolError) {
        this.close();
        return;
      }
      throw error;
    }
    for (const packet of packets) this.#handlePacket(packet);
  }

  #handlePacket(packet: AdbPacket): void {
    switch (packet.command) {
      case AdbCommand.Connect:
        this.#handleConnect(packet);
        return;
      case AdbCommand.Auth:
        this.#handleAuth(packet);
        return;
      case AdbCommand.Open:
        if (this.#online) this.#handleOpen(packet);
        return;
      case AdbCommand.Write:
        this.#handleWrite(packet);
        return;
      case AdbCommand.Okay:
        this.#streams.get(packet.arg1)?.handleOkay();
        return;
      case AdbCommand.Close:
        // A CLSE for a stream we already closed is the host's echo: ignore it.
        this.#streams.get(packet.arg1)?.handleRemoteClose();
        return;
      default:
        return;
    }
  }

  #handleConnect(packet: AdbPacket): void {
    for (const stream of [...this.#streams.values()]) stream.handleRemoteClose();
    this.#streams.clear();
    this.#version = Math.min(packet.arg0, AdbProtocolVersion.SkipChecksum);
    this.#hostMaxPayload = packet.arg1 > 0 ? packet.arg1 : 4096;
    if (this.#options.unauthorized) {
      this.#sendAuthToken();
      return;
    }
    this.#online = true;
    this.#send({
      command: AdbCommand.Connect,
      arg0: AdbProtocolVersion.SkipChecksum,
      arg1: ADB_MAX_PAYLOAD,
      payload: Buffer.from(this.#options.banner, 'utf8'),
    });
  }

  #handleAuth(packet: AdbPacket): void {
    // Each signature is answered with a fresh token, so the host runs out of
    // keys, sends its public key, and waits for a user who never taps "Allow".
    if (packet.arg0 === AdbAuthType.Signature) this.#sendAuthToken();
  }

  #sendAuthToken(): void {
    this.#send({ command: AdbCommand.Auth, arg0: AdbAuthType.Token, arg1: 0, payload: randomBytes(20) });
  }

  #handleOpen(packet: AdbPacket): void {
    const remoteId = packet.arg0;
    if (remoteId === 0) return;
    let end = packet.payload.length;
    while (end > 0 && packet.payload[end - 1] === 0) end--;
    const service = packet.payload.toString('utf8', 0, end);
    const handler = packet.arg1 === 0 ? this.#options.resolveService(service) : undefined;
    if (handler === undefined) {
      this.sendClose(0, remoteId);
      return;
    }
    const localId = this.#nextLocalId++;
    if (this.#nextLocalId > 0x7fffffff) this.#nextLocalId = 1;
    const stream = new AdbDeviceSocket(this, localId, remoteId, service);
    this.#streams.set(localId, stream);
    this.#send({ command: AdbCommand.Okay, arg0: localId, arg1: remoteId, payload: Buffer.alloc(0) });
    handler(stream);
  }

  #handleWrite(packet: AdbPacket): void {
    const stream = this.#streams.get(packet.arg1);
    if (stream === undefined) return;
    stream.handleWrite(packet.payload).then(
      () => {
        if (!stream.isClosed) {
          this.#send({ command: AdbCommand.Okay, arg0: stream.localId, arg1: stream.remoteId, payload: Buffer.alloc(0) });
        }
      },
      () => {
        if (!stream.isClosed) void stream.close();
      },
    );
  }
}
