// One lockdown request and its reply on a raw socket: a 4-byte big-endian length, then an
// XML plist (the device may answer in binary). Used for StartSession, so the socket can be
// handed to TLS right after without another reader still attached to it.
import type { Socket } from 'node:net';
import { build as buildPlist, parse as parsePlist, parseBinary, type PlistValue } from 'plist';

const MAX_REPLY_BYTES = 4 << 20;

export function lockdownRequest(socket: Socket, request: Record<string, unknown>, timeoutMs: number): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let buffer = Buffer.alloc(0);
    const finish = (error: Error | null, value?: Record<string, unknown>): void => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('error', onError);
      socket.off('close', onClose);
      socket.pause();
      if (error) reject(error);
      else resolve(value!);
    };
    const onData = (chunk: Buffer): void => {
      buffer = Buffer.concat([buffer, chunk]);
      if (buffer.length < 4) return;
      const length = buffer.readUInt32BE(0);
      if (length > MAX_REPLY_BYTES) return finish(new Error(`lockdownd announced a reply of ${length} bytes`));
      if (buffer.length < 4 + length) return;
      const body = buffer.subarray(4, 4 + length);
      try {
        const value = body.subarray(0, 6).toString('latin1') === 'bplist' ? parseBinary(body) : parsePlist(body.toString('utf8'));
        if (!value || typeof value !== 'object' || Array.isArray(value) || value instanceof Uint8Array || value instanceof Date) throw new Error('not a dictionary');
        finish(null, value as Record<string, unknown>);
      } catch (error) {
        finish(new Error(`lockdownd sent a reply that is not a plist dictionary (${error instanceof Error ? error.message : String(error)})`));
      }
    };
    const onError = (e: Error): void => finish(e);
    const onClose = (): void => finish(new Error('lockdownd closed the connection'));
    const timer = setTimeout(() => finish(new Error(`Failed to receive any data within the timeout: ${timeoutMs}`)), timeoutMs);
    socket.on('data', onData);
    socket.once('error', onError);
    socket.once('close', onClose);
    const body = Buffer.from(buildPlist(request as PlistValue), 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length, 0);
    socket.write(Buffer.concat([length, body]));
    socket.resume();
  });
}
