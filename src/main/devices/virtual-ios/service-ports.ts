// StartService hands out a device port that takes one connection, as lockdownd does.
import type { Socket } from 'node:net';

const FIRST_SERVICE_PORT = 49152;
const LAST_SERVICE_PORT = 65535;
/** A started service nobody connects to within this time is withdrawn. */
export const SERVICE_PORT_TTL_MS = 30_000;

export class IosServicePorts {
  private readonly pending = new Map<number, { handler: (socket: Socket) => void; timer: NodeJS.Timeout }>();
  private next = FIRST_SERVICE_PORT;

  constructor(private readonly isTaken: (port: number) => boolean) {}

  /** Registers `handler` for the next free port and returns it. */
  open(handler: (socket: Socket) => void): number {
    let port = this.next;
    for (let tries = 0; this.pending.has(port) || this.isTaken(port); tries++) {
      if (tries > LAST_SERVICE_PORT - FIRST_SERVICE_PORT) throw new Error('no free service port');
      port = port >= LAST_SERVICE_PORT ? FIRST_SERVICE_PORT : port + 1;
    }
    this.next = port >= LAST_SERVICE_PORT ? FIRST_SERVICE_PORT : port + 1;
    const timer = setTimeout(() => this.pending.delete(port), SERVICE_PORT_TTL_MS);
    timer.unref();
    this.pending.set(port, { handler, timer });
    return port;
  }

  /** The handler for `port`, consumed: a second Connect is refused. */
  take(port: number): ((socket: Socket) => void) | undefined {
    const entry = this.pending.get(port);
    if (entry === undefined) return undefined;
    clearTimeout(entry.timer);
    this.pending.delete(port);
    return entry.handler;
  }

  clear(): void {
    for (const entry of this.pending.values()) clearTimeout(entry.timer);
    this.pending.clear();
  }
}
