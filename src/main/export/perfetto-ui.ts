// "Open in Perfetto UI": serves one trace file once, on loopback, for ui.perfetto.dev to fetch through its `url`
// route argument (perfetto.dev docs/visualization/deep-linking-to-perfetto-ui.md: the server must send
// Access-Control-Allow-Origin for the UI's origin).
//
// The port is 9001 by default because it is the only loopback port the UI's Content-Security-Policy lets it
// fetch from (google/perfetto ui/src/frontend/index.ts, setupContentSecurityPolicy: connect-src
// http://127.0.0.1:9001, shared with trace_processor --httpd), which is why Perfetto's own
// tools/open_trace_in_ui serves there too. A random port (0) suits tests, not the real UI.
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename } from 'node:path';
import { UnavailableError } from '../api/errors.js';

export const PERFETTO_UI_ORIGIN = 'https://ui.perfetto.dev';
export const PERFETTO_UI_PORT = 9001;
const DEFAULT_TIMEOUT_MS = 60_000;

export interface ServeTraceOptions {
  /** Default 9001 (see above); 0 picks a free port. */
  readonly port?: number;
  /** Closes when nobody has downloaded the trace by then. Default 60 s. */
  readonly timeoutMs?: number;
}

export type ServedTraceOutcome = 'downloaded' | 'timeout' | 'closed';

export interface ServedTrace {
  /** Opens the trace in ui.perfetto.dev. */
  readonly url: string;
  /** Where the trace itself is served (a one-time, unguessable path). */
  readonly traceUrl: string;
  /** Settles when the server has closed, saying why. */
  readonly done: Promise<ServedTraceOutcome>;
  close(): Promise<void>;
}

export function perfettoUiUrl(traceUrl: string): string {
  return `${PERFETTO_UI_ORIGIN}/#!/?url=${encodeURIComponent(traceUrl)}`;
}

export async function serveTraceOnce(file: string, options: ServeTraceOptions = {}): Promise<ServedTrace> {
  const size = (await stat(file)).size;
  const path = `/${randomBytes(16).toString('hex')}/${encodeURIComponent(basename(file))}`;
  const cors = { 'Access-Control-Allow-Origin': PERFETTO_UI_ORIGIN, Vary: 'Origin', 'Cache-Control': 'no-store' };
  let taken = false;
  let timedOut = false;
  let settle: (outcome: ServedTraceOutcome) => void = () => undefined;
  const done = new Promise<ServedTraceOutcome>((resolve) => (settle = resolve));

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.url !== path) {
      res.writeHead(404, cors).end();
      return;
    }
    if (req.method === 'OPTIONS') {
      // The preflight, including Chrome's for a public page reaching a loopback address (Private Network Access).
      res
        .writeHead(204, {
          ...cors,
          'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
          'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '',
          'Access-Control-Allow-Private-Network': 'true',
          'Access-Control-Max-Age': '60',
        })
        .end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...cors, Allow: 'GET, HEAD, OPTIONS' }).end();
      return;
    }
    if (taken) {
      res.writeHead(410, cors).end('This trace was served once and is gone; open it again from Tetherscope.');
      return;
    }
    const headers = { ...cors, 'Content-Type': 'application/octet-stream', 'Content-Length': String(size) };
    if (req.method === 'HEAD') {
      res.writeHead(200, headers).end();
      return;
    }
    taken = true;
    res.writeHead(200, headers);
    // Counted by write callbacks rather than read from `finish`: a client that has its Content-Length closes the
    // connection at once, often before the file stream has seen its end and so before `res.end()` was called.
    let flushed = 0;
    const body = createReadStream(file);
    body.on('data', (chunk) => {
      const length = chunk.length;
      const more = res.write(chunk, (error) => {
        if (!error) flushed += length;
      });
      if (!more) body.pause();
    });
    res.on('drain', () => body.resume());
    body.on('end', () => res.end());
    body.on('error', () => res.destroy());
    // A download cut short frees the trace for another try; a whole one ends the server.
    res.on('close', () => {
      body.destroy();
      if (res.writableFinished || flushed >= size) void shutDown('downloaded');
      else {
        taken = false;
        if (timedOut) void shutDown('timeout');
      }
    });
  };

  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(new UnavailableError(`Port ${options.port ?? PERFETTO_UI_PORT} on 127.0.0.1 is in use (perhaps by trace_processor --httpd), so the trace cannot be handed to ui.perfetto.dev.`, 'Close what uses it, or open the exported .pftrace file from ui.perfetto.dev yourself.'));
      } else reject(error);
    });
    server.listen(options.port ?? PERFETTO_UI_PORT, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const traceUrl = `http://127.0.0.1:${port}${path}`;

  let closing: Promise<void> | null = null;
  const shutDown = (outcome: ServedTraceOutcome): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      clearTimeout(timer);
      server.close(() => resolve());
      server.closeIdleConnections();
      // A browser may hold the finished connection open; it carries nothing more.
      setTimeout(() => server.closeAllConnections(), 1000).unref();
    }).then(() => settle(outcome));
    return closing;
  };
  // A download under way when the time is up finishes first (it then ends the server itself).
  const timer = setTimeout(() => {
    timedOut = true;
    if (!taken) void shutDown('timeout');
  }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  timer.unref();

  return { url: perfettoUiUrl(traceUrl), traceUrl, done, close: () => shutDown('closed') };
}
