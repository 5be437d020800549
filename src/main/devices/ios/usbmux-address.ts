// Where usbmuxd listens: the Unix socket on macOS and Linux, TCP 27015 on Windows and WSL,
// or whatever USBMUXD_SOCKET_ADDRESS says (`UNIX:/path` as libusbmuxd wants it, also a
// bare path or `unix:/path` as appium-ios-device accepts, or `host:port`).
import { connect, type Socket } from 'node:net';
import { release } from 'node:os';
import { UsbmuxdUnreachableError } from './errors.js';

export type UsbmuxAddress = { readonly kind: 'unix'; readonly path: string } | { readonly kind: 'tcp'; readonly host: string; readonly port: number };

export const USBMUXD_DEFAULT_SOCKET = '/var/run/usbmuxd';
export const USBMUXD_DEFAULT_TCP = { host: '127.0.0.1', port: 27015 } as const;

export function parseUsbmuxAddress(text: string): UsbmuxAddress | null {
  const value = text.trim();
  if (value === '') return null;
  const unix = /^unix:(.+)$/i.exec(value);
  if (unix) return { kind: 'unix', path: unix[1]! };
  if (value.startsWith('/')) return { kind: 'unix', path: value };
  const tcp = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(value);
  if (tcp) {
    const port = Number(tcp[2]);
    if (port > 0 && port < 65536) return { kind: 'tcp', host: tcp[1]!, port };
  }
  return null;
}

export function defaultUsbmuxAddress(env: NodeJS.ProcessEnv = process.env): UsbmuxAddress {
  const fromEnv = parseUsbmuxAddress(env['USBMUXD_SOCKET_ADDRESS'] ?? '');
  if (fromEnv) return fromEnv;
  const wsl = process.platform === 'linux' && /microsoft/i.test(release());
  return process.platform === 'win32' || wsl ? { kind: 'tcp', ...USBMUXD_DEFAULT_TCP } : { kind: 'unix', path: USBMUXD_DEFAULT_SOCKET };
}

/** The address as libimobiledevice tools and appium-ios-device both take it in USBMUXD_SOCKET_ADDRESS. */
export function formatUsbmuxAddress(address: UsbmuxAddress): string {
  return address.kind === 'unix' ? `UNIX:${address.path}` : `${address.host}:${address.port}`;
}

/** A connected socket to usbmuxd, or a UsbmuxdUnreachableError within the timeout. */
export function connectUsbmuxd(address: UsbmuxAddress, timeoutMs = 5000): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = address.kind === 'unix' ? connect(address.path) : connect(address.port, address.host);
    let settled = false;
    const settle = (error: Error | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.off('error', onError);
      if (error) {
        socket.destroy();
        reject(error);
      } else resolve(socket);
    };
    const onError = (e: NodeJS.ErrnoException): void => {
      const detail = e.code === 'ENOENT' ? 'no such socket' : e.code === 'ECONNREFUSED' ? 'connection refused' : e.code === 'EACCES' ? 'permission denied' : e.message;
      settle(new UsbmuxdUnreachableError(formatUsbmuxAddress(address), detail));
    };
    const timer = setTimeout(() => settle(new UsbmuxdUnreachableError(formatUsbmuxAddress(address), `no answer within ${timeoutMs} ms`)), timeoutMs);
    socket.once('error', onError);
    socket.once('connect', () => settle(null));
  });
}
