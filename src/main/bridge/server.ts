// Browser mode: serves the built window and carries the contract over a WebSocket,
// on 127.0.0.1 only, behind BridgeAccess.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  BRIDGE_HOST_SCRIPT_PATH,
  BRIDGE_MAX_MESSAGE_BYTES,
  BRIDGE_SOCKET_PATH,
  type BridgeRequest,
  type BridgeServerMessage,
} from '../../shared/bridge-protocol.js';
import type { ApiDispatch } from '../api/dispatch.js';
import type { ApiEventHub } from '../api/event-hub.js';
import { BridgeAccess, checkHost, checkOrigin, type AccessVerdict } from './access.js';
import { HTTP_SECURITY_HEADERS } from './security-headers.js';

export interface BridgeOptions {
  dispatch: ApiDispatch;
  events: ApiEventHub;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** The built browser host script (out/host/host.js). */
  hostScriptFile: string;
  /** 0 picks a free port. */
  port: number;
  log?: (line: string) => void;
}

export interface BridgeServer {
  readonly port: number;
  /** The address with the one-time token; print it once. */
  readonly url: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

function send(res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...HTTP_SECURITY_HEADERS, 'Cache-Control': 'no-store', ...headers });
  res.end(body);
}

function refuse(res: ServerResponse, verdict: Extract<AccessVerdict, { ok: false }>): void {
  send(res, verdict.status, `Tetherscope refused this request: ${verdict.reason}.\n`, { 'Content-Type': 'text/plain; charset=utf-8' });
}

/** Puts the host script in front of every other script, so window.tetherscope exists before the app bundle runs. */
export function injectHostScript(html: string): string {
  const tag = `<script src="${BRIDGE_HOST_SCRIPT_PATH}"></script>`;
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (head) => `${head}\n    ${tag}`) : `${tag}\n${html}`;
}

function parseRequest(data: unknown): BridgeRequest | null {
  if (typeof data !== 'object' || data === null) return null;
  const { id, call } = data as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || typeof call !== 'string') return null;
  return data as BridgeRequest;
}

export async function startBridgeServer(options: BridgeOptions): Promise<BridgeServer> {
  const log = options.log ?? (() => {});
  const rendererRoot = normalize(options.rendererDir);
  const sockets = new Set<WebSocket>();
  let access: BridgeAccess | null = null;

  const wss = new WebSocketServer({ noServer: true, maxPayload: BRIDGE_MAX_MESSAGE_BYTES });

  const serveFile = async (res: ServerResponse, pathname: string): Promise<void> => {
    if (pathname === BRIDGE_HOST_SCRIPT_PATH) {
      const script = await readFile(options.hostScriptFile);
      send(res, 200, script, { 'Content-Type': CONTENT_TYPES['.js']! });
      return;
    }
    const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    const file = normalize(join(rendererRoot, relative));
    if (!file.startsWith(rendererRoot + sep)) {
      send(res, 404, 'Not found\n', { 'Content-Type': 'text/plain; charset=utf-8' });
      return;
    }
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      send(res, 404, 'Not found\n', { 'Content-Type': 'text/plain; charset=utf-8' });
      return;
    }
    const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
    if (extname(file) === '.html') {
      send(res, 200, injectHostScript(body.toString('utf8')), { 'Content-Type': type });
    } else {
      send(res, 200, body, { 'Content-Type': type, 'Cache-Control': 'no-cache' });
    }
  };

  const handleHttp = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const host = req.headers.host;
    const hostVerdict = checkHost(host);
    if (!hostVerdict.ok) return refuse(res, hostVerdict);
    const originVerdict = checkOrigin(req.headers.origin, host, false);
    if (!originVerdict.ok) return refuse(res, originVerdict);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'Only GET is served here.\n', { 'Content-Type': 'text/plain; charset=utf-8', Allow: 'GET, HEAD' });
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const token = url.searchParams.get('token');
    const cookieVerdict = access!.checkCookie(req.headers.cookie);
    if (token !== null) {
      if (cookieVerdict.ok) {
        send(res, 302, '', { Location: '/' });
        return;
      }
      const secret = access!.redeem(token);
      if (secret === null) {
        return refuse(res, { ok: false, status: 403, reason: 'this token is not valid or was already used; start `tetherscope serve` again for a new address' });
      }
      send(res, 302, '', { Location: '/', 'Set-Cookie': access!.setCookieHeader(secret) });
      return;
    }
    if (!cookieVerdict.ok) return refuse(res, cookieVerdict);
    await serveFile(res, url.pathname);
  };

  const handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const host = req.headers.host;
    const verdicts = [
      checkHost(host),
      checkOrigin(req.headers.origin, host, true),
      access!.checkCookie(req.headers.cookie),
      new URL(req.url ?? '/', 'http://127.0.0.1').pathname === BRIDGE_SOCKET_PATH
        ? ({ ok: true } as const)
        : ({ ok: false, status: 403, reason: 'unknown socket path' } as const),
    ];
    const refused = verdicts.find((v): v is Extract<AccessVerdict, { ok: false }> => !v.ok);
    if (refused) {
      log(`Refused a WebSocket: ${refused.reason}`);
      socket.end(`HTTP/1.1 ${refused.status} ${refused.status === 401 ? 'Unauthorized' : 'Forbidden'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };

  wss.on('connection', (ws: WebSocket) => {
    sockets.add(ws);
    const sendMessage = (message: BridgeServerMessage): void => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    const stopEvents = options.events.subscribe((batch) => sendMessage({ type: 'events', batch }));
    ws.on('message', (data, isBinary) => {
      let request: BridgeRequest | null;
      try {
        request = isBinary ? null : parseRequest(JSON.parse(data.toString()));
      } catch {
        request = null;
      }
      if (!request) {
        ws.close(1003, 'malformed request');
        return;
      }
      const { id, call, input } = request;
      void options.dispatch(call, input).then((reply) => sendMessage({ type: 'reply', id, reply }));
    });
    ws.on('close', () => {
      stopEvents();
      sockets.delete(ws);
    });
  });

  const server = createServer((req, res) => {
    handleHttp(req, res).catch((error: unknown) => {
      log(`HTTP error: ${String(error)}`);
      if (!res.headersSent) send(res, 500, 'Internal error\n', { 'Content-Type': 'text/plain; charset=utf-8' });
    });
  });
  server.on('upgrade', handleUpgrade);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  access = new BridgeAccess(port);

  return {
    port,
    url: `http://127.0.0.1:${port}/?token=${access.token ?? ''}`,
    close: async () => {
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
