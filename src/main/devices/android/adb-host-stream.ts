// A service stream opened on the adb server's smart socket by Tetherscope itself rather than
// through adbkit, for the streams that stay open for a whole capture (the telemetry loop, the
// benchmark tool, logcat). Their bytes land in one buffer reused for every read (`net.Socket`'s
// `onread`): a stream that delivers a few kilobytes twice a second for minutes costs less without
// a fresh 64 KiB buffer and a pass through Node's readable-stream machinery per read.
//
// The smart-socket protocol (adb's SERVICES.TXT): each request is its length as four hex digits
// then the request; the server answers OKAY, or FAIL with a hex length and a message.
import net from 'node:net';
import { AndroidDeviceError, DeviceCommandTimeoutError } from './errors.js';

export const AdbHostReply = { Okay: 'OKAY', Fail: 'FAIL' } as const;

const REPLY_BYTES = 4;
const LENGTH_BYTES = 4;
/** Reads land here; 64 KiB is what libuv would ask for per read. */
const READ_BUFFER_BYTES = 64 * 1024;

export interface AdbHostAddress {
  host?: string | undefined;
  port: number;
}

export interface AdbHostStreamHandlers {
  /** The service's bytes; `bytes` is reused after the call returns, so copy what you keep. */
  onData: (bytes: Buffer) => void;
  /** Once, when the stream ends: null when the service or the server closed it, else why it broke. */
  onClose: (error: Error | null) => void;
}

export interface AdbHostStream {
  /** Closes the socket; onClose follows. Does not stop the command on the phone. */
  stop(): void;
}

export function encodeAdbHostRequest(request: string): Buffer {
  const body = Buffer.from(request, 'utf8');
  if (body.length > 0xffff) throw new AndroidDeviceError(`A request to the adb server is ${body.length} bytes long; the most it takes is 65535.`);
  return Buffer.concat([Buffer.from(body.length.toString(16).padStart(LENGTH_BYTES, '0'), 'ascii'), body]);
}

/** What the server said to one request, read from the bytes gathered so far; null while incomplete. */
export function readAdbHostReply(bytes: Buffer): { ok: true; used: number } | { ok: false; message: string } | null {
  if (bytes.length < REPLY_BYTES) return null;
  const reply = bytes.toString('latin1', 0, REPLY_BYTES);
  if (reply === AdbHostReply.Okay) return { ok: true, used: REPLY_BYTES };
  if (reply !== AdbHostReply.Fail) return { ok: false, message: `an answer that is neither OKAY nor FAIL (${JSON.stringify(reply)})` };
  if (bytes.length < REPLY_BYTES + LENGTH_BYTES) return null;
  const hex = bytes.toString('latin1', REPLY_BYTES, REPLY_BYTES + LENGTH_BYTES);
  const length = /^[0-9a-fA-F]{4}$/.test(hex) ? Number.parseInt(hex, 16) : Number.NaN;
  if (Number.isNaN(length)) return { ok: false, message: 'a refusal without a readable length' };
  if (bytes.length < REPLY_BYTES + LENGTH_BYTES + length) return null;
  return { ok: false, message: bytes.toString('utf8', REPLY_BYTES + LENGTH_BYTES, REPLY_BYTES + LENGTH_BYTES + length) };
}

/**
 * Connects to the adb server, selects the phone and opens `service` (`shell:…`) on it. Resolves once
 * the server said OKAY to both; rejects, exactly once, when it refuses, breaks off or takes longer than
 * `timeoutMs`.
 */
export function openAdbHostStream(address: AdbHostAddress, serial: string, service: string, handlers: AdbHostStreamHandlers, timeoutMs: number): Promise<AdbHostStream> {
  const requests = [encodeAdbHostRequest(`host:transport:${serial}`), encodeAdbHostRequest(service)];
  return new Promise<AdbHostStream>((resolve, reject) => {
    let answered = 0;
    let handshake: Buffer = Buffer.alloc(0);
    let streaming = false;
    let closed = false;
    const fail = (error: Error): void => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    };
    const readBuffer = Buffer.alloc(READ_BUFFER_BYTES);
    // Returns true: false would pause the socket.
    // A handler that throws breaks the stream (onClose gets its error) instead of escaping from Node's read callback.
    const deliver = (bytes: Buffer): void => {
      try {
        handlers.onData(bytes);
      } catch (error) {
        socket.destroy(error instanceof Error ? error : new Error(String(error)));
      }
    };
    const onRead = (nread: number): boolean => {
      if (streaming) {
        deliver(readBuffer.subarray(0, nread));
        return true;
      }
      handshake = Buffer.concat([handshake, readBuffer.subarray(0, nread)]);
      while (!streaming) {
        const reply = readAdbHostReply(handshake);
        if (reply === null) return true;
        if (!reply.ok) {
          fail(new AndroidDeviceError(`The adb server refused to open a stream on the phone ${serial}: ${reply.message}.`, 'Check that the phone is still connected and authorized (`adb devices`).'));
          return true;
        }
        handshake = handshake.subarray(reply.used);
        answered++;
        if (answered < requests.length) {
          socket.write(requests[answered]!);
          continue;
        }
        streaming = true;
        clearTimeout(timer);
        resolve({ stop: () => socket.destroy() });
        if (handshake.length > 0) deliver(handshake);
      }
      return true;
    };
    const socket = net.connect({ ...(address.host === undefined ? {} : { host: address.host }), port: address.port, onread: { buffer: readBuffer, callback: onRead } });
    const timer = setTimeout(() => fail(new DeviceCommandTimeoutError(serial, 'opening a stream', timeoutMs)), timeoutMs);
    socket.once('connect', () => socket.write(requests[0]!));
    socket.on('error', (error: Error) => {
      if (!streaming) {
        fail(new AndroidDeviceError(`Could not reach the adb server on port ${address.port}: ${error.message}.`, `Check that the adb server is running (\`adb -P ${address.port} start-server\`).`));
        return;
      }
      if (closed) return;
      closed = true;
      handlers.onClose(error);
    });
    socket.on('close', () => {
      if (!streaming) {
        fail(new AndroidDeviceError(`The adb server closed the connection before the phone ${serial} opened a stream.`, 'Check that the phone is still connected (`adb devices`).'));
        return;
      }
      if (closed) return;
      closed = true;
      handlers.onClose(null);
    });
  });
}
