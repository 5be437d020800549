// "Open in Perfetto UI": the trace served once on loopback, with the CORS answers ui.perfetto.dev needs, checked
// with Node's own http client (no browser, no network).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UnavailableError } from '../../src/main/api/errors.js';
import { PERFETTO_UI_ORIGIN, PERFETTO_UI_PORT, perfettoUiUrl, serveTraceOnce } from '../../src/main/export/perfetto-ui.js';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function send(url: string, method = 'GET', headers: Record<string, string> = { Origin: PERFETTO_UI_ORIGIN }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function traceFile(bytes = randomBytes(300_000)): { file: string; bytes: Buffer } {
  const file = join(mkdtempSync(join(tmpdir(), 'ts-ui-')), 'my session.pftrace');
  writeFileSync(file, bytes);
  return { file, bytes };
}

describe('serveTraceOnce', () => {
  it('builds the ui.perfetto.dev link around a one-time loopback URL', async () => {
    const { file } = traceFile();
    const served = await serveTraceOnce(file, { port: 0 });
    try {
      expect(served.traceUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{32}\/my%20session\.pftrace$/);
      expect(served.url).toBe(`https://ui.perfetto.dev/#!/?url=${encodeURIComponent(served.traceUrl)}`);
      expect(decodeURIComponent(new URL(served.url).hash.split('url=')[1] ?? '')).toBe(served.traceUrl);
      expect(perfettoUiUrl('http://127.0.0.1:9001/a b')).toBe('https://ui.perfetto.dev/#!/?url=http%3A%2F%2F127.0.0.1%3A9001%2Fa%20b');
      expect(PERFETTO_UI_PORT).toBe(9001);
    } finally {
      await served.close();
    }
    expect(await served.done).toBe('closed');
  });

  it('answers the preflight, serves the whole trace once with the CORS header, then closes', async () => {
    const { file, bytes } = traceFile();
    const served = await serveTraceOnce(file, { port: 0 });

    const preflight = await send(served.traceUrl, 'OPTIONS', {
      Origin: PERFETTO_UI_ORIGIN,
      'Access-Control-Request-Method': 'GET',
      'Access-Control-Request-Private-Network': 'true',
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://ui.perfetto.dev');
    expect(preflight.headers['access-control-allow-methods']).toContain('GET');
    expect(preflight.headers['access-control-allow-private-network']).toBe('true');

    const elsewhere = await send(served.traceUrl.replace(/\/[0-9a-f]{32}\//, '/guess/'));
    expect(elsewhere.status).toBe(404);
    const head = await send(served.traceUrl, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(bytes.length));

    const download = await send(served.traceUrl);
    expect(download.status).toBe(200);
    expect(download.headers['access-control-allow-origin']).toBe('https://ui.perfetto.dev');
    expect(download.headers['content-type']).toBe('application/octet-stream');
    expect(Buffer.compare(download.body, bytes)).toBe(0);

    expect(await served.done).toBe('downloaded');
    await expect(send(served.traceUrl)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('counts a whole download as done even when the client hangs up the moment it has every byte', async () => {
    // The client closes as soon as Content-Length is reached, often before the server's file stream has seen its
    // end; that must still end the server as "downloaded" (it used to be taken for a cut-short download).
    const { file, bytes } = traceFile();
    const outcomes: string[] = [];
    for (let i = 0; i < 40; i++) {
      const served = await serveTraceOnce(file, { port: 0, timeoutMs: 2000 });
      const download = await send(served.traceUrl);
      expect(download.body.length).toBe(bytes.length);
      outcomes.push(await served.done);
    }
    expect(outcomes.filter((o) => o !== 'downloaded')).toEqual([]);
  });

  it('frees the trace for another try when a download is cut short', async () => {
    const { file, bytes } = traceFile(randomBytes(8_000_000));
    const served = await serveTraceOnce(file, { port: 0 });
    try {
      await new Promise<void>((resolve, reject) => {
        const req = request(served.traceUrl, { headers: { Origin: PERFETTO_UI_ORIGIN }, agent: false }, (res) => {
          let got = 0;
          res.on('data', (c: Buffer) => {
            got += c.length;
            if (got > 100_000) {
              res.destroy();
              resolve();
            }
          });
          res.on('error', () => undefined);
        });
        req.on('error', reject);
        req.end();
      });
      const again = await send(served.traceUrl);
      expect(again.status).toBe(200);
      expect(Buffer.compare(again.body, bytes)).toBe(0);
      expect(await served.done).toBe('downloaded');
    } finally {
      await served.close();
    }
  });

  it('closes by itself when nobody fetches the trace in time', async () => {
    const { file } = traceFile(Buffer.from('trace'));
    const served = await serveTraceOnce(file, { port: 0, timeoutMs: 100 });
    expect(await served.done).toBe('timeout');
    await expect(send(served.traceUrl)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('says in plain words when the port is taken', async () => {
    const { file } = traceFile(Buffer.from('trace'));
    const other = createServer();
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const port = (other.address() as AddressInfo).port;
    try {
      const attempt = serveTraceOnce(file, { port });
      await expect(attempt).rejects.toBeInstanceOf(UnavailableError);
      await expect(attempt).rejects.toThrow(new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is in use`));
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });
});
