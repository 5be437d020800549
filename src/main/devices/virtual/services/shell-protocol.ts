import { ByteQueue } from '../../wire/byte-queue.js';

/** Shell protocol v2 packet ids (`A/shell_protocol.h`). */
export const AdbShellProtocolId = {
  Stdin: 0,
  Stdout: 1,
  Stderr: 2,
  Exit: 3,
  CloseStdin: 4,
  WindowSizeChange: 5,
} as const;
export type AdbShellProtocolId = (typeof AdbShellProtocolId)[keyof typeof AdbShellProtocolId];

const HEADER_SIZE = 5;

export function encodeShellPacket(id: AdbShellProtocolId, data: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(HEADER_SIZE + data.byteLength);
  out.writeUInt8(id, 0);
  out.writeUInt32LE(data.byteLength, 1);
  out.set(data, HEADER_SIZE);
  return out;
}

export interface AdbShellPacket {
  readonly id: number;
  readonly data: Buffer;
}

/** Splits the host's byte stream into shell-protocol packets (they may span WRTEs). */
export class AdbShellPacketReader {
  readonly #queue = new ByteQueue();

  push(chunk: Uint8Array): AdbShellPacket[] {
    this.#queue.push(chunk);
    const packets: AdbShellPacket[] = [];
    while (this.#queue.length >= HEADER_SIZE) {
      const header = this.#queue.peek(HEADER_SIZE);
      const length = header.readUInt32LE(1);
      if (this.#queue.length < HEADER_SIZE + length) break;
      this.#queue.take(HEADER_SIZE);
      packets.push({ id: header.readUInt8(0), data: Buffer.from(this.#queue.take(length)) });
    }
    return packets;
  }
}

export interface AdbShellServiceOptions {
  readonly protocol: 'none' | 'v2';
  readonly pty: boolean;
  readonly term: string | undefined;
  readonly command: string;
}

/** Parses `shell[,arg…]:command` (`A/daemon/services.cpp` ShellService). */
export function parseShellService(service: string): AdbShellServiceOptions | undefined {
  const colon = service.indexOf(':');
  if (colon < 0) return undefined;
  const head = service.slice(0, colon);
  const command = service.slice(colon + 1);
  const [name, ...args] = head.split(',');
  if (name !== 'shell') return undefined;
  let protocol: 'none' | 'v2' = 'none';
  let pty: boolean | undefined;
  let term: string | undefined;
  for (const arg of args) {
    if (arg === 'v2') protocol = 'v2';
    else if (arg === 'raw') pty = false;
    else if (arg === 'pty') pty = true;
    else if (arg.startsWith('TERM=')) term = arg.slice(5);
  }
  return { protocol, pty: pty ?? command === '', term, command };
}
