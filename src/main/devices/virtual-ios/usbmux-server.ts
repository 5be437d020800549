// The usbmuxd half of the virtual iPhone: one device, served on a Unix socket and a TCP port.
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { ByteQueue } from '../wire/byte-queue.js';
import { PlistCodecError, UsbmuxProtocolError } from './errors.js';
import { decodePlistDict, encodeBinaryPlist, isPlistDict, type PlistObject, type PlistValue } from '../ios/wire/plist-codec.js';
import { handOffStream } from './stream-handoff.js';
import {
  encodeUsbmuxMessage,
  USBMUX_EVENT_TAG,
  USBMUX_MAX_MESSAGE_BYTES,
  UsbmuxHeader,
  UsbmuxMessage,
  usbmuxPortFromWire,
  UsbmuxResult,
  usbmuxResult,
  UsbmuxVersion,
} from '../ios/wire/usbmux-protocol.js';
import type { VirtualIphoneLog } from './virtual-iphone-log.js';

/** What usbmuxd needs to know about the one phone it serves. */
export interface UsbmuxDevice {
  readonly udid: string;
  /** Whoever listens on a device port, or undefined (Connect answers ConnectionRefused). */
  portHandler(port: number): ((socket: Socket) => void) | undefined;
  /** The pair record dictionary as usbmuxd stores it (binary-encoded on ReadPairRecord), or null. */
  pairRecord(): PlistObject | null;
  savePairRecord(record: PlistObject): void;
  deletePairRecord(): void;
}

export interface UsbmuxServerOptions {
  readonly device: UsbmuxDevice;
  readonly log: VirtualIphoneLog;
  /** A partly received message older than this closes the connection. */
  readonly stalledMessageMs: number;
}

const USB_PRODUCT_ID_IPHONE = 0x12a8;
const USB2_SPEED = 480_000_000;

export class UsbmuxServer {
  private readonly servers: Server[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly listeners = new Set<Socket>();
  /** Sockets that became pipes to a device port; unplugging the phone cuts them. */
  private readonly devicePipes = new Set<Socket>();
  private attached = true;
  private deviceId = 1;
  private readonly buid = randomUUID().toUpperCase();

  constructor(private readonly options: UsbmuxServerOptions) {}

  async listenUnix(socketPath: string): Promise<void> {
    await this.listen((server, done) => server.listen(socketPath, done));
  }

  /** Returns the bound port. */
  async listenTcp(port: number): Promise<number> {
    const server = await this.listen((s, done) => s.listen(port, '127.0.0.1', done));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new UsbmuxProtocolError('TCP server has no port');
    return address.port;
  }

  get isAttached(): boolean {
    return this.attached;
  }

  attach(): void {
    if (this.attached) return;
    this.attached = true;
    // A real usbmuxd hands out a new DeviceID each time a phone is plugged in.
    this.deviceId += 1;
    this.broadcast(this.deviceEntry());
  }

  detach(): void {
    if (!this.attached) return;
    this.attached = false;
    for (const pipe of this.devicePipes) pipe.destroy();
    this.broadcast({ MessageType: 'Detached', DeviceID: this.deviceId });
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await Promise.all(this.servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  }

  private listen(start: (server: Server, done: () => void) => void): Promise<Server> {
    const server = createServer((socket) => this.accept(socket));
    this.servers.push(server);
    return new Promise<Server>((resolve, reject) => {
      server.once('error', reject);
      start(server, () => {
        server.off('error', reject);
        resolve(server);
      });
    });
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => {
      this.sockets.delete(socket);
      this.listeners.delete(socket);
      this.devicePipes.delete(socket);
    });
    socket.on('error', () => socket.destroy());
    const queue = new ByteQueue();
    let stallTimer: NodeJS.Timeout | undefined;
    const onData = (chunk: Buffer): void => {
      queue.push(chunk);
      try {
        while (!socket.destroyed) {
          if (queue.length < UsbmuxHeader.size) break;
          const headerBytes = queue.peek(UsbmuxHeader.size);
          const header = UsbmuxHeader.decode(headerBytes);
          if (header.length < UsbmuxHeader.size || header.length > USBMUX_MAX_MESSAGE_BYTES) {
            throw new UsbmuxProtocolError(`message length ${header.length} out of range`);
          }
          if (queue.length < header.length) break;
          const message = queue.take(header.length);
          const outcome = this.handle(socket, header, message.subarray(UsbmuxHeader.size));
          if (outcome.kind === 'connected') {
            clearTimeout(stallTimer);
            this.devicePipes.add(socket);
            handOffStream(socket, onData, queue.takeAll());
            outcome.handler(socket);
            return;
          }
        }
      } catch (error) {
        this.options.log({ kind: 'protocol-error', protocol: 'usbmux', message: error instanceof Error ? error.message : String(error) });
        socket.destroy();
        return;
      }
      clearTimeout(stallTimer);
      if (queue.length > 0) stallTimer = setTimeout(() => socket.destroy(), this.options.stalledMessageMs);
    };
    socket.on('data', onData);
  }

  private handle(
    socket: Socket,
    header: UsbmuxHeader,
    body: Buffer,
  ): { kind: 'continue' } | { kind: 'connected'; handler: (socket: Socket) => void } {
    const reply = (payload: PlistObject): void => {
      socket.write(encodeUsbmuxMessage(payload, header.tag));
    };
    if (header.version !== UsbmuxVersion.Plist || header.message !== UsbmuxMessage.Plist) {
      // We only speak the plist protocol (as every client since 2013 does).
      reply(usbmuxResult(header.version !== UsbmuxVersion.Plist ? UsbmuxResult.BadVersion : UsbmuxResult.BadCommand));
      return { kind: 'continue' };
    }
    let request: PlistObject;
    try {
      request = decodePlistDict(body);
    } catch (error) {
      if (!(error instanceof PlistCodecError)) throw error;
      this.options.log({ kind: 'protocol-error', protocol: 'usbmux', message: error.message });
      reply(usbmuxResult(UsbmuxResult.BadCommand));
      return { kind: 'continue' };
    }
    const type = request['MessageType'];
    this.options.log({ kind: 'request', protocol: 'usbmux', request });
    switch (type) {
      case 'ListDevices':
        reply({ DeviceList: this.attached ? [this.deviceEntry()] : [] });
        return { kind: 'continue' };
      case 'Listen':
        reply(usbmuxResult(UsbmuxResult.Ok));
        this.listeners.add(socket);
        if (this.attached) socket.write(encodeUsbmuxMessage(this.deviceEntry(), USBMUX_EVENT_TAG));
        return { kind: 'continue' };
      case 'Connect':
        return this.connect(request, reply);
      case 'ReadPairRecord': {
        const record = request['PairRecordID'] === this.options.device.udid ? this.options.device.pairRecord() : null;
        if (record === null) reply(usbmuxResult(UsbmuxResult.BadDevice));
        else reply({ PairRecordData: encodeBinaryPlist(record) });
        return { kind: 'continue' };
      }
      case 'SavePairRecord':
        reply(usbmuxResult(this.savePairRecord(request) ? UsbmuxResult.Ok : UsbmuxResult.BadCommand));
        return { kind: 'continue' };
      case 'DeletePairRecord':
        if (request['PairRecordID'] === this.options.device.udid) this.options.device.deletePairRecord();
        reply(usbmuxResult(UsbmuxResult.Ok));
        return { kind: 'continue' };
      case 'ReadBUID':
        reply({ BUID: this.buid });
        return { kind: 'continue' };
      case 'ListListeners':
        reply({ ListenerList: [...this.listeners].map((_, index) => ({ Blacklisted: false, ConnType: 0, ID: index + 1, ProgName: 'unknown' })) });
        return { kind: 'continue' };
      default:
        reply(usbmuxResult(UsbmuxResult.BadCommand));
        return { kind: 'continue' };
    }
  }

  private connect(
    request: PlistObject,
    reply: (payload: PlistObject) => void,
  ): { kind: 'continue' } | { kind: 'connected'; handler: (socket: Socket) => void } {
    const deviceId = request['DeviceID'];
    const portNumber = request['PortNumber'];
    if (!this.attached || deviceId !== this.deviceId) {
      reply(usbmuxResult(UsbmuxResult.BadDevice));
      return { kind: 'continue' };
    }
    if (typeof portNumber !== 'number' || !Number.isInteger(portNumber) || portNumber < 0 || portNumber > 0xffff) {
      reply(usbmuxResult(UsbmuxResult.BadCommand));
      return { kind: 'continue' };
    }
    const port = usbmuxPortFromWire(portNumber);
    const handler = this.options.device.portHandler(port);
    if (handler === undefined) {
      reply(usbmuxResult(UsbmuxResult.ConnectionRefused));
      return { kind: 'continue' };
    }
    reply(usbmuxResult(UsbmuxResult.Ok));
    this.options.log({ kind: 'connect', port });
    return { kind: 'connected', handler };
  }

  private savePairRecord(request: PlistObject): boolean {
    if (request['PairRecordID'] !== this.options.device.udid) return false;
    const data = request['PairRecordData'];
    if (!Buffer.isBuffer(data)) return false;
    let record: PlistValue;
    try {
      record = decodePlistDict(data);
    } catch {
      return false;
    }
    if (!isPlistDict(record)) return false;
    this.options.device.savePairRecord(record);
    return true;
  }

  private deviceEntry(): PlistObject {
    return {
      DeviceID: this.deviceId,
      MessageType: 'Attached',
      Properties: {
        ConnectionSpeed: USB2_SPEED,
        ConnectionType: 'USB',
        DeviceID: this.deviceId,
        LocationID: 0,
        ProductID: USB_PRODUCT_ID_IPHONE,
        SerialNumber: this.options.device.udid,
        USBSerialNumber: this.options.device.udid.replace('-', ''),
      },
    };
  }

  private broadcast(event: PlistObject): void {
    const bytes = encodeUsbmuxMessage(event, USBMUX_EVENT_TAG);
    for (const socket of this.listeners) socket.write(bytes);
  }
}
