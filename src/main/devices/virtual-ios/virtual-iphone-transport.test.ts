// The transport's wire protocols driven with raw bytes: framing, events, Connect, and garbage.
import { X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { Duplex, PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AFC_MAGIC, AfcOperation, AfcPacketHeader, AfcStatus, encodeAfcPacket } from './afc-protocol.js';
import { serveAfc } from './afc-session.js';
import { serveDiagnosticsRelay } from './diagnostics-relay.js';
import { AfcStore } from './afc-store.js';
import { decodePlistDict, encodeXmlPlist, type PlistObject } from '../ios/wire/plist-codec.js';
import { encodePlistServiceMessage } from './plist-service.js';
import { encodeUsbmuxMessage, UsbmuxHeader, UsbmuxResult } from '../ios/wire/usbmux-protocol.js';
import type { IosDeviceNs } from './virtual-iphone-contracts.js';
import { startVirtualIphoneTransport, type RunningVirtualIphoneTransport } from './virtual-iphone-transport.js';

const UDID = '00008130-00AABBCCDDEEFF00';
const PROBE_PORT = 47_000;
const body = {
  battery: () => ({
    instantAmperageMa: -300,
    amperageMa: -280,
    voltageMv: 3900,
    temperatureCentiC: 2950,
    currentCapacityPercent: 50,
    rawCurrentCapacityMah: 1600,
    rawMaxCapacityMah: 3200,
    designCapacityMah: 3349,
    cycleCount: 10,
    isCharging: false,
    externalConnected: false,
    fullyCharged: false,
    updateTime: 1_764_300_000,
  }),
  nowNs: () => 0n as IosDeviceNs,
};
const facts = {
  DeviceName: 'Raw',
  ProductType: 'iPhone15,2',
  ProductVersion: '17.4',
  BuildVersion: '21E219',
  HardwareModel: 'D73AP',
  CPUArchitecture: 'arm64e',
  ChipID: 0x8120,
  SerialNumber: 'RAW0001',
  DeviceClass: 'iPhone',
} as const;

/** A raw client that reads usbmux or 4-byte-length frames with a timeout. */
class RawClient {
  private buffer = Buffer.alloc(0);
  private closed = false;
  private wake: (() => void) | null = null;

  constructor(readonly socket: Socket | Duplex) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.wake?.();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake?.();
    });
    socket.on('error', () => undefined);
  }

  static open(path: string): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(path, () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }

  async bytes(count: number, timeoutMs = 3000): Promise<Buffer> {
    const deadline = Date.now() + timeoutMs;
    while (this.buffer.length < count) {
      if (this.closed) throw new Error('closed');
      if (Date.now() > deadline) throw new Error('timeout');
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, 50);
      });
    }
    const out = this.buffer.subarray(0, count);
    this.buffer = this.buffer.subarray(count);
    return out;
  }

  async usbmux(timeoutMs?: number): Promise<{ tag: number; body: PlistObject }> {
    const header = UsbmuxHeader.decode(await this.bytes(UsbmuxHeader.size, timeoutMs));
    return { tag: header.tag, body: decodePlistDict(await this.bytes(header.length - UsbmuxHeader.size, timeoutMs)) };
  }

  async plist(): Promise<PlistObject> {
    const length = (await this.bytes(4)).readUInt32BE(0);
    return decodePlistDict(await this.bytes(length));
  }

  /** Resolves true once the server has closed the connection. */
  async closedWithin(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    return this.closed;
  }

  send(bytes: Buffer): void {
    this.socket.write(bytes);
  }
}

/** Two ends of an in-memory byte stream. */
function duplexPair(): { server: Duplex; client: RawClient } {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server = Duplex.from({ readable: toServer, writable: toClient });
  const clientSide = Duplex.from({ readable: toClient, writable: toServer });
  return { server, client: new RawClient(clientSide) };
}

function request(payload: PlistObject, tag = 1): Buffer {
  return encodeUsbmuxMessage({ ClientVersionString: 'test', ProgName: 'test', kLibUSBMuxVersion: 3, ...payload }, tag);
}

const htons = (port: number): number => ((port & 0xff) << 8) | (port >> 8);

describe('virtual iPhone transport on the wire', () => {
  let phone: RunningVirtualIphoneTransport;

  beforeAll(async () => {
    phone = await startVirtualIphoneTransport({
      udid: UDID,
      facts,
      body,
      stalledMessageMs: 200,
      ports: new Map([[PROBE_PORT, (socket: Duplex) => socket.pipe(socket)]]),
    });
  });

  afterAll(async () => {
    await phone?.stop();
  });

  const openClient = () => RawClient.open(phone.socketPath);

  async function connectTo(port: number): Promise<{ client: RawClient; number: unknown }> {
    const client = await openClient();
    client.send(request({ MessageType: 'ListDevices' }, 1));
    const list = (await client.usbmux()).body['DeviceList'] as PlistObject[];
    const deviceId = list[0]?.['DeviceID'] ?? 0;
    client.send(request({ MessageType: 'Connect', DeviceID: deviceId, PortNumber: htons(port) }, 2));
    return { client, number: (await client.usbmux()).body['Number'] };
  }

  async function stillServes(): Promise<void> {
    const client = await openClient();
    client.send(request({ MessageType: 'ReadBUID' }, 9));
    const reply = await client.usbmux();
    expect(reply.tag).toBe(9);
    expect(typeof reply.body['BUID']).toBe('string');
    client.socket.destroy();
  }

  it('lists the phone as a USB device, echoing the tag', async () => {
    const client = await openClient();
    client.send(request({ MessageType: 'ListDevices' }, 42));
    const reply = await client.usbmux();
    expect(reply.tag).toBe(42);
    expect(reply.body['DeviceList']).toEqual([
      expect.objectContaining({ MessageType: 'Attached', Properties: expect.objectContaining({ SerialNumber: UDID, ConnectionType: 'USB' }) }),
    ]);
    client.socket.destroy();
  });

  it('Listen: Result, then Attached, Detached on detach() and Attached (new DeviceID) on attach()', async () => {
    const client = await openClient();
    client.send(request({ MessageType: 'Listen' }, 5));
    expect((await client.usbmux()).body).toEqual({ MessageType: 'Result', Number: 0 });
    const attached = await client.usbmux();
    expect(attached.tag).toBe(0);
    expect(attached.body['MessageType']).toBe('Attached');
    phone.detach();
    expect((await client.usbmux()).body).toEqual({ MessageType: 'Detached', DeviceID: attached.body['DeviceID'] as number });
    phone.attach();
    const again = await client.usbmux();
    expect(again.body['MessageType']).toBe('Attached');
    expect(again.body['DeviceID']).not.toBe(attached.body['DeviceID']);
    client.socket.destroy();
  });

  it('Connect: OK then a raw pipe to a caller port; refused for closed ports; bad device when detached', async () => {
    const probe = await connectTo(PROBE_PORT);
    expect(probe.number).toBe(UsbmuxResult.Ok);
    probe.client.send(Buffer.from('ping'));
    expect((await probe.client.bytes(4)).toString()).toBe('ping');
    expect((await connectTo(1234)).number).toBe(UsbmuxResult.ConnectionRefused);
    phone.detach();
    try {
      // Unplugging cuts open device connections, as with a real cable.
      expect(await probe.client.closedWithin(1000)).toBe(true);
      const client = await openClient();
      client.send(request({ MessageType: 'Connect', DeviceID: 1, PortNumber: htons(62078) }, 3));
      expect((await client.usbmux()).body['Number']).toBe(UsbmuxResult.BadDevice);
      client.socket.destroy();
    } finally {
      phone.attach();
    }
  });

  it('ReadPairRecord: binary PairRecordData for our UDID, Number 2 for others; SavePairRecord replaces it', async () => {
    const client = await openClient();
    client.send(request({ MessageType: 'ReadPairRecord', PairRecordID: UDID }, 1));
    const data = (await client.usbmux()).body['PairRecordData'] as Buffer;
    expect(data.subarray(0, 8).toString()).toBe('bplist00');
    const record = decodePlistDict(data);
    const root = new X509Certificate(record['RootCertificate'] as Buffer);
    expect(new X509Certificate(record['DeviceCertificate'] as Buffer).verify(root.publicKey)).toBe(true);
    client.send(request({ MessageType: 'ReadPairRecord', PairRecordID: 'FFFFFFFF-0000000000000000' }, 2));
    expect((await client.usbmux()).body).toEqual({ MessageType: 'Result', Number: 2 });
    client.send(request({ MessageType: 'SavePairRecord', PairRecordID: UDID, PairRecordData: encodeXmlPlist({ ...record, HostID: 'NEW-HOST' }) }, 3));
    expect((await client.usbmux()).body['Number']).toBe(0);
    client.send(request({ MessageType: 'ReadPairRecord', PairRecordID: UDID }, 4));
    expect(decodePlistDict((await client.usbmux()).body['PairRecordData'] as Buffer)['HostID']).toBe('NEW-HOST');
    client.send(request({ MessageType: 'SavePairRecord', PairRecordID: UDID, PairRecordData: encodeXmlPlist(record) }, 5));
    expect((await client.usbmux()).body['Number']).toBe(0);
    client.socket.destroy();
  });

  it('lockdownd answers GetValue with domains, MissingValue, and refuses StartService outside a session', async () => {
    const { client } = await connectTo(62078);
    client.send(encodePlistServiceMessage({ Request: 'QueryType' }));
    expect(await client.plist()).toEqual({ Request: 'QueryType', Type: 'com.apple.mobile.lockdown' });
    client.send(encodePlistServiceMessage({ Request: 'GetValue', Domain: 'com.apple.disk_usage', Key: 'TotalDiskCapacity' }));
    expect((await client.plist())['Value']).toBeGreaterThan(0);
    client.send(encodePlistServiceMessage({ Request: 'GetValue', Key: 'NoSuchKey' }));
    expect(await client.plist()).toEqual({ Request: 'GetValue', Key: 'NoSuchKey', Error: 'MissingValue' });
    client.send(encodePlistServiceMessage({ Request: 'StartService', Service: 'com.apple.afc' }));
    expect((await client.plist())['Error']).toBe('SessionInactive');
    client.send(encodePlistServiceMessage({ Request: 'StartSession', HostID: 'WRONG', SystemBUID: 'X' }));
    expect((await client.plist())['Error']).toBe('InvalidHostID');
    client.send(encodePlistServiceMessage({ Request: 'Goodbye' }));
    expect(await client.plist()).toEqual({ Request: 'Goodbye', Result: 'Success' });
    expect(await client.closedWithin(1000)).toBe(true);
  });

  describe('garbage never crashes the server', () => {
    it('usbmux: a length below the header size closes the connection', async () => {
      const client = await openClient();
      client.send(UsbmuxHeader.encode({ length: 4, version: 1, message: 8, tag: 1 }));
      expect(await client.closedWithin(1000)).toBe(true);
      await stillServes();
    });

    it('usbmux: a huge length closes the connection', async () => {
      const client = await openClient();
      client.send(UsbmuxHeader.encode({ length: 0xfffffff0, version: 1, message: 8, tag: 1 }));
      expect(await client.closedWithin(1000)).toBe(true);
      await stillServes();
    });

    it('usbmux: a payload that is not a plist gets Result BadCommand; the connection lives on', async () => {
      const client = await openClient();
      const junk = Buffer.from('<plist><dict><key>MessageType</key>');
      client.send(Buffer.concat([UsbmuxHeader.encode({ length: UsbmuxHeader.size + junk.length, version: 1, message: 8, tag: 7 }), junk]));
      expect(await client.usbmux()).toEqual({ tag: 7, body: { MessageType: 'Result', Number: UsbmuxResult.BadCommand } });
      client.send(request({ MessageType: 'ReadBUID' }, 8));
      expect((await client.usbmux()).tag).toBe(8);
      client.socket.destroy();
    });

    it('usbmux: the legacy binary protocol gets BadVersion', async () => {
      const client = await openClient();
      client.send(UsbmuxHeader.encode({ length: 16, version: 0, message: 3, tag: 4 }));
      expect((await client.usbmux()).body).toEqual({ MessageType: 'Result', Number: UsbmuxResult.BadVersion });
      client.socket.destroy();
    });

    it('usbmux: a message that stops part-way is dropped after the stall timeout', async () => {
      const client = await openClient();
      client.send(UsbmuxHeader.encode({ length: 400, version: 1, message: 8, tag: 1 }));
      client.send(Buffer.from('<?xml'));
      expect(await client.closedWithin(2000)).toBe(true);
      await stillServes();
    });

    it('lockdownd: a truncated plist and a huge length each close the connection', async () => {
      const truncated = await connectTo(62078);
      const body = Buffer.from('<?xml version="1.0"?><plist version="1.0"><dict><key>Request</key>');
      const framed = Buffer.alloc(4);
      framed.writeUInt32BE(body.length, 0);
      truncated.client.send(Buffer.concat([framed, body]));
      expect(await truncated.client.closedWithin(1000)).toBe(true);
      const huge = await connectTo(62078);
      huge.client.send(Buffer.from([0xff, 0xff, 0xff, 0xff]));
      expect(await huge.client.closedWithin(1000)).toBe(true);
      await stillServes();
    });

    it('lockdownd: an unknown request gets InvalidRequest', async () => {
      const { client } = await connectTo(62078);
      client.send(encodePlistServiceMessage({ Request: 'MakeCoffee' }));
      expect(await client.plist()).toEqual({ Request: 'MakeCoffee', Error: 'InvalidRequest' });
      client.socket.destroy();
    });

    it('AFC: a bad magic or absurd lengths close the connection; an unknown op gets a status', async () => {
      // AFC directly over an in-memory duplex pair (the TLS hop is covered by the appium test).
      const pair = duplexPair;
      const options = { store: new AfcStore('t'), root: '/', model: 'iPhone15,2', log: () => undefined, stalledMessageMs: 200 };

      const unknown = pair();
      serveAfc(unknown.server, options);
      unknown.client.send(encodeAfcPacket({ packetNumber: 3, operation: 0x7777, headerPayload: Buffer.alloc(0), data: Buffer.alloc(0) }));
      const reply = await unknown.client.bytes(AFC_MAGIC.length + AfcPacketHeader.size + 8);
      const header = AfcPacketHeader.decode(reply, AFC_MAGIC.length);
      expect(header).toMatchObject({ packetNumber: 3, operation: AfcOperation.Status });
      expect(Number(reply.readBigUInt64LE(AFC_MAGIC.length + AfcPacketHeader.size))).toBe(AfcStatus.UnknownPacketType);

      const badMagic = pair();
      serveAfc(badMagic.server, options);
      badMagic.client.send(Buffer.alloc(48, 0x41));
      expect(await badMagic.client.closedWithin(1000)).toBe(true);

      const huge = pair();
      serveAfc(huge.server, options);
      huge.client.send(Buffer.concat([AFC_MAGIC, AfcPacketHeader.encode({ entireLength: 2 ** 40, thisLength: 40, packetNumber: 0, operation: 1 })]));
      expect(await huge.client.closedWithin(1000)).toBe(true);
    });
  });

  it('a body that throws or reads NaN drops that diagnostics connection only', async () => {
    const errors: string[] = [];
    for (const battery of [() => { throw new Error('gauge bug'); }, () => ({ ...body.battery(), voltageMv: Number.NaN })]) {
      const { server, client } = duplexPair();
      serveDiagnosticsRelay(server, { body: { ...body, battery }, log: (e) => e.kind === 'protocol-error' && errors.push(e.message), stalledMessageMs: 200 });
      client.send(encodePlistServiceMessage({ Request: 'IORegistry', EntryClass: 'IOPMPowerSource' }));
      expect(await client.closedWithin(1000)).toBe(true);
    }
    expect(errors).toEqual([expect.stringContaining('gauge bug'), expect.stringContaining('NaN')]);
    await stillServes();
  });

  it('stop() is idempotent and removes the Unix socket', async () => {
    const other = await startVirtualIphoneTransport({ facts, body, pairRecordCacheDir: null });
    expect(other.udid).toMatch(/^[0-9A-F]{8}-[0-9A-F]{16}$/);
    expect(existsSync(other.socketPath)).toBe(true);
    // A device connection left open (lockdownd) must not hold stop() up.
    const open = await RawClient.open(other.socketPath);
    open.send(request({ MessageType: 'Connect', DeviceID: 1, PortNumber: htons(62078) }));
    expect((await open.usbmux()).body['Number']).toBe(UsbmuxResult.Ok);
    await Promise.all([other.stop(), other.stop()]);
    expect(await open.closedWithin(500)).toBe(true);
    await other.stop();
    expect(existsSync(other.socketPath)).toBe(false);
    await expect(RawClient.open(other.socketPath)).rejects.toThrow();
  });

  it('refuses reserved ports', async () => {
    await expect(startVirtualIphoneTransport({ facts, body, tcpPort: 27015 })).rejects.toThrow(/reserved/);
    await expect(startVirtualIphoneTransport({ facts, body, tcpPort: 5555 })).rejects.toThrow(/reserved/);
  });
});
